import { conflict, invalidField } from '../../domain/errors.js';
import { newId } from '../../domain/ids.js';
import { nameViolation } from '../../domain/directory/names.js';
import type { Realm, RealmClassification, Tenant, TenantRecord } from '../../domain/directory/tenancy.js';
import { nowTimestamp } from '../../domain/time.js';
import type { Repositories } from '../../store/index.js';
import { type EventInput, recordEvent } from '../audit/audit.js';
import { requireRealm, requireTenant } from './tenancy-lookup.js';
import { insertDefaultAuthenticatorConfig } from '../passkeys/authenticator-configs.js';
import type { Yonder } from '../context.js';
import { type ListParams, type Page, listOwned } from '../paging.js';
import { insertInitialPolicy } from '../access/policy.js';

export function publicTenant(record: TenantRecord): Tenant {
  const { id, display_name, create_time, update_time } = record;
  return { id, display_name, create_time, update_time };
}

export async function updateTenant(y: Yonder, tenantId: string, changes: { display_name?: string }): Promise<Tenant> {
  return y.store.transaction(async (tx) => {
    const tenant = await requireTenant(tx, tenantId);
    const updated = { ...tenant, display_name: changes.display_name ?? tenant.display_name, update_time: nowTimestamp() };
    await tx.tenants.update(tenantId, { display_name: updated.display_name, update_time: updated.update_time });
    await recordEvent(tx, {
      tenantId,
      realmId: tenant.admin_realm_id,
      type: 'tenant.updated',
      resourceType: 'tenant',
      resourceId: tenantId,
      before: publicTenant(tenant),
      after: publicTenant(updated),
    });
    return publicTenant(updated);
  });
}

export interface NewRealmInput {
  display_name: string;
  classification?: RealmClassification;
}

/**
 * Creates a realm with its published default policy (version 1: every active identity may enroll
 * and authenticate). Give it a transaction so the two commit together.
 */
export async function createRealm(repos: Repositories, tenantId: string, input: NewRealmInput): Promise<Realm> {
  // The v1 schema checks this too; the CLI's `realm create` comes straight here.
  const violation = nameViolation(input.display_name);
  if (violation !== null) throw invalidField('realm.display_name', violation);
  const now = nowTimestamp();
  const realm: Realm = {
    id: newId(),
    tenant_id: tenantId,
    display_name: input.display_name,
    classification: input.classification ?? 'SECURE_CUSTOMER',
    create_time: now,
    update_time: now,
  };
  await repos.realms.insert(realm);
  await insertInitialPolicy(repos, { tenantId, realmId: realm.id });
  await insertDefaultAuthenticatorConfig(repos, { tenantId, realmId: realm.id });
  await recordEvent(repos, realmEvent('realm.created', await adminRealmOf(repos, tenantId, realm.id), null, realm));
  return realm;
}

/** Tenant-wide events (the tenant, realms created and deleted) are kept in the admin realm. */
async function adminRealmOf(repos: Repositories, tenantId: string, fallback: string): Promise<string> {
  return (await repos.tenants.get(tenantId))?.admin_realm_id ?? fallback;
}

function realmEvent(
  type: 'realm.created' | 'realm.updated' | 'realm.deleted',
  listedIn: string,
  before: Realm | null,
  after: Realm | null,
): EventInput {
  const realm = (after ?? before) as Realm;
  return { tenantId: realm.tenant_id, realmId: listedIn, type, resourceType: 'realm', resourceId: realm.id, before, after };
}

export async function listRealms(y: Yonder, tenantId: string, params: ListParams): Promise<Page<Realm>> {
  return listOwned(params, y.pageTokenKey, y.store.realms, tenantId, { list: 'realms', defaultPageSize: 20, maxPageSize: 200 });
}

export async function updateRealm(y: Yonder, tenantId: string, realmId: string, changes: Partial<NewRealmInput>): Promise<Realm> {
  return y.store.transaction(async (tx) => {
    const realm = await requireRealm(tx, tenantId, realmId);
    const updated: Realm = {
      ...realm,
      display_name: changes.display_name ?? realm.display_name,
      classification: changes.classification ?? realm.classification,
      update_time: nowTimestamp(),
    };
    await tx.realms.update(updated);
    // A realm's own changes are listed in the realm; its creation and deletion in the admin realm.
    await recordEvent(tx, realmEvent('realm.updated', realmId, realm, updated));
    return updated;
  });
}

/**
 * A realm can be deleted only when empty (the contract's 409 `realm has children`). The admin realm
 * holds the tenant's management access and can never be deleted.
 */
export async function deleteRealm(y: Yonder, tenantId: string, realmId: string): Promise<void> {
  await y.store.transaction(async (tx) => {
    const tenant = await requireTenant(tx, tenantId);
    const realm = await requireRealm(tx, tenantId, realmId);
    if (tenant.admin_realm_id === realmId) throw conflict('the admin realm cannot be deleted');
    if (await tx.realms.hasChildren(realmId)) throw conflict('realm has children');
    // The realm's SAML signing key signs for nothing once the realm is gone.
    await tx.saml.deleteIdpKey(realmId);
    await tx.realms.delete(realmId);
    await recordEvent(tx, realmEvent('realm.deleted', tenant.admin_realm_id, realm, null));
  });
}
