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
  return value.normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC');
}
