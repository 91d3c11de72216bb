/**
 * Where a hosted page may send the browser next (the sign-in page's `return_to`): a path of this
 * site under one of the given prefixes, spelled so plainly that every URL parser reads the same
 * path. Checking the *normalised* path is not enough: `/.//evil.example` normalises to
 * `//evil.example`, which a browser then reads as another origin. So this refuses, instead of
 * normalising:
 *   - anything not starting with one `/` (`//host`, `https://...`, `javascript:`, a relative path);
 *   - backslashes anywhere (browsers read `/\host` as `//host`), control characters, spaces and
 *     anything outside printable ASCII (the URL parser drops tabs and newlines);
 *   - in the path: empty segments (`//`), `.` and `..` segments, and any `%` escape (`%2e%2e`,
 *     `%2f`, `%5c` decode to the above in some parser or other);
 *   - a path not under an allowed prefix (each ends with `/`).
 * The query and fragment may hold percent escapes; they cannot change the origin.
 */
const PATH_SEGMENT = /^[A-Za-z0-9\-._~!$&'()*+,;=:@]+$/;
const PRINTABLE_ASCII = /^[\x21-\x7e]*$/;

export function safeReturnPath(value: string, allowedPrefixes: readonly string[]): string | null {
  if (!PRINTABLE_ASCII.test(value) || value.includes('\\')) return null;
  const end = value.search(/[?#]/);
  const path = end === -1 ? value : value.slice(0, end);
  const segments = path.split('/');
  if (segments[0] !== '' || segments.length < 2) return null;
  const named = segments.slice(1);
  // A trailing slash leaves one empty last segment; any other empty one is a `//`.
  if (named[named.length - 1] === '') named.pop();
  for (const segment of named) {
    if (!PATH_SEGMENT.test(segment) || segment === '.' || segment === '..') return null;
  }
  return allowedPrefixes.some((prefix) => path.startsWith(prefix)) ? value : null;
}
