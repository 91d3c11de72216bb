import type { Group, NamedRef } from '../../domain/directory/group.js';
import { NAME_MAX_LENGTH, nameViolation } from '../../domain/directory/names.js';
import { type Result, badRequest, ok } from './problems.js';
import { CORE_GROUP, GROUP_SCHEMA, splitSchemaUrn } from './schema.js';
import { type ScimResource, etagOf } from './user-mapping.js';

/**
 * A SCIM Group is a v1 group seen through SCIM (RFC 7643 §4.2), both ways:
 *
 *   displayName ↔ display_name (the v1 name rules: unique per realm ignoring case, 1–64
 *     characters, none of the characters the contract forbids)
 *   externalId ↔ external_id (not shown by v1)
 *   members[].value ↔ the group's member identities; `display` and `$ref` are computed on reads
 *     and ignored on writes; `type` is "User" (groups do not nest)
 *
 * The v1 `description` has no SCIM attribute and is kept as it is by SCIM writes.
 */

export interface GroupWrite {
  display_name: string;
  external_id?: string;
  members: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The group as a SCIM resource; `members` only when the caller read them. */
export function groupToScim(group: Group, location: string, members?: readonly NamedRef[]): ScimResource {
  const resource: ScimResource = { schemas: [CORE_GROUP], id: group.id };
  if (group.external_id !== undefined) resource.externalId = group.external_id;
  resource.displayName = group.display_name;
  if (members) {
    const base = location.slice(0, location.lastIndexOf('/Groups/'));
    resource.members = members.map((m) => ({ value: m.id, $ref: `${base}/Users/${m.id}`, display: m.display_name, type: 'User' }));
  }
  resource.meta = {
    resourceType: 'Group',
    created: group.create_time,
    lastModified: group.update_time,
    location,
    version: etagOf(group.version),
  };
  return resource;
}

/** A valid group name, or `invalidValue` saying why not. */
export function displayNameOf(value: unknown): Result<string> {
  const violation = nameViolation(value);
  if (violation !== null)
    return badRequest('invalidValue', `displayName ${violation} (1 to ${NAME_MAX_LENGTH} characters, none of {}[]<>;:?\\/|*^%$#=~\`!)`);
  return ok(value as string);
}

export function externalIdOf(value: unknown): Result<string | undefined> {
  if (value === undefined || value === null || value === '') return ok(undefined);
  if (typeof value !== 'string' || value.length > 1024) return badRequest('invalidValue', 'externalId must be a string of at most 1024 characters');
  return ok(value);
}

/**
 * The member ids in a `members` value: a list of `{value}` objects (or one object). Okta adds
 * `display`, Entra `"$ref": null`; both are ignored. A `type` other than "User" is refused: yonder
 * has no nested groups.
 */
export function memberIdsOf(value: unknown): Result<string[]> {
  if (value === undefined || value === null) return ok([]);
  const list = Array.isArray(value) ? value : [value];
  const ids: string[] = [];
  for (const entry of list) {
    if (!isObject(entry)) return badRequest('invalidValue', 'members must be a list of objects with a value');
    const key = (name: string) => Object.keys(entry).find((k) => k.toLowerCase() === name);
    const id = entry[key('value') ?? 'value'];
    if (typeof id !== 'string' || id === '' || id.length > 64) return badRequest('invalidValue', 'members[].value must be a user id');
    const type = entry[key('type') ?? 'type'];
    if (type !== undefined && type !== null && (typeof type !== 'string' || type.toLowerCase() !== 'user')) {
      return badRequest('invalidValue', 'members can only be users; groups do not nest');
    }
    ids.push(id.toLowerCase());
  }
  return ok([...new Set(ids)]);
}

/**
 * Reads a SCIM Group sent by a client (POST or PUT). Read-only attributes (`id`, `meta`) and
 * unknown ones are ignored; names are case-insensitive and may carry the Group URN. Entra's
 * sample also lists an ADSCIM schema URI in `schemas`; `schemas` is not checked.
 */
export function scimGroupToWrite(input: unknown): Result<GroupWrite> {
  if (!isObject(input)) return badRequest('invalidSyntax', 'the body must be a JSON object');
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const { rest } = splitSchemaUrn(key, GROUP_SCHEMA);
    fields[rest.toLowerCase()] = value;
  }
  const name = displayNameOf(fields.displayname);
  if (!name.ok) return fields.displayname === undefined ? badRequest('invalidValue', 'displayName is required') : name;
  const externalId = externalIdOf(fields.externalid);
  if (!externalId.ok) return externalId;
  const members = memberIdsOf(fields.members);
  if (!members.ok) return members;
  return ok({ display_name: name.value, ...(externalId.value !== undefined ? { external_id: externalId.value } : {}), members: members.value });
}
