import type { TestYonder } from './harness.js';

/** What the first start makes in the admin realm, found through the v1 API as a client would. */
export interface AdminRealmFixtures {
  /** The managed "yonder Management API" resource server (identifier `beyondidentity`). */
  managementServer: string;
  /** Its role with every scope, held by Administrators. */
  tenantAdministrator: string;
  administrators: string;
  /** The first administrator, `admin`. */
  adminIdentity: string;
}

export async function adminRealmFixtures(y: TestYonder): Promise<AdminRealmFixtures> {
  const admin = (rest: string) => y.realmPath(rest, y.adminRealmId);
  const named = (items: Record<string, string>[], key: string, value: string): string => {
    const found = items.find((item) => item[key] === value);
    if (!found?.id) throw new Error(`no ${key} ${value} in the admin realm`);
    return found.id;
  };
  const servers = (await y.request('GET', admin('/resource-servers'))).body.resource_servers;
  const managementServer = named(servers, 'identifier', 'beyondidentity');
  const roles = (await y.request('GET', admin(`/resource-servers/${managementServer}/roles`))).body.roles;
  const groups = (await y.request('GET', admin('/groups'))).body.groups;
  const admins = (await y.request('GET', admin('/identities?filter=traits.username eq "admin"'))).body.identities;
  return {
    managementServer,
    tenantAdministrator: named(roles, 'display_name', 'Tenant Administrator'),
    administrators: named(groups, 'display_name', 'Administrators'),
    adminIdentity: named(admins, 'display_name', 'Administrator'),
  };
}
