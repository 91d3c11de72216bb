/**
 * SCIM's ETags are the resource's version, weak: `W/"3"`. These read the conditional headers
 * (RFC 7232) that carry them.
 */

/** True when an `If-Match` / `If-None-Match` header value names this version (or is `*`). */
export function etagMatches(header: string, version: number): boolean {
  return header
    .split(',')
    .map((t) => t.trim())
    .some((t) => t === '*' || t.replace(/^W\//, '').replace(/^"|"$/g, '') === String(version));
}

/**
 * The versions an `If-Match` value (or a bulk operation's `version`) accepts, as the services take
 * them: none given or `*` is any version (undefined); tags that name no version match nothing.
 */
export function expectedVersions(ifMatch: string | undefined): number[] | undefined {
  if (ifMatch === undefined) return undefined;
  const tags = ifMatch.split(',').map((t) => t.trim());
  if (tags.includes('*')) return undefined;
  return tags
    .map((t) => t.replace(/^W\//, '').replace(/^"|"$/g, ''))
    .filter((t) => /^(0|[1-9]\d*)$/.test(t))
    .map(Number);
}
