/** U+0000, or a UTF-16 surrogate without its pair (valid in JSON as `"\udfff"`, but not text). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: U+0000 is the character looked for.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Whether a string holds what no store keeps as sent: PostgreSQL text cannot hold U+0000 and
 * refuses a lone surrogate (once a 500), SQLite stores U+FFFD in its place. No name or trait needs
 * either. The JSON parser refuses such bodies at the door; the identity rules refuse such values
 * from doors without it (the CLI import).
 */
export function hasUnstorableCharacter(value: string): boolean {
  return UNSTORABLE.test(value);
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe to place in HTML, for the hosted pages and the enrollment emails alike. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}
