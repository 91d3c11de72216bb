import type { NewIdentityInput } from './identity.js';
import { TRAIT_FIELDS, TRAITS_TYPE } from './traits.js';

/**
 * Turns one imported record into the input of a new identity. Three shapes are understood:
 * - the v1 identity: `{"display_name", "status"?, "traits": {...}}` (`traits.type` may be left out);
 * - the same wrapped as a v1 create body: `{"identity": {...}}`;
 * - a SCIM User: `{"userName", "displayName"?, "name": {...}?, "emails": [...]?, "externalId"?,
 *   "active"?}`, mapped minimally: userName → username; displayName (else name.formatted, else
 *   given and family name, else userName) → display_name; name.givenName/familyName/formatted →
 *   given_name/family_name/formatted_name; the primary email (else the first) →
 *   primary_email_address; externalId → external_id; active false → suspended.
 * The result still has to pass `assertValidIdentity`; this only reshapes.
 */
export type ImportedIdentity = { ok: true; input: NewIdentityInput } | { ok: false; reason: string };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function identityFromRecord(record: unknown): ImportedIdentity {
  if (!isObject(record)) return { ok: false, reason: 'not a JSON object' };
  if ('identity' in record) return fromV1(record.identity);
  if ('userName' in record || 'schemas' in record) return fromScimUser(record);
  return fromV1(record);
}

function fromV1(value: unknown): ImportedIdentity {
  if (!isObject(value)) return { ok: false, reason: 'identity must be an object' };
  const traits = value.traits;
  if (!isObject(traits)) return { ok: false, reason: 'traits: missing' };
  if (typeof traits.username !== 'string') return { ok: false, reason: 'traits.username: missing' };
  if (typeof value.display_name !== 'string') return { ok: false, reason: 'display_name: missing' };
  if (value.status !== undefined && value.status !== 'active' && value.status !== 'suspended') {
    return { ok: false, reason: 'status: must be one of: active, suspended' };
  }
  return {
    ok: true,
    input: {
      display_name: value.display_name,
      ...(value.status !== undefined ? { status: value.status } : {}),
      traits: { ...(traits as NewIdentityInput['traits']), type: typeof traits.type === 'string' ? traits.type : TRAITS_TYPE },
    },
  };
}

function fromScimUser(user: Record<string, unknown>): ImportedIdentity {
  const userName = user.userName;
  if (typeof userName !== 'string') return { ok: false, reason: 'userName: missing' };
  const name = isObject(user.name) ? user.name : {};
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  const given = text(name.givenName);
  const family = text(name.familyName);
  const formatted = text(name.formatted);
  const emails = Array.isArray(user.emails) ? user.emails.filter(isObject) : [];
  const email = text((emails.find((e) => e.primary === true) ?? emails[0])?.value);
  const displayName = text(user.displayName) ?? formatted ?? ([given, family].filter(Boolean).join(' ') || userName);
  const traits: NewIdentityInput['traits'] = { type: TRAITS_TYPE, username: userName };
  if (given) traits.given_name = given;
  if (family) traits.family_name = family;
  if (formatted) traits.formatted_name = formatted;
  if (email) traits.primary_email_address = email;
  if (text(user.externalId)) traits.external_id = text(user.externalId);
  if (user.active !== undefined && typeof user.active !== 'boolean') return { ok: false, reason: 'active: must be a boolean' };
  return { ok: true, input: { display_name: displayName, status: user.active === false ? 'suspended' : 'active', traits } };
}

const TRAIT_COLUMNS = new Set<string>(TRAIT_FIELDS);

/**
 * A CSV row as a record: `display_name` and `status` columns, and one column per trait (`username`,
 * `primary_email_address`, ..., optionally written `traits.<name>`). Empty cells are left out.
 * A header with SCIM's `userName` reads the row as a flat SCIM User instead (`userName`,
 * `displayName`, `name.givenName`, `name.familyName`, `name.formatted`, `email`, `externalId`,
 * `active`).
 */
export function recordFromCsvRow(header: readonly string[], cells: readonly string[]): unknown {
  if (header.includes('userName')) {
    const get = (column: string) => {
      const cell = cells[header.indexOf(column)];
      return cell === undefined || cell === '' ? undefined : cell;
    };
    const active = get('active');
    return {
      userName: get('userName'),
      displayName: get('displayName'),
      name: { givenName: get('name.givenName'), familyName: get('name.familyName'), formatted: get('name.formatted') },
      emails: get('email') ? [{ value: get('email'), primary: true }] : [],
      externalId: get('externalId'),
      ...(active !== undefined ? { active: !/^(false|0|no)$/i.test(active) } : {}),
    };
  }
  const identity: Record<string, unknown> = {};
  const traits: Record<string, string> = { type: TRAITS_TYPE };
  header.forEach((column, i) => {
    const cell = cells[i];
    if (cell === undefined || cell === '') return;
    const key = column.startsWith('traits.') ? column.slice('traits.'.length) : column;
    if (key === 'display_name' || key === 'status') identity[key] = cell;
    else if (TRAIT_COLUMNS.has(key) || column.startsWith('traits.')) traits[key] = cell;
    else traits[key] = cell; // unknown columns reach the validator, which names them
  });
  identity.traits = traits;
  if (identity.display_name === undefined && traits.username !== undefined) identity.display_name = traits.username;
  return identity;
}
