import { nowTimestamp } from '../domain/time.js';

/** What every resource a realm owns is created with: its id, its tenant and realm, and one time for both stamps. */
export interface RealmResourceFields {
  id: string;
  tenant_id: string;
  realm_id: string;
  create_time: string;
  update_time: string;
}

/**
 * The fields a new resource of the realm `ref` starts with, to spread into it. `id` is the
 * caller's: hex ids for directory resources, UUIDs for configuration (see domain/ids.ts).
 */
export function newRealmResource(ref: { tenantId: string; realmId: string }, id: string): RealmResourceFields {
  const now = nowTimestamp();
  return { id, tenant_id: ref.tenantId, realm_id: ref.realmId, create_time: now, update_time: now };
}
