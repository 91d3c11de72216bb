import { DomainError, conflict, notFound } from '../../domain/errors.js';
import { type Group, type GroupPatch, type NewGroupInput, applyGroupPatch, bumpGroupVersion } from '../../domain/directory/group.js';
import type { Identity } from '../../domain/directory/identity.js';
import { newId } from '../../domain/ids.js';
import { rulesReferencing } from '../../domain/access/policy.js';
import type { Grantor } from '../../domain/access/scopes.js';
import { nowTimestamp } from '../../domain/time.js';
import type { Repositories } from '../../store/index.js';
import { type EventInput, changeEvent, recordEvent } from '../audit/audit.js';
import type { Yonder } from '../context.js';
import { assertMayJoinGroup } from '../access/grants.js';
import type { RealmRef } from './identities.js';
import { type ListParams, type Page, listPage } from '../paging.js';
import { requireRealm } from './tenancy.js';

/** Inserts a group with the repositories given (a transaction, for the bootstrap). */
export async function insertGroup(repos: Repositories, ref: RealmRef, input: NewGroupInput): Promise<Group> {
  const now = nowTimestamp();
  const group: Group = {
    id: newId(),
    realm_id: ref.realmId,
    tenant_id: ref.tenantId,
    display_name: input.display_name,
    description: input.description ?? '',
    version: 1,
    create_time: now,
    update_time: now,
  };
  await repos.groups.insert(group);
  await groupEvents.created(repos, group);
  return group;
}

export async function createGroup(y: Yonder, ref: RealmRef, input: NewGroupInput): Promise<Group> {
  await requireRealm(y.store, ref.tenantId, ref.realmId);
  return y.store.transaction((tx) => insertGroup(tx, ref, input));
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
  await requireRealm(y.store, ref.tenantId, ref.realmId);
  return listPage(
    params,
    { list: `groups:${ref.realmId}`, filter: '', defaultPageSize: 20, maxPageSize: 200 },
    y.pageTokenKey,
    (after, offset, limit) => y.store.groups.page(ref.realmId, after, offset, limit),
    () => y.store.groups.count(ref.realmId),
  );
}

export async function updateGroup(y: Yonder, ref: RealmRef, id: string, patch: GroupPatch): Promise<Group> {
  return y.store.transaction(async (tx) => {
    const current = await requireGroup(tx, ref, id, true);
    const updated = applyGroupPatch(current, patch, nowTimestamp());
    await tx.groups.update(updated);
    await groupEvents.updated(tx, current, updated);
    return updated;
  });
}

/**
 * A group can be deleted only when it has no members (the contract's 409 `group has children`)
 * and no rule of the realm's current policy names it (409 naming the rules).
 */
export async function deleteGroup(y: Yonder, ref: RealmRef, id: string): Promise<void> {
  await y.store.transaction(async (tx) => {
    await requireRealm(tx, ref.tenantId, ref.realmId);
    await tx.realms.lock(ref.realmId);
    const group = await requireGroup(tx, ref, id, true);
    if (await tx.groups.hasMembers(id)) throw conflict('group has children');
    const policy = await tx.policies.current(ref.realmId);
    const rules = policy ? rulesReferencing(policy.rules, 'groups', id) : [];
    if (rules.length > 0) throw referencedBy('group', rules);
    await tx.groups.delete(ref.realmId, id);
    await groupEvents.deleted(tx, group);
  });
}

export function referencedBy(what: string, rules: readonly { id: string; name: string }[]): DomainError {
  const names = rules.map((r) => `"${r.name}" (${r.id})`).join(', ');
  return conflict(`${what} is referenced by policy rules: ${names}`);
}

/** Every id must be an identity of the group's realm; otherwise 404 naming each unknown one. */
async function requireIdentities(repos: Repositories, realmId: string, ids: readonly string[]): Promise<void> {
  const found = await repos.identities.existing(realmId, ids);
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length === 0) return;
  throw new DomainError(
    'not_found',
    'identity not found',
    missing.map((id) => ({ type: 'ResourceInfo', resource_type: 'Identity', id, description: 'identity not found' })),
  );
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
 * Membership changes are all-or-nothing and run in one transaction: the group is locked, every id
 * is checked against the realm, then the rows are written. Adding a member twice or removing a
 * non-member is not an error. Concurrent calls on one group serialize on the group's row
 * (PostgreSQL) or on the single writer (SQLite), so the end state is that of some serial order.
 * New members of a group that carries management scopes (through roles) are a grant `caller` must
 * be able to make (403).
 */
export async function addMembers(y: Yonder, ref: RealmRef, groupId: string, identityIds: readonly string[], caller: Grantor): Promise<Group> {
  return y.store.transaction((tx) => addMembersWith(tx, ref, groupId, identityIds, caller));
}

/** `addMembers` with the repositories given: a transaction the caller already holds. */
export async function addMembersWith(
  tx: Repositories,
  ref: RealmRef,
  groupId: string,
  identityIds: readonly string[],
  caller: Grantor,
): Promise<Group> {
  const ids = [...new Set(identityIds)];
  const group = await requireGroup(tx, ref, groupId, true);
  await requireIdentities(tx, ref.realmId, ids);
  await assertMayJoinGroup(tx, caller, ref.realmId, groupId, ids);
  await tx.groups.addMembers(groupId, ids);
  // A membership change is a write of the group: its SCIM ETag must change.
  const updated = bumpGroupVersion(group);
  await tx.groups.update(updated);
  await groupEvents.membersChanged(tx, updated, { added: ids, removed: [] });
  return updated;
}

export async function removeMembers(
  y: Yonder,
  ref: RealmRef,
  groupId: string,
  identityIds: readonly string[],
): Promise<Group> {
  const ids = [...new Set(identityIds)];
  return y.store.transaction(async (tx) => {
    const group = await requireGroup(tx, ref, groupId, true);
    await requireIdentities(tx, ref.realmId, ids);
    await tx.groups.removeMembers(groupId, ids);
    const updated = bumpGroupVersion(group);
    await tx.groups.update(updated);
    await groupEvents.membersChanged(tx, updated, { added: [], removed: ids });
    return updated;
  });
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

export async function listGroupsOfIdentity(
  y: Yonder,
  ref: RealmRef,
  identityId: string,
  params: ListParams,
): Promise<Page<Group>> {
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
