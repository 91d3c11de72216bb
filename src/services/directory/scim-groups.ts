import { type Group, type NamedRef, touchGroup } from '../../domain/directory/group.js';
import type { GroupCondition, GroupSort } from '../../domain/directory/group-query.js';
import { newId } from '../../domain/ids.js';
import { rulesReferencing } from '../../domain/access/policy.js';
import type { Grantor } from '../../domain/access/scopes.js';
import { nowTimestamp } from '../../domain/time.js';
import type { Yonder } from '../context.js';
import { assertMayJoinGroup } from '../access/grants.js';
import { groupEvents } from './groups.js';
import type { RealmRef } from './identities.js';
import { requireRealm } from './tenancy.js';
import type { Repositories } from '../../store/index.js';
import { scimGroupToWrite } from '../../protocols/scim/group-mapping.js';
import { type MemberDelta, memberDelta, needsMemberList, planGroupPatch } from '../../protocols/scim/group-patch.js';
import { ScimFailure, orFail } from '../../protocols/scim/problems.js';
import { parsePatchRequest } from '../../protocols/scim/user-patch.js';
import { etagMatches } from './scim-users.js';

/**
 * The Group use cases behind `/Groups` and `/Bulk`. A SCIM Group is a v1 group: same rows, same
 * store, same membership table, so both APIs show one truth. Every write runs in one transaction
 * that locks the group row first (PostgreSQL; SQLite has one writer), so concurrent PATCHes of one
 * group serialize and end as some serial order of them would; every write increments the
 * group's version (the ETag), and `ifMatch` refuses to write over a version the client has not seen.
 */

export const groupNotFound = (id: string) => new ScimFailure({ status: 404, detail: `Group ${id} not found` });

function checkVersion(group: Group, ifMatch: string | undefined): void {
  if (ifMatch !== undefined && !etagMatches(ifMatch, group.version)) {
    throw new ScimFailure({ status: 412, detail: `the Group has changed; its version is W/"${group.version}"` });
  }
}

/**
 * Members must be users of the group's realm. An unknown id (or one of another realm) is a 400
 * `invalidValue` naming it, and nothing changes: a 404 would say the *group* is missing, and a
 * client could then re-create it.
 */
async function requireUsers(tx: Repositories, realmId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await tx.identities.existing(realmId, ids);
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw new ScimFailure({ status: 400, scimType: 'invalidValue', detail: `members: no user ${missing.join(', ')} in this realm` });
  }
}

/** Who a membership write added and removed, for its audit events. */
interface MembershipChange {
  added: string[];
  removed: string[];
}

/**
 * Writes a member delta with the groups store's add and remove (removing a non-member is no error).
 * New members of a group that carries management scopes (through roles, admin realm only) are a
 * grant the caller must be able to make: 403 otherwise, and nothing changes. Answers the change as
 * v1's `:addMembers` and `:deleteMembers` would record it: the ids given, or, where the group was
 * emptied first, the net change against those it held.
 */
async function writeMembers(tx: Repositories, realmId: string, groupId: string, delta: MemberDelta, caller: Grantor): Promise<MembershipChange> {
  await requireUsers(tx, realmId, delta.add);
  await assertMayJoinGroup(tx, caller, realmId, groupId, delta.add);
  let change: MembershipChange = { added: delta.add, removed: delta.remove };
  if (delta.clear) {
    const before = new Set(await tx.groups.removeAllMembers(groupId));
    const after = new Set(delta.add);
    change = { added: delta.add.filter((id) => !before.has(id)), removed: [...before].filter((id) => !after.has(id)) };
  } else if (delta.remove.length > 0) {
    await tx.groups.removeMembers(groupId, delta.remove);
  }
  if (delta.add.length > 0) await tx.groups.addMembers(groupId, delta.add);
  return change;
}

export async function createGroup(y: Yonder, ref: RealmRef, body: unknown, caller: Grantor): Promise<Group> {
  const write = orFail(scimGroupToWrite(body));
  return y.store.transaction(async (tx) => {
    await requireRealm(tx, ref.tenantId, ref.realmId);
    const now = nowTimestamp();
    const group: Group = {
      id: newId(),
      realm_id: ref.realmId,
      tenant_id: ref.tenantId,
      display_name: write.display_name,
      description: '',
      ...(write.external_id !== undefined ? { external_id: write.external_id } : {}),
      version: 1,
      create_time: now,
      update_time: now,
    };
    // A name taken in any case is a `conflict`, which the SCIM edge answers 409 `uniqueness`.
    await tx.groups.insert(group);
    await groupEvents.created(tx, group);
    const members = await writeMembers(tx, ref.realmId, group.id, { clear: false, add: write.members, remove: [] }, caller);
    await groupEvents.membersChanged(tx, group, members);
    return group;
  });
}

export async function getGroup(y: Yonder, ref: RealmRef, id: string): Promise<Group> {
  await requireRealm(y.store, ref.tenantId, ref.realmId);
  const group = await y.store.groups.get(ref.realmId, id);
  if (!group) throw groupNotFound(id);
  return group;
}

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

/** What a PUT or PATCH did: the group's own fields as they are now, and who joined or left. */
interface GroupRewrite {
  fields: Pick<Group, 'display_name' | 'external_id'>;
  /** Whether the request set the group's own fields (an update in v1's terms), even to the same values. */
  setsFields: boolean;
  members: MembershipChange;
}

/**
 * Locks the group, checks its version, lets `change` write the members, and stores the new
 * version, with the events v1 records for the same changes (`group.updated` for the group's own
 * fields, `group.members_removed` and `group.members_added`), in the same transaction.
 */
async function rewrite(
  y: Yonder,
  ref: RealmRef,
  id: string,
  ifMatch: string | undefined,
  change: (tx: Repositories, current: Group) => Promise<GroupRewrite>,
): Promise<Group> {
  return y.store.transaction(async (tx) => {
    await requireRealm(tx, ref.tenantId, ref.realmId);
    const current = await tx.groups.getForUpdate(ref.realmId, id);
    if (!current) throw groupNotFound(id);
    checkVersion(current, ifMatch);
    const { fields, setsFields, members } = await change(tx, current);
    const { external_id, ...rest } = { ...touchGroup(current, nowTimestamp()), ...fields };
    const updated: Group = { ...rest, ...(external_id !== undefined ? { external_id } : {}) };
    // A rename onto another group's name (any case) is 409 `uniqueness`.
    await tx.groups.update(updated);
    if (setsFields) await groupEvents.updated(tx, current, updated);
    await groupEvents.membersChanged(tx, updated, members);
    return updated;
  });
}

/** PUT replaces displayName, externalId and the whole member list (RFC 7644 §3.5.1). */
export function replaceGroup(y: Yonder, ref: RealmRef, id: string, body: unknown, caller: Grantor, ifMatch?: string): Promise<Group> {
  const write = orFail(scimGroupToWrite(body));
  return rewrite(y, ref, id, ifMatch, async (tx) => {
    const current = await tx.groups.memberIds(id);
    const delta = orFail(memberDelta([{ kind: 'clear' }, { kind: 'add', ids: write.members }], current));
    const members = await writeMembers(tx, ref.realmId, id, delta, caller);
    return { fields: { display_name: write.display_name, external_id: write.external_id }, setsFields: true, members };
  });
}

/** PATCH: every operation applies or none (one transaction; a failing check rolls all back). */
export function patchGroup(y: Yonder, ref: RealmRef, id: string, body: unknown, caller: Grantor, ifMatch?: string): Promise<Group> {
  const plan = orFail(planGroupPatch(orFail(parsePatchRequest(body))));
  return rewrite(y, ref, id, ifMatch, async (tx, current) => {
    const list = needsMemberList(plan) ? await tx.groups.memberIds(id) : undefined;
    const members = await writeMembers(tx, ref.realmId, id, orFail(memberDelta(plan.members, list)), caller);
    return {
      fields: {
        display_name: plan.displayName ?? current.display_name,
        external_id: plan.externalId === undefined ? current.external_id : (plan.externalId ?? undefined),
      },
      setsFields: plan.displayName !== undefined || plan.externalId !== undefined,
      members,
    };
  });
}

/**
 * DELETE removes the group and its memberships in one transaction. Unlike v1 (which refuses to
 * delete a group that has members), SCIM clients delete groups with members (Okta's "unlink with
 * delete", Entra's group deprovisioning), so members go with it. A group that a rule of the
 * realm's current policy names is still refused, with 409 naming the rules: deleting it would
 * silently change who may enroll or authenticate, and the policy is the admin's to change first.
 */
export async function deleteGroup(y: Yonder, ref: RealmRef, id: string, ifMatch?: string): Promise<void> {
  await y.store.transaction(async (tx) => {
    await requireRealm(tx, ref.tenantId, ref.realmId);
    await tx.realms.lock(ref.realmId);
    const current = await tx.groups.getForUpdate(ref.realmId, id);
    if (!current) throw groupNotFound(id);
    checkVersion(current, ifMatch);
    const policy = await tx.policies.current(ref.realmId);
    const rules = policy ? rulesReferencing(policy.rules, 'groups', id) : [];
    if (rules.length > 0) {
      const names = rules.map((r) => `"${r.name}" (${r.id})`).join(', ');
      throw new ScimFailure({ status: 409, detail: `the group is referenced by policy rules: ${names}; change the policy first` });
    }
    const members = await tx.groups.removeAllMembers(id);
    await groupEvents.membersChanged(tx, current, { added: [], removed: members });
    await tx.groups.delete(ref.realmId, id);
    await groupEvents.deleted(tx, current);
  });
}
