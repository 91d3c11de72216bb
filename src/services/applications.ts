import {
  type Application,
  type ApplicationPatch,
  type NewApplicationInput,
  applyApplicationPatch,
  storedProtocolConfig,
} from '../domain/application.js';
import { conflict, notFound } from '../domain/errors.js';
import { newUuid } from '../domain/ids.js';
import { rulesReferencing } from '../domain/policy.js';
import { nowTimestamp } from '../domain/time.js';
import type { Repositories } from '../store/index.js';
import { changeEvent, recordEvent } from './audit.js';
import type { Yonder } from './context.js';
import { referencedBy } from './groups.js';
import type { RealmRef } from './identities.js';
import { type ListParams, type Page, listPage } from './paging.js';
import { requireRealm } from './tenancy.js';

export interface InsertApplicationOptions {
  is_managed?: boolean;
  classification?: string;
}

/** Inserts an application with the repositories given (a transaction, for the bootstrap). */
export async function insertApplication(
  repos: Repositories,
  ref: RealmRef,
  input: NewApplicationInput,
  options: InsertApplicationOptions = {},
): Promise<Application> {
  const now = nowTimestamp();
  const app: Application = {
    id: newUuid(),
    realm_id: ref.realmId,
    tenant_id: ref.tenantId,
    display_name: input.display_name,
    is_managed: options.is_managed ?? false,
    classification: options.classification ?? null,
    resource_server_id: input.resource_server_id ?? null,
    authenticator_config_id: input.authenticator_config_id ?? null,
    protocol_config: storedProtocolConfig(input.protocol_config),
    create_time: now,
    update_time: now,
  };
  await repos.applications.insert(app);
  await recordEvent(repos, changeEvent('application.created', 'application', null, app));
  return app;
}

export async function createApplication(y: Yonder, ref: RealmRef, input: NewApplicationInput): Promise<Application> {
  await requireRealm(y.store, ref.tenantId, ref.realmId);
  return y.store.transaction((tx) => insertApplication(tx, ref, input));
}

async function requireApplication(repos: Repositories, ref: RealmRef, id: string): Promise<Application> {
  await requireRealm(repos, ref.tenantId, ref.realmId);
  const app = await repos.applications.get(ref.realmId, id);
  if (!app) throw notFound('Application', id);
  return app;
}

export async function getApplication(y: Yonder, ref: RealmRef, id: string): Promise<Application> {
  return requireApplication(y.store, ref, id);
}

export async function listApplications(y: Yonder, ref: RealmRef, params: ListParams): Promise<Page<Application>> {
  await requireRealm(y.store, ref.tenantId, ref.realmId);
  return listPage(
    params,
    // The contract: at most 100 per page, and 100 when no size is asked for.
    { list: `applications:${ref.realmId}`, filter: '', defaultPageSize: 100, maxPageSize: 100 },
    y.pageTokenKey,
    (after, offset, limit) => y.store.applications.page(ref.realmId, after, offset, limit),
    () => y.store.applications.count(ref.realmId),
  );
}

/** Managed applications are yonder's own; the contract says users may not modify them. */
function assertUnmanaged(app: Application): void {
  if (app.is_managed) throw conflict('managed applications cannot be modified');
}

export async function updateApplication(y: Yonder, ref: RealmRef, id: string, patch: ApplicationPatch): Promise<Application> {
  return y.store.transaction(async (tx) => {
    const current = await requireApplication(tx, ref, id);
    assertUnmanaged(current);
    const updated = applyApplicationPatch(current, patch, nowTimestamp());
    await tx.applications.update(updated);
    await recordEvent(tx, changeEvent('application.updated', 'application', current, updated));
    return updated;
  });
}

/** Refused (409, naming the rules) while a rule of the realm's current policy names the application. */
export async function deleteApplication(y: Yonder, ref: RealmRef, id: string): Promise<void> {
  await y.store.transaction(async (tx) => {
    await requireRealm(tx, ref.tenantId, ref.realmId);
    await tx.realms.lock(ref.realmId);
    const app = await requireApplication(tx, ref, id);
    assertUnmanaged(app);
    const policy = await tx.policies.current(ref.realmId);
    const rules = policy ? rulesReferencing(policy.rules, 'applications', id) : [];
    if (rules.length > 0) throw referencedBy('application', rules);
    await tx.applications.delete(ref.realmId, id);
    await recordEvent(tx, changeEvent('application.deleted', 'application', app, null));
  });
}
