/**
 * Secrets never reach the audit trail: before a resource is recorded, every value under a key that
 * names a secret is masked, at any depth. The key stays, so the event still says the secret was
 * set or changed; `null` stays `null` (it says the secret was removed).
 *
 * A key names a secret when, compared case-insensitively with `-` read as `_`, it is one of
 * `SECRET_KEYS`, or ends in `_secret`, `_password`, `_token`, `_hash` or `_sealed`, or starts with `private_`.
 * Hashes are masked too: a client secret's hash is what yonder checks a presented secret against,
 * and an audit trail readable with `events:read` is no place for it.
 * `token_suffix` or `token_endpoint_auth_method` are not secrets and are kept.
 */
export const REDACTED = '[redacted]';

const SECRET_KEYS = new Set([
  'client_secret',
  'secret',
  'token',
  'password',
  'private_jwk',
  'private_key',
  'api_key',
  'passphrase',
  'otp',
  'credential_binding_link',
  'binding_link',
]);

const SECRET_PATTERN = /(^private_|_(secret|password|token|hash|sealed)$)/;

/** Deeper than this a document is cut: an audit record is not the place for hostile nesting. */
const MAX_DEPTH = 32;

export function isSecretKey(key: string): boolean {
  const k = key.toLowerCase().replace(/-/g, '_');
  return SECRET_KEYS.has(k) || SECRET_PATTERN.test(k);
}

/** A copy of `value` with every secret masked; plain JSON data in, plain JSON data out. */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[truncated]';
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, depth + 1));
  // `Object.fromEntries` defines own properties, so a `__proto__` key stays a plain key.
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      isSecretKey(key) && inner !== null && inner !== undefined ? REDACTED : redactSecrets(inner, depth + 1),
    ]),
  );
}

/**
 * Query parameters that carry a credential in a URL: a binding link's `token`, an OAuth `code`,
 * and any name `isSecretKey` calls secret (`access_token`, `id_token`, `refresh_token`,
 * `client_secret`, `password`...). `state` is kept: it is the client's own anti-forgery value,
 * echoed back to it, which grants nothing by itself and is what ties a callback to its request when
 * reading the log.
 */
const SECRET_QUERY_KEYS = new Set(['code', 'ticket', 'assertion', 'client_assertion']);

export function isSecretQueryKey(key: string): boolean {
  return SECRET_QUERY_KEYS.has(key.toLowerCase()) || isSecretKey(key);
}

/**
 * A URL (path and query, as a request line has it) with the values of secret query parameters
 * masked, for logs. The rest is left exactly as sent. Names are compared decoded, so
 * `%74oken=...` is masked too; a name that does not decode is masked whole.
 */
export function redactUrl(url: string): string {
  const queryAt = url.indexOf('?');
  if (queryAt < 0) return url;
  const hashAt = url.indexOf('#', queryAt);
  const query = url.slice(queryAt + 1, hashAt < 0 ? undefined : hashAt);
  const masked = query
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const rawName = equals < 0 ? pair : pair.slice(0, equals);
      let name: string;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        return REDACTED;
      }
      return equals >= 0 && isSecretQueryKey(name) ? `${rawName}=${REDACTED}` : pair;
    })
    .join('&');
  return `${url.slice(0, queryAt)}?${masked}`;
}
