import { effectiveProtocolConfig } from '../../domain/access/application.js';
import { conflict, notFound } from '../../domain/errors.js';
import { newUuid } from '../../domain/ids.js';
import { MANAGEMENT_RESOURCE_SERVER_NAME, type ResourceServer } from '../../domain/access/resource-server.js';
import type { Role } from '../../domain/access/role.js';
import { MANAGEMENT_SCOPES } from '../../domain/access/scopes.js';
import { nowTimestamp } from '../../domain/time.js';
import type { Repositories } from '../../store/index.js';
import { changeEvent, recordEvent } from '../audit/audit.js';
import type { Yonder } from '../context.js';
import { newRealmResource } from '../realm-resource.js';
import type { RealmRef } from '../directory/identities.js';
import { type ListParams, type Page, listOfRealm } from '../paging.js';
import { MANAGEMENT_AUDIENCE } from '../../platform/tokens/token-service.js';
import { requireRealm } from '../directory/tenancy-lookup.js';

export interface NewResourceServerInput {
  display_name: string;
  identifier: string;
  scopes?: string[];
}

export type ResourceServerPatch = Partial<NewResourceServerInput>;

/** `beyondidentity` is reserved for the managed Management API, as the contract says. */
function assertIdentifierAllowed(identifier: string): void {
  if (identifier === MANAGEMENT_AUDIENCE) throw conflict('identifier already exists');
}

/**
 * Managed resource servers are yonder's own. Changing one answers 409 (as for managed
 * applications): the request conflicts with the state of the resource, whoever asks. A 403 would
 * say the token lacks a permission, and Beyond Identity's CLI answers a 403 by fetching a new
 * token and trying again, which cannot help here.
 */
function assertUnmanaged(server: ResourceServer): void {
  if (server.is_managed) throw conflict('managed resource servers cannot be modified');
}

export async function insertResourceServer(
  repos: Repositories,
  ref: RealmRef,
  input: NewResourceServerInput,
  isManaged = false,
): Promise<ResourceServer> {
  const server: ResourceServer = {
    ...newRealmResource(ref, newUuid()),
    display_name: input.display_name,
    identifier: input.identifier,
    scopes: [...new Set(input.scopes ?? [])],
    is_managed: isManaged,
  };
  await repos.resourceServers.insert(server);
  return server;
}

/** The tenant's managed "yonder Management API" server: audience `beyondidentity`, every management scope. */
export function insertManagementResourceServer(repos: Repositories, ref: RealmRef): Promise<ResourceServer> {
  return insertResourceServer(
    repos,
    ref,
    { display_name: MANAGEMENT_RESOURCE_SERVER_NAME, identifier: MANAGEMENT_AUDIENCE, scopes: [...MANAGEMENT_SCOPES] },
    true,
  );
}

export async function createResourceServer(y: Yonder, ref: RealmRef, input: NewResourceServerInput): Promise<ResourceServer> {
  assertIdentifierAllowed(input.identifier);
  return y.store.transaction(async (tx) => {
    await requireRealm(tx, ref.tenantId, ref.realmId);
    const server = await insertResourceServer(tx, ref, input);
    await recordEvent(tx, changeEvent('resource_server.created', 'resource_server', null, server));
    return server;
  });
}

export async function requireResourceServer(repos: Repositories, ref: RealmRef, id: string): Promise<ResourceServer> {
  await requireRealm(repos, ref.tenantId, ref.realmId);
  const server = await repos.resourceServers.get(ref.realmId, id);
  if (!server) throw notFound('ResourceServer', id);
  return server;
}

export function getResourceServer(y: Yonder, ref: RealmRef, id: string): Promise<ResourceServer> {
  return requireResourceServer(y.store, ref, id);
}

export async function listResourceServers(y: Yonder, ref: RealmRef, params: ListParams): Promise<Page<ResourceServer>> {
  return listOfRealm(y, ref, y.store.resourceServers, params, { list: 'resource-servers', defaultPageSize: 100, maxPageSize: 100 });
}

/** Names the applications that still need something the change would take away. */
function usedBy(what: string, apps: readonly { id: string; display_name: string }[]): never {
  const names = apps
    .slice(0, 5)
    .map((a) => `${a.display_name} (${a.id})`)
    .join(', ');
  throw conflict(`${what} used by applications: ${names}`);
}

/**
 * Omitted fields stay. Removing a scope that an application of the server may still grant is
 * refused (409, naming the applications): their `allowed_scopes` must stay a subset. Removed
 * scopes are dropped from the server's roles in the same transaction.
 */
export async function updateResourceServer(y: Yonder, ref: RealmRef, id: string, patch: ResourceServerPatch): Promise<ResourceServer> {
  if (patch.identifier !== undefined) assertIdentifierAllowed(patch.identifier);
  return y.store.transaction(async (tx) => {
    await tx.realms.lock(ref.realmId);
    const current = await requireResourceServer(tx, ref, id);
    assertUnmanaged(current);
    const updated: ResourceServer = {
      ...current,
      display_name: patch.display_name ?? current.display_name,
      identifier: patch.identifier ?? current.identifier,
      scopes: patch.scopes ? [...new Set(patch.scopes)] : current.scopes,
      update_time: nowTimestamp(),
    };
    const kept = new Set(updated.scopes);
    const removed = current.scopes.filter((s) => !kept.has(s));
    if (removed.length > 0) {
      const apps = await tx.applications.referencing(ref.realmId, id);
      const blocking = apps.filter((app) => effectiveProtocolConfig(app).allowed_scopes.some((s) => !kept.has(s)));
      if (blocking.length > 0) usedBy('scopes are', blocking);
      await tx.roles.removeScopesOfServer(id, removed);
    }
    await tx.resourceServers.update(updated);
    await recordEvent(tx, changeEvent('resource_server.updated', 'resource_server', current, updated));
    return updated;
  });
}

async function allRolesOf(tx: Repositories, resourceServerId: string): Promise<Role[]> {
  const roles: Role[] = [];
  for (
    let page = await tx.roles.page(resourceServerId, '', 0, 500);
    page.length > 0;
    page = await tx.roles.page(resourceServerId, page.at(-1)!.id, 0, 500)
  ) {
    roles.push(...page);
  }
  return roles;
}

/** Refused (409) while applications reference the server; its roles go with it. */
export async function deleteResourceServer(y: Yonder, ref: RealmRef, id: string): Promise<void> {
  await y.store.transaction(async (tx) => {
    await tx.realms.lock(ref.realmId);
    const server = await requireResourceServer(tx, ref, id);
    assertUnmanaged(server);
    const apps = await tx.applications.referencing(ref.realmId, id);
    if (apps.length > 0) usedBy('resource server is', apps);
    // Its roles go with it, and with them whatever scopes they granted: each is a recorded deletion.
    const roles = await allRolesOf(tx, id);
    await tx.resourceServers.delete(ref.realmId, id);
    for (const role of roles) await recordEvent(tx, changeEvent('role.deleted', 'role', role, null));
    await recordEvent(tx, changeEvent('resource_server.deleted', 'resource_server', server, null));
  });
}
