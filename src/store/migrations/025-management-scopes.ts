import type { Kysely } from 'kysely';
import { allowManagementScopes } from './management-scopes.js';

/**
 * Scopes of the Management API that yonder gained after a store was made, without a migration of
 * their own (migration 019 added `sso-configs:*`): launch mechanisms, webhooks and identity
 * providers. A store bootstrapped before them had a Management API resource server, a management
 * application and a Tenant Administrator role that did not know them, so its administrators could
 * not use those features at all.
 */
const ADDED_SCOPES = [
  'flow-type:read',
  'flow-type:create',
  'flow-type:update',
  'webhooks:create',
  'webhooks:read',
  'webhooks:update',
  'webhooks:delete',
  'identity-providers:create',
  'identity-providers:read',
  'identity-providers:update',
  'identity-providers:delete',
];

/**
 * What a full administrator held before them: every scope a role gets in order to receive the new
 * ones. A role missing any of these (a reader, an auditor, one an administrator trimmed) gains
 * nothing, since nothing may grant more than was granted; its owner adds what it should hold.
 * Both lists are spelled out, not imported, so the migration does the same whatever the code's
 * scope list becomes.
 */
const FULL_ADMINISTRATOR = [
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
  'applications:create',
  'applications:update',
  'applications:delete',
  'authenticator-configs:create',
  'authenticator-configs:update',
  'events:read',
];

interface Tables {
  resource_servers: { id: string; identifier: string };
  roles: { id: string; resource_server_id: string };
  role_scopes: { role_id: string; scope: string };
}

/**
 * The Management API's resource servers (`beyondidentity`) and management applications allow the
 * added scopes, and every role on them holding all of `FULL_ADMINISTRATOR` gets them: the
 * bootstrap's Tenant Administrator unless someone took scopes from it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await allowManagementScopes(db, ADDED_SCOPES);
  const kysely = db as unknown as Kysely<Tables>;
  const held = await kysely
    .selectFrom('role_scopes')
    .innerJoin('roles', 'roles.id', 'role_scopes.role_id')
    .innerJoin('resource_servers', 'resource_servers.id', 'roles.resource_server_id')
    .select(['role_scopes.role_id', 'role_scopes.scope'])
    .where('resource_servers.identifier', '=', 'beyondidentity')
    .where('role_scopes.scope', 'in', FULL_ADMINISTRATOR)
    .execute();
  const count = new Map<string, number>();
  for (const { role_id } of held) count.set(role_id, (count.get(role_id) ?? 0) + 1);
  for (const [roleId, n] of count) {
    if (n !== FULL_ADMINISTRATOR.length) continue;
    for (const scope of ADDED_SCOPES) {
      await kysely
        .insertInto('role_scopes')
        .values({ role_id: roleId, scope })
        .onConflict((c) => c.doNothing())
        .execute();
    }
  }
}

/** Scopes stay: taking them away could lock administrators out of what they set up since. */
export async function down(): Promise<void> {}
