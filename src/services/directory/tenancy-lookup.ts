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

/**
 * A read of a realm's rows that checks the realm only when the rows cannot prove it: a row of the
 * realm and of the tenant shows the realm is there (a realm cannot be deleted while it holds
 * identities), which saves the realm read on every hit. An empty answer, a row of another tenant,
 * or an error (a bad page token) asks for the realm first, so a missing one is still a 404 before
 * anything else. Only for reads an index bounds (exact lookups), so naming another tenant's realm
 * costs no more than the check would have.
 */
export async function readProvingRealm<T>(
  repos: Repositories,
  tenantId: string,
  realmId: string,
  read: () => Promise<T>,
  rowsOf: (result: T) => readonly { tenant_id: string }[],
): Promise<T> {
  let result: T;
  try {
    result = await read();
  } catch (error) {
    await requireRealm(repos, tenantId, realmId);
    throw error;
  }
  const [first] = rowsOf(result);
  if (first?.tenant_id !== tenantId) await requireRealm(repos, tenantId, realmId);
  return result;
}
