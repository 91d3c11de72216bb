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

export type Traits = { type: typeof TRAITS_TYPE; username: string } & Partial<
  Record<Exclude<TraitField, 'username'>, string>
>;

/** A trait patch: a string sets the key, `null` removes it (JSON merge-patch semantics). */
export type TraitsPatch = { type: string } & Partial<Record<TraitField, string | null>>;
