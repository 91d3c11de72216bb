/** Every trait field of the contract's `Traits_v0` besides `type`. All are optional strings. */
export const TRAIT_FIELDS = [
  'username',
  'primary_email_address',
  'secondary_email_address',
  'external_id',
  'family_name',
  'given_name',
  'formatted_name',
  'middle_name',
  'honorific_prefix',
  'honorific_suffix',
  'nick_name',
  'title',
  'primary_phone',
  'secondary_phone',
  'profile_url',
  'photo',
  'preferred_language',
  'locale',
  'timezone',
  'formatted_address',
  'street_address',
  'locality',
  'region',
  'postal_code',
  'country',
  'user_type',
  'employee_number',
  'cost_center',
  'organization',
  'division',
  'department',
  'manager_id',
  'manager_name',
] as const;

export type TraitField = (typeof TRAIT_FIELDS)[number];

export const TRAITS_TYPE = 'traits_v0';

/** Longest value accepted for any trait besides username (whose limit is the contract's 64). */
export const TRAIT_MAX_LENGTH = 1024;

export type Traits = { type: typeof TRAITS_TYPE; username: string } & Partial<Record<Exclude<TraitField, 'username'>, string>>;

/** A trait patch: a string sets the key, `null` removes it (JSON merge-patch semantics). */
export type TraitsPatch = { type: string } & Partial<Record<TraitField, string | null>>;

/**
 * An email address as an addr-spec only (RFC 5322 §3.4.1 `local-part@domain`, the local part a
 * dot-atom): one mailbox and nothing else. The fuller forms mail software also reads — a display
 * name (`ceo <attacker@evil.example>`), a group (`Team:attacker@evil.example;`), a quoted local
 * part, a comment, a list, a domain literal, a line break — name some other mailbox than the
 * text seems to, and an identity's email is where its binding link is sent. Letters beyond ASCII
 * are allowed on both sides (RFC 6531 addresses, IDN domains); one-label domains (`x@localhost`)
 * too, as before.
 */
const LOCAL_ATOM = "[\\p{L}\\p{M}\\p{N}!#$%&'*+/=?^_`{|}~-]+";
const DOMAIN_LABEL = '[\\p{L}\\p{M}\\p{N}](?:[\\p{L}\\p{M}\\p{N}-]*[\\p{L}\\p{M}\\p{N}])?';
const ADDR_SPEC = new RegExp(`^${LOCAL_ATOM}(?:\\.${LOCAL_ATOM})*@${DOMAIN_LABEL}(?:\\.${DOMAIN_LABEL})*$`, 'u');
export const EMAIL_MAX_LENGTH = 320;

export function isEmailAddress(value: string): boolean {
  return value.length <= EMAIL_MAX_LENGTH && ADDR_SPEC.test(value);
}
