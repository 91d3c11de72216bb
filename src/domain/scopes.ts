/**
 * The management scopes yonder understands, spelled as the v1 contract spells them. An admin
 * token holds all of them.
 */
export const MANAGEMENT_SCOPES = [
  'tenants:read',
  'tenants:update',
  'realms:create',
  'realms:read',
  'realms:update',
  'realms:delete',
  'identities:create',
  'identities:read',
  'identities:update',
  'identities:delete',
  'groups:create',
  'groups:read',
  'groups:update',
  'groups:delete',
  'applications:create',
  'applications:read',
  'applications:update',
  'applications:delete',
  'resource-servers:create',
  'resource-servers:read',
  'resource-servers:update',
  'resource-servers:delete',
  'roles:create',
  'roles:read',
  'roles:update',
  'roles:delete',
  'tokens:create',
  'tokens:read',
  'tokens:delete',
  'policy:read',
  'policy:update',
  'policy:evaluate',
  'credential-binding-jobs:create',
  'credential-binding-jobs:read',
  'credential-binding-jobs:revoke',
  'credentials:read',
  'credentials:revoke',
  'authenticator-configs:create',
  'authenticator-configs:read',
  'authenticator-configs:update',
  'authenticator-configs:delete',
  'themes:create',
  'themes:read',
  'themes:update',
  'events:read',
  'scim:users:create',
  'scim:users:read',
  'scim:users:update',
  'scim:users:delete',
  'scim:groups:create',
  'scim:groups:read',
  'scim:groups:update',
  'scim:groups:delete',
  'scim:all',
] as const;

export type Scope = (typeof MANAGEMENT_SCOPES)[number];

const KNOWN = new Set<string>(MANAGEMENT_SCOPES);

export function isKnownScope(scope: string): boolean {
  return KNOWN.has(scope);
}

export function parseScopeList(value: string): string[] {
  return [...new Set(value.split(/[\s,]+/).filter((s) => s.length > 0))];
}
