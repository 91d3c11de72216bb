import type { Group } from '../../domain/directory/group.js';
import type { GroupCondition, GroupSort } from '../../domain/directory/group-query.js';
import type { Grantor } from '../../domain/access/scopes.js';
import type { Yonder } from '../context.js';
import * as groups from './groups.js';
import type { RealmRef } from './identities.js';
import { requireRealm } from './tenancy-lookup.js';
import type { NamedRef } from '../../domain/directory/group.js';
import { scimGroupToWrite } from '../../protocols/scim/group-mapping.js';
import { memberDelta, needsMemberList, planGroupPatch } from '../../protocols/scim/group-patch.js';
import { orFail } from '../../protocols/scim/problems.js';
import { expectedVersions } from '../../protocols/scim/etag.js';
import { parsePatchRequest } from '../../protocols/scim/user-patch.js';

/**
 * The Group use cases behind `/Groups` and `/Bulk`: SCIM bodies read into the changes the groups
 * service makes for every door, so a SCIM Group is a v1 group written, checked, granted and
 * recorded in one place (see services/directory/groups.ts: changeGroup). A SCIM write moves
 * `meta.lastModified` with membership too, and `ifMatch` (from `If-Match` or a bulk operation's
 * `version`) refuses to write over a version the client has not seen.
 */

/** Members must be users of the group's realm; an unknown one is a 400 `invalidValue` naming it (errors.ts). */
export async function createGroup(y: Yonder, ref: RealmRef, body: unknown, caller: Grantor): Promise<Group> {
  const write = orFail(scimGroupToWrite(body));
  const input = { display_name: write.display_name, ...(write.external_id !== undefined ? { external_id: write.external_id } : {}) };
  return groups.createGroup(y, ref, input, { identityIds: write.members, caller });
}

export const getGroup = groups.getGroup;

export async function membersOf(y: Yonder, groupIds: readonly string[]): Promise<Map<string, NamedRef[]>> {
  return y.store.scimGroups.membersOf(groupIds);
}

export interface GroupSearch {
  filter?: GroupCondition;
  sort: GroupSort;
  startIndex: number;
  count: number;
}

export async function searchGroups(y: Yonder, ref: RealmRef, search: GroupSearch): Promise<{ groups: Group[]; total: number }> {
  await requireRealm(y.store, ref.tenantId, ref.realmId);
  const total = await y.store.scimGroups.count(ref.realmId, search.filter);
  const groups =
    search.count === 0 || search.startIndex > total
      ? []
      : await y.store.scimGroups.search(ref.realmId, search.filter, search.sort, search.startIndex - 1, search.count);
  return { groups, total };
}

/** PUT replaces displayName, externalId and the whole member list (RFC 7644 §3.5.1). */
export function replaceGroup(y: Yonder, ref: RealmRef, id: string, body: unknown, caller: Grantor, ifMatch?: string): Promise<Group> {
  const write = orFail(scimGroupToWrite(body));
  return groups.changeGroup(
    y,
    ref,
    id,
    async (_current, reads) => ({
      fields: { display_name: write.display_name, external_id: write.external_id ?? null },
      members: orFail(memberDelta([{ kind: 'clear' }, { kind: 'add', ids: write.members }], await reads.memberIds())),
      membersMoveUpdateTime: true,
    }),
    caller,
    { expectedVersions: expectedVersions(ifMatch) },
  );
}

/**
 * PATCH: every operation applies or none (one transaction; a failing check rolls all back). Only
 * a rename or a new externalId is an update in v1's terms (`group.updated`).
 */
export function patchGroup(y: Yonder, ref: RealmRef, id: string, body: unknown, caller: Grantor, ifMatch?: string): Promise<Group> {
  const plan = orFail(planGroupPatch(orFail(parsePatchRequest(body))));
  const setsFields = plan.displayName !== undefined || plan.externalId !== undefined;
  return groups.changeGroup(
    y,
    ref,
    id,
    async (_current, reads) => ({
      ...(setsFields ? { fields: { display_name: plan.displayName, external_id: plan.externalId } } : {}),
      members: orFail(memberDelta(plan.members, needsMemberList(plan) ? await reads.memberIds() : undefined)),
      membersMoveUpdateTime: true,
    }),
    caller,
    { expectedVersions: expectedVersions(ifMatch) },
  );
}

/**
 * DELETE removes the group with its memberships (SCIM clients delete groups with members); a
 * group a rule of the current policy names is refused with 409 naming the rules.
 */
export function deleteGroup(y: Yonder, ref: RealmRef, id: string, ifMatch?: string): Promise<void> {
  return groups.deleteGroup(y, ref, id, { expectedVersions: expectedVersions(ifMatch), withMembers: true });
}
