import { forbidden, notFound } from '../../domain/errors.js';
import type { Realm, TenantRecord } from '../../domain/directory/tenancy.js';
import type { Repositories } from '../../store/index.js';

// Apart from tenancy.ts, which creates realms with their default policy and authenticator config:
// those services need these lookups too, and importing them from tenancy.ts would make a cycle.

export async function requireTenant(repos: Repositories, tenantId: string): Promise<TenantRecord> {
  const tenant = await repos.tenants.get(tenantId);
  // A token only ever names its own tenant, so an unknown one is a token problem, not a 404.
  if (!tenant) throw forbidden();
  return tenant;
}

export async function requireRealm(repos: Repositories, tenantId: string, realmId: string): Promise<Realm> {
  const realm = await repos.realms.get(tenantId, realmId);
  if (!realm) throw notFound('Realm', realmId);
  return realm;
}

/**
 * The realm check before inserting rows that reference the realm (an identity): answered from
 * memory after the first time, since a realm never changes tenant. A realm deleted since is
 * refused by the rows' foreign key, which the store reports as the realm not found.
 */
export async function requireRealmToInsertInto(repos: Repositories, tenantId: string, realmId: string): Promise<void> {
  if (!(await repos.realms.isTenants(tenantId, realmId))) throw notFound('Realm', realmId);
}
