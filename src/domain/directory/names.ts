import { hasUnstorableCharacter } from '../text.js';

/**
 * Characters no name may hold, because they cannot be seen or change how the rest reads: controls
 * (Cc: CR and LF would reach email bodies), format characters (Cf: zero-width spaces and joiners,
 * the soft hyphen, bidi overrides such as U+202E, the byte-order mark, tag characters), line and
 * paragraph separators, variation selectors (U+FE00–FE0F, U+E0100–E01EF, the Mongolian ones) and
 * the other invisible fillers (U+034F, U+115F, U+1160, U+17B4, U+17B5, U+3164, U+FFA0). With them
 * `admin\u200b` sat beside `admin` and looked the same. A class body for a `u`-flag pattern.
 */
const INVISIBLE = '\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}\\u034f\\u115f\\u1160\\u17b4\\u17b5\\u180b-\\u180f\\u3164\\ufe00-\\ufe0f\\uffa0\\u{e0100}-\\u{e01ef}';
/** The characters the contract's name pattern forbids. */
const CONTRACT_FORBIDDEN = '{}[\\]<>;:?\\\\/|*^%$#=~`!';

/**
 * Text a person reads as a name (application and authenticator-config names, which the contract
 * does not restrict further): nothing invisible, and no whitespace at either end (`admin ` is
 * not `admin` to the store but is to the eye). Patterns are compiled with the `u` flag (Ajv does).
 */
export const PLAIN_TEXT_PATTERN = `^(?!\\s)[^${INVISIBLE}]*(?<!\\s)$`;

/**
 * Rules shared by every human-readable name in the v1 contract (display names, usernames): 1–64
 * characters, none of the characters the contract's pattern forbids, and plain text as above.
 */
export const NAME_PATTERN = `^(?!\\s)[^${CONTRACT_FORBIDDEN}${INVISIBLE}]*(?<!\\s)$`;
/** The contract's own pattern, for free text such as a group's description. */
export const CONTRACT_TEXT_PATTERN = `^[^${CONTRACT_FORBIDDEN}]*$`;
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

// biome-ignore lint/suspicious/noControlCharactersInRegex: the range is all of ASCII, control characters included.
const NOT_ASCII = /[^\u0000-\u007f]/;

const NAME_REGEX = new RegExp(NAME_PATTERN, 'u');

/** Why `value` is not an acceptable name, in the words of the v1 field violations; null if it is. */
export function nameViolation(value: unknown): string | null {
  if (typeof value !== 'string') return 'must be a string';
  if (value.length === 0) return 'empty string';
  // Counted in code points, as the contract's maxLength is; a string of at most that many UTF-16
  // units cannot hold more, so only longer ones are spread into code points.
  if (value.length > NAME_MAX_LENGTH && [...value].length > NAME_MAX_LENGTH) return `must be at most ${NAME_MAX_LENGTH} characters`;
  if (!NAME_REGEX.test(value) || hasUnstorableCharacter(value)) return 'contains characters that are not allowed';
  return null;
}

/**
 * Latin, Cyrillic and Greek share letters that look alike (Latin a, Cyrillic а; Latin o, Greek ο),
 * so `аdmin` with a Cyrillic а passed for `admin`. A username may use letters of one of these
 * scripts, not several; other scripts, digits and punctuation may go with any of them.
 *
 * A username wholly in one script that looks like one in another (Cyrillic `асе` and Latin
 * `ace`) passes here; the unique index on its skeleton (usernameSkeleton) refuses it with 409.
 */
const LOOK_ALIKE_SCRIPTS = [/\p{Script=Latin}/u, /\p{Script=Cyrillic}/u, /\p{Script=Greek}/u];

export function usernameViolation(value: unknown): string | null {
  const violation = nameViolation(value);
  if (violation !== null) return violation;
  const scripts = LOOK_ALIKE_SCRIPTS.filter((script) => script.test(value as string)).length;
  return scripts > 1 ? 'mixes Latin with Cyrillic or Greek letters' : null;
}

/**
 * Cyrillic and Greek letters (after case folding) that look like a Latin letter, and that letter:
 * the cross-script part of Unicode TR39's confusables for these three scripts, lower case. Kept
 * small on purpose; migration 016 holds a frozen copy to fill in the keys of existing identities.
 */
export const LOOK_ALIKE_LETTERS: Readonly<Record<string, string>> = {
  // Cyrillic
  '\u0430': 'a',
  '\u0432': 'b',
  '\u0435': 'e',
  '\u0456': 'i',
  '\u0458': 'j',
  '\u043a': 'k',
  '\u043c': 'm',
  '\u043d': 'h',
  '\u043e': 'o',
  '\u0440': 'p',
  '\u0441': 'c',
  '\u0442': 't',
  '\u0443': 'y',
  '\u0445': 'x',
  '\u0455': 's',
  '\u0501': 'd',
  '\u04bb': 'h',
  '\u051b': 'q',
  '\u051d': 'w',
  '\u04cf': 'l',
  '\u0457': 'i',
  '\u04bd': 'e',
  // Greek
  '\u03b1': 'a',
  '\u03b2': 'b',
  '\u03b3': 'y',
  '\u03b5': 'e',
  '\u03b9': 'i',
  '\u03ba': 'k',
  '\u03bd': 'v',
  '\u03bf': 'o',
  '\u03c1': 'p',
  '\u03c4': 't',
  '\u03c5': 'u',
  '\u03c7': 'x',
  '\u03c9': 'w',
  '\u03b7': 'n',
  '\u03b6': 'z',
  '\u03bc': 'u',
};

const LOOK_ALIKE = new RegExp(`[${Object.keys(LOOK_ALIKE_LETTERS).join('')}]`, 'gu');

/**
 * The key two usernames of a realm may not share (a unique index holds it): the folded key with
 * every Cyrillic or Greek look-alike letter replaced by its Latin twin, so Cyrillic `асе` and
 * Latin `ace` (or Greek `ορα` and `opa`) cannot both be taken. Mixed-script usernames are refused
 * outright (usernameViolation); this catches the whole words.
 */
export function usernameSkeleton(usernameKey: string): string {
  if (!NOT_ASCII.test(usernameKey)) return usernameKey;
  return usernameKey.replace(LOOK_ALIKE, (letter) => LOOK_ALIKE_LETTERS[letter] ?? letter);
}
