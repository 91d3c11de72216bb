import { type DomainError, conflict, invalidField, notFound } from '../../domain/errors.js';
import type { Group } from '../../domain/directory/group.js';
import type { Identity } from '../../domain/directory/identity.js';
import { newId } from '../../domain/ids.js';
import type { MemberType, Role } from '../../domain/access/role.js';
import type { Grantor } from '../../domain/access/scopes.js';
import { nowTimestamp } from '../../domain/time.js';
import type { Repositories } from '../../store/index.js';
import type { EventType } from '../../domain/audit/event-types.js';
import { type EventInput, changeEvent, recordEvent } from '../audit/audit.js';
import type { Yonder } from '../context.js';
import { newRealmResource } from '../realm-resource.js';
import { assertGrantable, assertGrantableToNewcomers, isManagementServer } from './grants.js';
import type { RealmRef } from '../directory/identities.js';
import { type ListParams, type Page, listOwned, listPage } from '../paging.js';
import { requireResourceServer } from './resource-servers.js';
import { requireRealm } from '../directory/tenancy-lookup.js';

export interface RoleRef extends RealmRef {
  resourceServerId: string;
}

export interface NewRoleInput {
  display_name: string;
  description?: string;
}

async function requireRole(repos: Repositories, ref: RoleRef, id: string): Promise<Role> {
  await requireResourceServer(repos, ref, ref.resourceServerId);
  const role = await repos.roles.get(ref.resourceServerId, id);
  if (!role) throw notFound('Role', id);
  return role;
}

export async function createRole(y: Yonder, ref: RoleRef, input: NewRoleInput): Promise<Role> {
  return y.store.transaction(async (tx) => {
    await requireResourceServer(tx, ref, ref.resourceServerId);
    const role = await insertRole(tx, ref, input);
    await recordEvent(tx, changeEvent('role.created', 'role', null, role));
    return role;
  });
}

/** Inserts a role of a resource server known to exist, with the repositories given (the bootstrap's transaction). */
export async function insertRole(repos: Repositories, ref: RoleRef, input: NewRoleInput): Promise<Role> {
  const role: Role = {
    ...newRealmResource(ref, newId()),
    resource_server_id: ref.resourceServerId,
    display_name: input.display_name,
    description: input.description ?? '',
  };
  await repos.roles.insert(role);
  return role;
}

export const getRole = (y: Yonder, ref: RoleRef, id: string): Promise<Role> => requireRole(y.store, ref, id);

export async function listRoles(y: Yonder, ref: RoleRef, params: ListParams): Promise<Page<Role>> {
  await requireResourceServer(y.store, ref, ref.resourceServerId);
  return listOwned(params, y.pageTokenKey, y.store.roles, ref.resourceServerId, { list: 'roles', defaultPageSize: 20, maxPageSize: 200 });
}

export async function updateRole(y: Yonder, ref: RoleRef, id: string, patch: Partial<NewRoleInput>): Promise<Role> {
  return y.store.transaction(async (tx) => {
    const current = await requireRole(tx, ref, id);
    const updated: Role = {
      ...current,
      display_name: patch.display_name ?? current.display_name,
      description: patch.description ?? current.description,
      update_time: nowTimestamp(),
    };
    await tx.roles.update(updated);
    await recordEvent(tx, changeEvent('role.updated', 'role', current, updated));
    return updated;
  });
}

/** A role can be deleted only when it has no scopes and no members (the contract's 409 `role has children`). */
export async function deleteRole(y: Yonder, ref: RoleRef, id: string): Promise<void> {
  await y.store.transaction(async (tx) => {
    await requireResourceServer(tx, ref, ref.resourceServerId);
    const role = await tx.roles.getForUpdate(ref.resourceServerId, id);
    if (!role) throw notFound('Role', id);
    if (await tx.roles.hasChildren(id)) throw conflict('role has children');
    await tx.roles.delete(id);
    await recordEvent(tx, changeEvent('role.deleted', 'role', role, null));
  });
}

export interface MemberIds {
  identity_ids?: string[];
  group_ids?: string[];
}

function distinctMembers(ids: MemberIds): Required<MemberIds> {
  return { identity_ids: [...new Set(ids.identity_ids ?? [])], group_ids: [...new Set(ids.group_ids ?? [])] };
}

/**
 * A change of a role's members or scopes names what was given (`after`), not the whole list: roles
 * are how management scopes reach people, so every grant and every removal is on the trail.
 */
function roleEvent(type: EventType & `role.${string}`, role: Role, after: Record<string, string[]>): EventInput {
  return { tenantId: role.tenant_id, realmId: role.realm_id, type, resourceType: 'role', resourceId: role.id, after };
}

/** Every id must name an identity or group of the realm (else 404 naming the first unknown one). */
async function assertMembersExist(tx: Repositories, ref: RealmRef, ids: MemberIds): Promise<void> {
  const identities = ids.identity_ids ?? [];
  const groups = ids.group_ids ?? [];
  if (identities.length + groups.length === 0) throw invalidField('identity_ids', 'give at least one identity or group id');
  const knownIdentities = await tx.identities.existing(ref.realmId, identities);
  const missingIdentity = identities.find((id) => !knownIdentities.has(id));
  if (missingIdentity !== undefined) throw notFound('Identity', missingIdentity);
  const knownGroups = await tx.groups.existing(ref.realmId, groups);
  const missingGroup = groups.find((id) => !knownGroups.has(id));
  if (missingGroup !== undefined) throw notFound('Group', missingGroup);
}

/**
 * New members of a role of the Management API get its scopes in their console token, which
 * reaches the whole tenant: the caller must hold them all, unrestricted to a realm (403). Members
 * already there gain nothing, so adding them again is fine.
 */
async function assertMayJoinRole(tx: Repositories, ref: RoleRef, role: Role, ids: MemberIds, caller: Grantor): Promise<void> {
  if (!isManagementServer(await tx.resourceServers.get(ref.realmId, ref.resourceServerId))) return;
  const grant = { scopes: await tx.roles.scopes(role.id), tenantWide: true };
  const newcomers = async (type: MemberType, memberIds: readonly string[]) => {
    const already = await tx.roles.membersAmong(role.id, type, memberIds);
    return memberIds.some((memberId) => !already.has(memberId));
  };
  await assertGrantableToNewcomers(
    caller,
    grant,
    'Adding members to this role',
    async () => (await newcomers('identity', ids.identity_ids ?? [])) || (await newcomers('group', ids.group_ids ?? [])),
  );
}

export async function addRoleMembers(y: Yonder, ref: RoleRef, id: string, ids: MemberIds, caller: Grantor): Promise<Role> {
  return y.store.transaction(async (tx) => {
    const role = await requireRole(tx, ref, id);
    await assertMembersExist(tx, ref, ids);
    await assertMayJoinRole(tx, ref, role, ids, caller);
    const members = distinctMembers(ids);
    await tx.roles.addMembers(id, 'identity', members.identity_ids);
    await tx.roles.addMembers(id, 'group', members.group_ids);
    await recordEvent(tx, roleEvent('role.members_added', role, members));
    return role;
  });
}

/** Removing an id that is not a member is not an error: the result is the same. */
export async function deleteRoleMembers(y: Yonder, ref: RoleRef, id: string, ids: MemberIds): Promise<Role> {
  return y.store.transaction(async (tx) => {
    const role = await requireRole(tx, ref, id);
    if ((ids.identity_ids ?? []).length + (ids.group_ids ?? []).length === 0) {
      throw invalidField('identity_ids', 'give at least one identity or group id');
    }
    const members = distinctMembers(ids);
    await tx.roles.removeMembers(id, 'identity', members.identity_ids);
    await tx.roles.removeMembers(id, 'group', members.group_ids);
    await recordEvent(tx, roleEvent('role.members_removed', role, members));
    return role;
  });
}

export interface MemberPages {
  groups_page_size?: number;
  groups_skip?: number;
  identities_page_size?: number;
  identities_skip?: number;
}

/**
 * The contract's `:listMembers`: one page of each kind, by size and skip. A member deleted since
 * it was added is left out of the page (its membership row stays until removed; see the report).
 */
export async function listRoleMembers(y: Yonder, ref: RoleRef, id: string, pages: MemberPages) {
  await requireRole(y.store, ref, id);
  const size = (n: number | undefined) => Math.min(n || 20, 200);
  const fetch = async <T>(
    type: MemberType,
    pageSize: number | undefined,
    skip: number | undefined,
    get: (memberId: string) => Promise<T | undefined>,
  ) => {
    const ids = await y.store.roles.members(id, type, '', skip ?? 0, size(pageSize));
    const found = (await Promise.all(ids.map(get))).filter((m): m is Awaited<T> & {} => m !== undefined);
    return { items: found, total: await y.store.roles.countMembers(id, type) };
  };
  const groups = await fetch<Group>('group', pages.groups_page_size, pages.groups_skip, (g) => y.store.groups.get(ref.realmId, g));
  const identities = await fetch<Identity>('identity', pages.identities_page_size, pages.identities_skip, (i) =>
    y.store.identities.get(ref.realmId, i),
  );
  return { groups: groups.items, total_groups_size: groups.total, identities: identities.items, total_identities_size: identities.total };
}

/**
 * Scopes of a role must be scopes of its resource server (400 naming the others). On the
 * Management API they reach the role's members' console tokens, tenant-wide: the caller must hold
 * them, unrestricted to a realm (403).
 */
export async function addRoleScopes(y: Yonder, ref: RoleRef, id: string, scopes: string[], caller: Grantor): Promise<Role> {
  return y.store.transaction(async (tx) => {
    const role = await requireRole(tx, ref, id);
    const server = await requireResourceServer(tx, ref, ref.resourceServerId);
    const unknown = scopes.filter((s) => !server.scopes.includes(s));
    if (unknown.length > 0) throw invalidField('scopes', `not scopes of the resource server: ${unknown.slice(0, 5).join(', ')}`);
    if (isManagementServer(server)) assertGrantable(caller, { scopes, tenantWide: true }, 'Adding these scopes to a role');
    const added = [...new Set(scopes)];
    await tx.roles.addScopes(id, added);
    await recordEvent(tx, roleEvent('role.scopes_added', role, { scopes: added }));
    return role;
  });
}

export async function deleteRoleScopes(y: Yonder, ref: RoleRef, id: string, scopes: string[]): Promise<Role> {
  return y.store.transaction(async (tx) => {
    const role = await requireRole(tx, ref, id);
    const removed = [...new Set(scopes)];
    await tx.roles.removeScopes(id, removed);
    await recordEvent(tx, roleEvent('role.scopes_removed', role, { scopes: removed }));
    return role;
  });
}

export async function listRoleScopes(y: Yonder, ref: RoleRef, id: string, params: ListParams): Promise<Page<{ id: string }>> {
  await requireRole(y.store, ref, id);
  const all = (await y.store.roles.scopes(id)).map((scope) => ({ id: scope }));
  return listPage(
    params,
    { list: `role-scopes:${id}`, filter: '', defaultPageSize: 20, maxPageSize: 200 },
    y.pageTokenKey,
    async (after, offset, limit) => all.filter((s) => s.id > after).slice(offset, offset + limit),
    async () => all.length,
  );
}

/** `identities/{id}:listRoles` and `groups/{id}:listRoles`: the roles of one resource server the member holds. */
export async function listMemberRoles(
  y: Yonder,
  ref: RealmRef,
  type: MemberType,
  memberId: string,
  resourceServerId: string | undefined,
  params: ListParams,
): Promise<Page<Role>> {
  await requireRealm(y.store, ref.tenantId, ref.realmId);
  if (!resourceServerId) throw invalidField('resource_server_id', 'required');
  const member = type === 'identity' ? await y.store.identities.get(ref.realmId, memberId) : await y.store.groups.get(ref.realmId, memberId);
  if (!member) throw notFound(type === 'identity' ? 'Identity' : 'Group', memberId) as DomainError;
  await requireResourceServer(y.store, ref, resourceServerId);
  return listPage(
    params,
    { list: `${type}-roles:${memberId}:${resourceServerId}`, filter: '', defaultPageSize: 20, maxPageSize: 200 },
    y.pageTokenKey,
    (after, offset, limit) => y.store.roles.rolesOf(resourceServerId, type, memberId, after, offset, limit),
    () => y.store.roles.countRolesOf(resourceServerId, type, memberId),
  );
}
