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
  'applications:read-secrets',
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
  'flow-type:read',
  'flow-type:create',
  'flow-type:update',
  'identity-providers:create',
  'identity-providers:read',
  'identity-providers:update',
  'identity-providers:delete',
  'events:read',
  'webhooks:create',
  'webhooks:read',
  'webhooks:update',
  'webhooks:delete',
  'scim:users:create',
  'scim:users:read',
  'scim:users:update',
  'scim:users:delete',
  'scim:groups:create',
  'scim:groups:read',
  'scim:groups:update',
  'scim:groups:delete',
  'scim:all',
  'sso-configs:create',
  'sso-configs:read',
  'sso-configs:update',
  'sso-configs:delete',
] as const;

export type Scope = (typeof MANAGEMENT_SCOPES)[number];

/**
 * Reads client secrets back (application reads and lists show `client_secret`, each read audited),
 * as Beyond Identity's CLI does with the Management API application's token. It reaches people
 * only when someone holding it grants it on purpose: the first start's Tenant Administrator role
 * (and so the Admin Console, whose tokens come from roles) has every scope but this one.
 */
export const READ_SECRETS_SCOPE = 'applications:read-secrets';

export const TENANT_ADMINISTRATOR_SCOPES = MANAGEMENT_SCOPES.filter((scope) => scope !== READ_SECRETS_SCOPE);

const KNOWN = new Set<string>(MANAGEMENT_SCOPES);

export function isKnownScope(scope: string): scope is Scope {
  return KNOWN.has(scope);
}

export function parseScopeList(value: string): string[] {
  return [...new Set(value.split(/[\s,]+/).filter((s) => s.length > 0))];
}

/**
 * Who makes a grant: the scopes they hold and the realm they are restricted to (null: the whole
 * tenant). A verified token's principal is one.
 */
export interface Grantor {
  scopes: { has(scope: string): boolean };
  realmId: string | null;
}

/** The command line and the first start: the operator, who may grant anything. */
export const OPERATOR: Grantor = { scopes: { has: () => true }, realmId: null };

/**
 * What a change would give someone: management scopes, and whether they reach the whole tenant
 * (a console token, the Management API application's tokens) or one realm.
 */
export interface Grant {
  scopes: Iterable<string>;
  tenantWide: boolean;
}

/**
 * Nothing can grant more than its caller holds. Why `caller` may not make `grant` (to follow
 * "would grant "), or null when it may:
 * - every scope granted must be one the caller holds;
 * - a grant that reaches the whole tenant needs a caller not restricted to one realm;
 * - a grant of no scope is no grant, whatever its reach.
 */
export function grantRefusal(caller: Grantor, grant: Grant): string | null {
  const scopes = [...new Set(grant.scopes)];
  if (scopes.length === 0) return null;
  const missing = scopes.filter((scope) => !caller.scopes.has(scope));
  if (missing.length > 0) {
    const named = missing.slice(0, 5).join(', ');
    return `scopes you do not hold (${missing.length > 5 ? `${named} and ${missing.length - 5} more` : named})`;
  }
  if (grant.tenantWide && caller.realmId !== null) return 'access to the whole tenant, and your token is restricted to one realm';
  return null;
}
