/**
 * Rules shared by every human-readable name in the v1 contract (display names, usernames): 1–64
 * characters, none of the characters the contract's pattern forbids.
 */
export const NAME_PATTERN = '^[^{}[\\]<>;:?\\\\/|*^%$#=~`!]*$';
export const NAME_MAX_LENGTH = 64;

/**
 * The comparison key for names that are unique case-insensitively. NFKC first so that composed
 * and decomposed forms (and full-width letters) compare equal; then upper- and lower-casing, which
 * approximates Unicode full case folding in JavaScript ("Straße" and "STRASSE" share a key, as do
 * final and medial sigma). NFKC again because case mapping can produce decomposable sequences.
 */
export function foldedKey(value: string): string {
  // ASCII text is already in NFKC and folds by lower-casing alone: one pass instead of four (a
  // bulk import folds three keys per identity).
  if (!NOT_ASCII.test(value)) return value.toLowerCase();
  return value.normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC');
}

const NOT_ASCII = /[^\u0000-\u007f]/;

const NAME_REGEX = new RegExp(NAME_PATTERN, 'u');

/** Why `value` is not an acceptable name, in the words of the v1 field violations; null if it is. */
export function nameViolation(value: unknown): string | null {
  if (typeof value !== 'string') return 'must be a string';
  if (value.length === 0) return 'empty string';
  // Counted in code points, as the contract's maxLength is; a string of at most that many UTF-16
  // units cannot hold more, so only longer ones are spread into code points.
  if (value.length > NAME_MAX_LENGTH && [...value].length > NAME_MAX_LENGTH) return `must be at most ${NAME_MAX_LENGTH} characters`;
  if (!NAME_REGEX.test(value)) return 'contains characters that are not allowed';
  return null;
}
