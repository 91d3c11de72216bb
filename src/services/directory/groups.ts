import { type VersionCheck, ReferencedByPolicy, UnknownMembers, assertExpectedVersion, conflict, notFound } from '../../domain/errors.js';
import {
  type Group,
  type GroupFields,
  type GroupPatch,
  type NewGroupInput,
  bumpGroupVersion,
  touchGroup,
  withGroupFields,
} from '../../domain/directory/group.js';
import type { Identity } from '../../domain/directory/identity.js';
import { newId } from '../../domain/ids.js';
import { rulesReferencing } from '../../domain/access/policy.js';
import type { Grantor } from '../../domain/access/scopes.js';
import { nowTimestamp } from '../../domain/time.js';
import type { Repositories } from '../../store/index.js';
import { type EventInput, changeEvent, recordEvent } from '../audit/audit.js';
import type { Yonder } from '../context.js';
import { newRealmResource } from '../realm-resource.js';
import { assertMayJoinGroup } from '../access/grants.js';
import type { RealmRef } from './identities.js';
import { type ListParams, type Page, listOfRealm, listPage } from '../paging.js';
import { requireRealm } from './tenancy-lookup.js';

/** What a new group is given: v1 sets a description, SCIM an `externalId`. */
export type NewGroup = NewGroupInput & { external_id?: string };

/** Inserts a group with the repositories given (a transaction, for the bootstrap). */
export async function insertGroup(repos: Repositories, ref: RealmRef, input: NewGroup): Promise<Group> {
  const group: Group = {
    ...newRealmResource(ref, newId()),
    display_name: input.display_name,
    description: input.description ?? '',
    ...(input.external_id !== undefined ? { external_id: input.external_id } : {}),
    version: 1,
  };
  // A name taken in any case is a `conflict` (SCIM: 409 `uniqueness`).
  await repos.groups.insert(group);
  await groupEvents.created(repos, group);
  return group;
}

/**
 * Creates a group, and with `members` (SCIM's POST) adds them in the same transaction, recorded
 * as v1's create and `:addMembers` would be.
 */
export async function createGroup(
  y: Yonder,
  ref: RealmRef,
  input: NewGroup,
  members?: { identityIds: readonly string[]; caller: Grantor },
): Promise<Group> {
  await requireRealm(y.store, ref.tenantId, ref.realmId);
  return y.store.transaction(async (tx) => {
    const group = await insertGroup(tx, ref, input);
    if (members === undefined) return group;
    const change = await writeMembers(tx, ref.realmId, group.id, { clear: false, add: members.identityIds, remove: [] }, members.caller);
    await groupEvents.membersChanged(tx, group, change);
    return group;
  });
}

async function requireGroup(repos: Repositories, ref: RealmRef, id: string, forUpdate = false): Promise<Group> {
  await requireRealm(repos, ref.tenantId, ref.realmId);
  const group = forUpdate ? await repos.groups.getForUpdate(ref.realmId, id) : await repos.groups.get(ref.realmId, id);
  if (!group) throw notFound('Group', id);
  return group;
}

export async function getGroup(y: Yonder, ref: RealmRef, id: string): Promise<Group> {
  return requireGroup(y.store, ref, id);
}

export async function listGroups(y: Yonder, ref: RealmRef, params: ListParams): Promise<Page<Group>> {
  return listOfRealm(y, ref, y.store.groups, params, { list: 'groups', defaultPageSize: 20, maxPageSize: 200 });
}

export async function updateGroup(y: Yonder, ref: RealmRef, id: string, patch: GroupPatch): Promise<Group> {
  return changeGroup(y, ref, id, { fields: patch }, GRANTS_NOTHING);
}

/**
 * A group can be deleted only when no rule of the realm's current policy names it (409 naming the
 * rules). v1 also refuses one that has members (the contract's 409 `group has children`); SCIM
 * clients delete groups with members (Okta's "unlink with delete", Entra's deprovisioning), so
 * with `withMembers` they go with it, recorded as v1's `:deleteMembers` would be.
 */
export async function deleteGroup(y: Yonder, ref: RealmRef, id: string, options: VersionCheck & { withMembers?: boolean } = {}): Promise<void> {
  await y.store.transaction(async (tx) => {
    await requireRealm(tx, ref.tenantId, ref.realmId);
    await tx.realms.lock(ref.realmId);
    const group = await requireGroup(tx, ref, id, true);
    assertExpectedVersion('Group', group.version, options);
    if (!options.withMembers && (await tx.groups.hasMembers(id))) throw conflict('group has children');
    const policy = await tx.policies.current(ref.realmId);
    const rules = policy ? rulesReferencing(policy.rules, 'groups', id) : [];
    if (rules.length > 0) throw referencedBy('group', rules);
    if (options.withMembers) {
      const members = await tx.groups.removeAllMembers(id);
      await groupEvents.membersChanged(tx, group, { added: [], removed: members });
    }
    await tx.groups.delete(ref.realmId, id);
    await groupEvents.deleted(tx, group);
  });
}

export function referencedBy(what: string, rules: readonly { id: string; name: string }[]): ReferencedByPolicy {
  return new ReferencedByPolicy(what, rules);
}

/** Every id must be an identity of the group's realm; otherwise 404 naming each unknown one. */
async function requireIdentities(repos: Repositories, realmId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await repos.identities.existing(realmId, ids);
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) throw new UnknownMembers(missing);
}

/** A membership change names the identities added or removed (`after`), not the whole member list. */
function membershipEvent(type: 'group.members_added' | 'group.members_removed', group: Group, identityIds: readonly string[]): EventInput {
  return {
    tenantId: group.tenant_id,
    realmId: group.realm_id,
    type,
    resourceType: 'group',
    resourceId: group.id,
    after: { identity_ids: [...identityIds] },
  };
}

/**
 * The audit events of group writes, one function per kind of change, recorded alike by every door
 * that changes a group (v1, SCIM, SCIM bulk) in the transaction of the change.
 */
export const groupEvents = {
  created: (tx: Repositories, group: Group) => recordEvent(tx, changeEvent('group.created', 'group', null, group)),
  updated: (tx: Repositories, before: Group, after: Group) => recordEvent(tx, changeEvent('group.updated', 'group', before, after)),
  deleted: (tx: Repositories, group: Group) => recordEvent(tx, changeEvent('group.deleted', 'group', group, null)),
  /** Removals first, then additions, each only when it names someone: the order a replace happens in. */
  async membersChanged(tx: Repositories, group: Group, change: { added: readonly string[]; removed: readonly string[] }): Promise<void> {
    if (change.removed.length > 0) await recordEvent(tx, membershipEvent('group.members_removed', group, change.removed));
    if (change.added.length > 0) await recordEvent(tx, membershipEvent('group.members_added', group, change.added));
  },
};

/**
 * Who joins and who leaves in one write. `clear` empties the group first (a SCIM replace of the
 * member list). Removing a non-member is no error; with `removedMustExist` (v1's
 * `:deleteMembers`) every removed id must still be an identity of the realm (404 naming each).
 */
export interface MembershipDelta {
  clear: boolean;
  add: readonly string[];
  remove: readonly string[];
  removedMustExist?: boolean;
}

/** One write of a group: its own fields, its members, or both, in one transaction. */
export interface GroupChange {
  /** Present (even unchanged) records `group.updated`, as v1's PATCH does, and moves `update_time`. */
  fields?: GroupFields;
  members?: MembershipDelta;
  /**
   * SCIM's `meta.lastModified` moves with a membership change too; v1's `update_time` moves only
   * with the group's own fields. The version (SCIM's ETag) moves with every write.
   */
  membersMoveUpdateTime?: boolean;
}

/** What the change of a group may read as it decides: the ids of its members, in the same transaction. */
export interface GroupReads {
  memberIds(): Promise<string[]>;
}

type ChangeOf = GroupChange | ((current: Group, reads: GroupReads) => GroupChange | Promise<GroupChange>);

/**
 * The caller of v1 writes that add no one (a rename, `:deleteMembers`), which grant nothing:
 * should such a write ever add members, the grant check refuses it rather than let it through.
 */
const GRANTS_NOTHING: Grantor = { scopes: { has: () => false }, realmId: null };

/**
 * Every write of a group, for every door (v1, SCIM, SCIM bulk, console): the group is locked
 * first (PostgreSQL; SQLite has one writer), so concurrent writes of one group serialize and end
 * as some serial order of them would; `check` refuses a version the client has not seen (SCIM's
 * If-Match); every new member must be an identity of the realm, and joining a group that carries
 * management scopes (through roles) is a grant `caller` must be able to make (403). The change is
 * all-or-nothing, recorded with the events v1 records for it (`group.updated`, then
 * `group.members_removed` and `group.members_added`).
 */
export async function changeGroup(y: Yonder, ref: RealmRef, id: string, change: ChangeOf, caller: Grantor, check: VersionCheck = {}): Promise<Group> {
  return y.store.transaction((tx) => changeGroupWith(tx, ref, id, change, caller, check));
}

async function changeGroupWith(
  tx: Repositories,
  ref: RealmRef,
  id: string,
  changeOf: ChangeOf,
  caller: Grantor,
  check: VersionCheck,
): Promise<Group> {
  const current = await requireGroup(tx, ref, id, true);
  assertExpectedVersion('Group', current.version, check);
  const change = typeof changeOf === 'function' ? await changeOf(current, { memberIds: () => tx.groups.memberIds(id) }) : changeOf;
  const members = change.members ? await writeMembers(tx, ref.realmId, id, change.members, caller) : { added: [], removed: [] };
  const moves = change.fields !== undefined || (change.membersMoveUpdateTime ?? false);
  const updated = withGroupFields(moves ? touchGroup(current, nowTimestamp()) : bumpGroupVersion(current), change.fields ?? {});
  // A rename onto another group's name (any case) is a `conflict` (SCIM: 409 `uniqueness`).
  await tx.groups.update(updated);
  if (change.fields !== undefined) await groupEvents.updated(tx, current, updated);
  await groupEvents.membersChanged(tx, updated, members);
  return updated;
}

/**
 * Writes a member delta with the groups store's add and remove. Answers the change as v1's
 * `:addMembers` and `:deleteMembers` record it: the ids given, or, where the group was emptied
 * first, the net change against those it held.
 */
async function writeMembers(
  tx: Repositories,
  realmId: string,
  groupId: string,
  delta: MembershipDelta,
  caller: Grantor,
): Promise<{ added: string[]; removed: string[] }> {
  const add = [...new Set(delta.add)];
  const remove = [...new Set(delta.remove)];
  await requireIdentities(tx, realmId, delta.removedMustExist ? [...add, ...remove] : add);
  await assertMayJoinGroup(tx, caller, realmId, groupId, add);
  if (delta.clear) {
    const before = new Set(await tx.groups.removeAllMembers(groupId));
    const after = new Set(add);
    if (add.length > 0) await tx.groups.addMembers(groupId, add);
    return { added: add.filter((id) => !before.has(id)), removed: [...before].filter((id) => !after.has(id)) };
  }
  if (remove.length > 0) await tx.groups.removeMembers(groupId, remove);
  if (add.length > 0) await tx.groups.addMembers(groupId, add);
  return { added: add, removed: remove };
}

/** v1's `:addMembers`: adding a member twice is no error. */
export async function addMembers(y: Yonder, ref: RealmRef, groupId: string, identityIds: readonly string[], caller: Grantor): Promise<Group> {
  return changeGroup(y, ref, groupId, { members: { clear: false, add: identityIds, remove: [] } }, caller);
}

/** `addMembers` with the repositories given: a transaction the caller already holds. */
export async function addMembersWith(
  tx: Repositories,
  ref: RealmRef,
  groupId: string,
  identityIds: readonly string[],
  caller: Grantor,
): Promise<Group> {
  return changeGroupWith(tx, ref, groupId, { members: { clear: false, add: identityIds, remove: [] } }, caller, {});
}

/** v1's `:deleteMembers`: every id must be an identity of the realm; removing a non-member is no error. */
export async function removeMembers(y: Yonder, ref: RealmRef, groupId: string, identityIds: readonly string[]): Promise<Group> {
  return changeGroup(y, ref, groupId, { members: { clear: false, add: [], remove: identityIds, removedMustExist: true } }, GRANTS_NOTHING);
}

export async function listMembers(y: Yonder, ref: RealmRef, groupId: string, params: ListParams): Promise<Page<Identity>> {
  await requireGroup(y.store, ref, groupId);
  return listPage(
    params,
    { list: `group-members:${groupId}`, filter: '', defaultPageSize: 20, maxPageSize: 200 },
    y.pageTokenKey,
    (after, offset, limit) => y.store.groups.memberPage(groupId, after, offset, limit),
    () => y.store.groups.memberCount(groupId),
  );
}

export async function listGroupsOfIdentity(y: Yonder, ref: RealmRef, identityId: string, params: ListParams): Promise<Page<Group>> {
  await requireRealm(y.store, ref.tenantId, ref.realmId);
  if (!(await y.store.identities.get(ref.realmId, identityId))) throw notFound('Identity', identityId);
  return listPage(
    params,
    { list: `identity-groups:${identityId}`, filter: '', defaultPageSize: 20, maxPageSize: 200 },
    y.pageTokenKey,
    (after, offset, limit) => y.store.groups.pageOfIdentity(identityId, after, offset, limit),
    () => y.store.groups.countOfIdentity(identityId),
  );
}
