import type { Identity, IdentityPatch, IdentityStatus } from '../../domain/directory/identity.js';
import { NAME_MAX_LENGTH, nameViolation, usernameViolation } from '../../domain/directory/names.js';
import { TRAIT_MAX_LENGTH, TRAITS_TYPE, type TraitField, type Traits, isEmailAddress } from '../../domain/directory/traits.js';
import { type Result, badRequest, ok } from './problems.js';
import { CORE_USER, ENTERPRISE_USER, USER_SCHEMA, resolveAttribute, splitSchemaUrn } from './schema.js';

/**
 * A SCIM User is an identity seen through SCIM (RFC 7643 §4.1, §4.3). These pure functions are
 * the whole mapping, both ways:
 *
 *   userName ↔ traits.username            displayName ↔ display_name
 *   active ↔ status (false = suspended)   externalId ↔ traits.external_id
 *   name.* ↔ given_name, family_name, middle_name, formatted_name, honorific_prefix/suffix
 *   emails: the primary (else type "work", else the first) ↔ primary_email_address, one other ↔
 *     secondary_email_address; phoneNumbers likewise ↔ primary_phone / secondary_phone
 *   addresses (the primary, else the first) ↔ formatted_address, street_address, locality,
 *     region, postal_code, country;  photos (the primary, else the first) ↔ photo
 *   title, nickName, profileUrl, locale, timezone, preferredLanguage, userType ↔ same-named traits
 *   enterprise employeeNumber, costCenter, organization, division, department ↔ same-named traits,
 *     manager.value / manager.displayName ↔ manager_id / manager_name
 *
 * Attributes with no home are ignored. `password` is accepted and dropped: never stored, never
 * returned. Multi-valued `type` labels are not stored; reads label the primary "work" and the
 * other email "other" and the other phone "mobile" (Entra's default mapping for mobile numbers).
 */

export type ScimResource = Record<string, unknown>;

/** What a SCIM write decides about an identity: everything but its id, realm and times. */
export interface UserWrite {
  display_name: string;
  /** Absent when the request said nothing about `active`. */
  status?: IdentityStatus;
  traits: Traits;
}

const SIMPLE: [string, TraitField][] = [
  ['externalId', 'external_id'],
  ['nickName', 'nick_name'],
  ['profileUrl', 'profile_url'],
  ['title', 'title'],
  ['userType', 'user_type'],
  ['preferredLanguage', 'preferred_language'],
  ['locale', 'locale'],
  ['timezone', 'timezone'],
];

const NAME_PARTS: [string, TraitField][] = [
  ['formatted', 'formatted_name'],
  ['familyName', 'family_name'],
  ['givenName', 'given_name'],
  ['middleName', 'middle_name'],
  ['honorificPrefix', 'honorific_prefix'],
  ['honorificSuffix', 'honorific_suffix'],
];

const ADDRESS_PARTS: [string, TraitField][] = [
  ['formatted', 'formatted_address'],
  ['streetAddress', 'street_address'],
  ['locality', 'locality'],
  ['region', 'region'],
  ['postalCode', 'postal_code'],
  ['country', 'country'],
];

const ENTERPRISE_PARTS: [string, TraitField][] = [
  ['employeeNumber', 'employee_number'],
  ['costCenter', 'cost_center'],
  ['organization', 'organization'],
  ['division', 'division'],
  ['department', 'department'],
];

export const etagOf = (version: number): string => `W/"${version}"`;

function pick(traits: Traits, pairs: [string, TraitField][]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [scim, trait] of pairs) {
    const value = traits[trait as Exclude<TraitField, 'username'>];
    if (value !== undefined) out[scim] = value;
  }
  return out;
}

const nonEmpty = (o: Record<string, unknown>) => Object.keys(o).length > 0;

/** A group an identity is a member of, as the User's read-only `groups` shows it. */
export interface UserGroup {
  id: string;
  display_name: string;
}

/**
 * The identity as a full SCIM User, attribute names in their canonical spelling. `groups` is
 * given by callers that read memberships (reads of the resource); writes work without it.
 */
export function identityToScimUser(identity: Identity, location: string, groups?: readonly UserGroup[]): ScimResource {
  const t = identity.traits;
  const user: ScimResource = { schemas: [CORE_USER], id: identity.id };
  if (t.external_id !== undefined) user.externalId = t.external_id;
  user.userName = t.username;
  const name = pick(t, NAME_PARTS);
  if (nonEmpty(name)) user.name = name;
  user.displayName = identity.display_name;
  Object.assign(user, pick(t, SIMPLE.slice(1)));
  user.active = identity.status === 'active';
  const emails = [];
  if (t.primary_email_address !== undefined) emails.push({ value: t.primary_email_address, type: 'work', primary: true });
  if (t.secondary_email_address !== undefined) emails.push({ value: t.secondary_email_address, type: 'other', primary: false });
  if (emails.length > 0) user.emails = emails;
  const phones = [];
  if (t.primary_phone !== undefined) phones.push({ value: t.primary_phone, type: 'work', primary: true });
  if (t.secondary_phone !== undefined) phones.push({ value: t.secondary_phone, type: 'mobile', primary: false });
  if (phones.length > 0) user.phoneNumbers = phones;
  const address = pick(t, ADDRESS_PARTS);
  if (nonEmpty(address)) user.addresses = [{ ...address, type: 'work', primary: true }];
  if (t.photo !== undefined) user.photos = [{ value: t.photo, type: 'photo', primary: true }];
  const enterprise: Record<string, unknown> = pick(t, ENTERPRISE_PARTS);
  const manager: Record<string, string> = {};
  if (t.manager_id !== undefined) manager.value = t.manager_id;
  if (t.manager_name !== undefined) manager.displayName = t.manager_name;
  if (nonEmpty(manager)) enterprise.manager = manager;
  if (nonEmpty(enterprise)) {
    user.schemas = [CORE_USER, ENTERPRISE_USER];
    user[ENTERPRISE_USER] = enterprise;
  }
  if (groups && groups.length > 0) {
    // `$ref` sits beside `location`: the service base is the part before `/Users/`.
    const base = location.slice(0, location.lastIndexOf('/Users/'));
    user.groups = groups.map((g) => ({ value: g.id, $ref: `${base}/Groups/${g.id}`, display: g.display_name, type: 'direct' }));
  }
  user.meta = {
    resourceType: 'User',
    created: identity.create_time,
    lastModified: identity.update_time,
    location,
    version: etagOf(identity.version),
  };
  return user;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Rewrites a client's resource with every known attribute in its canonical spelling (names are
 * case-insensitive, RFC 7644 §3.10), the extension gathered under its URN whether it came nested
 * or as `urn:…:User:attr` keys. Unknown attributes are dropped.
 */
export function canonicalResource(input: Record<string, unknown>): ScimResource {
  const out: ScimResource = {};
  const enterprise: Record<string, unknown> = {};
  const put = (path: string, value: unknown) => {
    const resolved = resolveAttribute(path, USER_SCHEMA);
    if (!resolved || resolved.sub) return;
    let v = value;
    if (resolved.attribute.subAttributes)
      v = canonicalComplex(
        value,
        resolved.attribute.subAttributes.map((s) => s.name),
      );
    if (resolved.extension) enterprise[resolved.attribute.name] = v;
    else out[resolved.attribute.name] = v;
  };
  for (const [key, value] of Object.entries(input)) {
    const { urn, rest } = splitSchemaUrn(key, USER_SCHEMA);
    if (urn === ENTERPRISE_USER && rest === '') {
      if (isObject(value)) for (const [k, v] of Object.entries(value)) put(`${ENTERPRISE_USER}:${k}`, v);
    } else if (urn !== undefined) {
      if (rest !== '') put(key, value);
    } else if (key.toLowerCase() === 'schemas') {
      out.schemas = value;
    } else {
      put(key, value);
    }
  }
  if (nonEmpty(enterprise)) out[ENTERPRISE_USER] = enterprise;
  return out;
}

function canonicalComplex(value: unknown, names: string[]): unknown {
  const fix = (o: unknown) => {
    if (!isObject(o)) return o;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) {
      const name = names.find((n) => n.toLowerCase() === k.toLowerCase());
      if (name) out[name] = v;
    }
    return out;
  };
  return Array.isArray(value) ? value.map(fix) : fix(value);
}

class Invalid extends Error {}

/** A string attribute's value: absent for null or "", a string up to the trait limit. */
function text(value: unknown, path: string, max = TRAIT_MAX_LENGTH): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new Invalid(`${path} must be a string`);
  if (value.length > max) throw new Invalid(`${path} must be at most ${max} characters`);
  return value;
}

/** Booleans, also as the strings "True"/"False" that Entra sends by default (M2). */
export function booleanOf(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lower = value.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  return undefined;
}

function isValidName(value: string): boolean {
  return nameViolation(value) === null;
}

function elements(value: unknown, path: string): Record<string, unknown>[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((e) => {
    if (!isObject(e)) throw new Invalid(`${path} must be a list of objects`);
    return e;
  });
}

/** The primary element (else the one typed `preferType`, else the first), and the rest in order. */
function primaryFirst(list: Record<string, unknown>[], preferType?: string) {
  const primary =
    list.find((e) => booleanOf(e.primary) === true) ??
    (preferType ? list.find((e) => typeof e.type === 'string' && e.type.toLowerCase() === preferType) : undefined) ??
    list[0];
  return primary ? [primary, ...list.filter((e) => e !== primary)] : [];
}

function valuesOf(list: Record<string, unknown>[], path: string): string[] {
  const out: string[] = [];
  for (const e of list) {
    const v = text(e.value, `${path}.value`);
    if (v !== undefined) out.push(v);
  }
  return out;
}

/**
 * Reads a SCIM User sent by a client (POST, PUT, or the result of a PATCH) into the identity's
 * fields. Read-only attributes (`id`, `meta`, `groups`) are ignored, as RFC 7644 §3.3 says.
 * `before`, for a PATCH: a userName, displayName or email left as the identity had it is not
 * checked again, so one stored before the stricter rules can still be deactivated (as v1 does).
 */
/**
 * A SCIM write as the patch every door's identity update takes: SCIM sends the whole User, so a
 * trait it leaves out is removed (`null`), and `status` stays when `active` was not said.
 */
export function writeAsPatch(current: Pick<Identity, 'traits'>, write: UserWrite): IdentityPatch {
  const traits: Record<string, string | null> = {};
  for (const key of Object.keys(current.traits)) traits[key] = null;
  Object.assign(traits, write.traits);
  return { display_name: write.display_name, ...(write.status ? { status: write.status } : {}), traits: traits as IdentityPatch['traits'] };
}

export function scimUserToWrite(input: unknown, before?: Pick<Identity, 'display_name' | 'traits'>): Result<UserWrite> {
  if (!isObject(input)) return badRequest('invalidSyntax', 'the body must be a JSON object');
  const r = canonicalResource(input);
  try {
    const traits: Record<string, string> = { type: TRAITS_TYPE };
    const set = (trait: TraitField, value: string | undefined) => {
      if (value !== undefined) traits[trait] = value;
    };
    const userName = text(r.userName, 'userName', NAME_MAX_LENGTH);
    if (userName === undefined) return badRequest('invalidValue', 'userName is required');
    const userNameViolation = userName === before?.traits.username ? null : usernameViolation(userName);
    if (userNameViolation !== null) {
      return badRequest(
        'invalidValue',
        `userName ${userNameViolation} (1 to ${NAME_MAX_LENGTH} characters, none of {}[]<>;:?\\/|*^%$#=~\`!, nothing invisible, no spaces at either end)`,
      );
    }
    traits.username = userName;
    for (const [scim, trait] of SIMPLE) set(trait, text(r[scim], scim));

    let name: Record<string, unknown> = {};
    if (r.name !== undefined && r.name !== null) {
      if (!isObject(r.name)) throw new Invalid('name must be an object');
      name = r.name;
    }
    for (const [scim, trait] of NAME_PARTS) set(trait, text(name[scim], `name.${scim}`));

    const emails = valuesOf(primaryFirst(elements(r.emails, 'emails'), 'work'), 'emails');
    const keptEmails = [before?.traits.primary_email_address, before?.traits.secondary_email_address];
    if (emails.some((email) => !keptEmails.includes(email) && !isEmailAddress(email))) throw new Invalid('emails.value must be an email address');
    set('primary_email_address', emails[0]);
    set(
      'secondary_email_address',
      emails.find((e, i) => i > 0 && e.toLowerCase() !== emails[0]?.toLowerCase()),
    );
    const phones = valuesOf(primaryFirst(elements(r.phoneNumbers, 'phoneNumbers'), 'work'), 'phoneNumbers');
    set('primary_phone', phones[0]);
    set(
      'secondary_phone',
      phones.find((p, i) => i > 0 && p !== phones[0]),
    );
    const [address] = primaryFirst(elements(r.addresses, 'addresses'));
    if (address) for (const [scim, trait] of ADDRESS_PARTS) set(trait, text(address[scim], `addresses.${scim}`));
    set('photo', valuesOf(primaryFirst(elements(r.photos, 'photos')), 'photos')[0]);

    const enterprise = r[ENTERPRISE_USER];
    if (isObject(enterprise)) {
      for (const [scim, trait] of ENTERPRISE_PARTS) set(trait, text(enterprise[scim], `${ENTERPRISE_USER}:${scim}`));
      const manager = enterprise.manager;
      if (typeof manager === 'string') {
        // Entra sends the manager as a bare id: {"path": "urn:…:manager", "value": "<id>"}.
        set('manager_id', text(manager, `${ENTERPRISE_USER}:manager`));
      } else if (isObject(manager)) {
        set('manager_id', text(manager.value, `${ENTERPRISE_USER}:manager.value`));
        set('manager_name', text(manager.displayName, `${ENTERPRISE_USER}:manager.displayName`));
      } else if (manager !== undefined && manager !== null) {
        throw new Invalid(`${ENTERPRISE_USER}:manager must be an object`);
      }
    }

    let status: IdentityStatus | undefined;
    if (r.active !== undefined && r.active !== null) {
      const active = booleanOf(r.active);
      if (active === undefined) throw new Invalid('active must be a boolean');
      status = active ? 'active' : 'suspended';
    }

    const displayName = text(r.displayName, 'displayName', NAME_MAX_LENGTH);
    if (displayName !== undefined && displayName !== before?.display_name && !isValidName(displayName)) {
      throw new Invalid(
        `displayName must be 1 to ${NAME_MAX_LENGTH} characters, none of {}[]<>;:?\\/|*^%$#=~\`!, nothing invisible, no spaces at either end`,
      );
    }
    const joined = [traits.given_name, traits.family_name].filter(Boolean).join(' ');
    const display_name = displayName ?? [traits.formatted_name, joined, userName].find((c): c is string => !!c && isValidName(c)) ?? userName;

    return ok({ display_name, ...(status ? { status } : {}), traits: traits as Traits });
  } catch (error) {
    if (error instanceof Invalid) return badRequest('invalidValue', error.message);
    throw error;
  }
}
