import type { RealmRef } from '../services/directory/identities.js';

/** The path parameters every realm-scoped route has (`/v1/tenants/:tenant_id/realms/:realm_id/...`). */
export interface RealmParamsShape {
  tenant_id: string;
  realm_id: string;
}

/** The realm a route's path names, as the services take it. */
export function realmRef(params: RealmParamsShape): RealmRef {
  return { tenantId: params.tenant_id, realmId: params.realm_id };
}

/** The resource server a route's path names, with its realm (the roles routes). */
export function resourceServerRef(params: RealmParamsShape & { resource_server_id: string }): RealmRef & { resourceServerId: string } {
  return { ...realmRef(params), resourceServerId: params.resource_server_id };
}
