import type { Kysely } from 'kysely';
import { allowManagementScopes } from './management-scopes.js';

/** The scopes of SSO configs, and the application scope each follows where roles already hold it. */
const SCOPE_FOLLOWS = {
  'sso-configs:create': 'applications:create',
  'sso-configs:read': 'applications:read',
  'sso-configs:update': 'applications:update',
  'sso-configs:delete': 'applications:delete',
} as const;
const NEW_SCOPES = Object.keys(SCOPE_FOLLOWS);

interface Tables {
  resource_servers: { id: string; identifier: string };
  roles: { id: string; resource_server_id: string };
  role_scopes: { role_id: string; scope: string };
}

/**
 * SSO configs (Beyond Identity's "applications" of the console: a tile, an OpenID Connect app, a
 * SCIM client, or a configuration yonder only keeps) and who is assigned to them.
 *
 * - `sso_configs.payload` is the type's document as JSON text without its secrets;
 *   `sealed_secrets` holds those (a third party's client secret, an Okta token) sealed with the
 *   master key. `application_id` links the application yonder made for it (generic_oidc, scim...):
 *   unique, so an application belongs to at most one config, and found by it at sign-in.
 * - Assignments are two tables with real foreign keys, so deleting an identity or a group drops
 *   its assignments (ON DELETE CASCADE) on both engines, and an assignment to a config that is
 *   being deleted cannot be added. The indexes by member answer "which configs for this identity"
 *   and the sign-in gate.
 * - The Management API gains `sso-configs:*`: its resource servers and its managed application
 *   allow them, and every role holding an application scope gets the matching SSO config scope
 *   (an SSO config is an application to the console that manages it).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sso_configs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('realm_id', 'text', (c) => c.notNull().references('realms.id'))
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('is_migrated', 'integer', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('sealed_secrets', 'text', (c) => c.notNull())
    .addColumn('application_id', 'text', (c) => c.references('applications.id'))
    .addColumn('create_time', 'text', (c) => c.notNull())
    .addColumn('update_time', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sso_configs_realm_id_idx').on('sso_configs').columns(['realm_id', 'id']).execute();
  await db.schema.createIndex('sso_configs_application_uq').on('sso_configs').column('application_id').unique().execute();

  for (const [table, column, target] of [
    ['sso_config_identities', 'identity_id', 'identities.id'],
    ['sso_config_groups', 'group_id', 'groups.id'],
  ] as const) {
    await db.schema
      .createTable(table)
      .addColumn('sso_config_id', 'text', (c) => c.notNull().references('sso_configs.id').onDelete('cascade'))
      .addColumn(column, 'text', (c) => c.notNull().references(target).onDelete('cascade'))
      .addColumn('realm_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, ['sso_config_id', column])
      .execute();
    await db.schema.createIndex(`${table}_member_idx`).on(table).columns([column, 'sso_config_id']).execute();
  }

  await allowManagementScopes(db, NEW_SCOPES);
  const kysely = db as unknown as Kysely<Tables>;
  for (const [scope, follows] of Object.entries(SCOPE_FOLLOWS)) {
    const holders = await kysely
      .selectFrom('role_scopes')
      .innerJoin('roles', 'roles.id', 'role_scopes.role_id')
      .innerJoin('resource_servers', 'resource_servers.id', 'roles.resource_server_id')
      .select('role_scopes.role_id')
      .where('role_scopes.scope', '=', follows)
      .where('resource_servers.identifier', '=', 'beyondidentity')
      .execute();
    for (const { role_id } of holders) {
      await kysely
        .insertInto('role_scopes')
        .values({ role_id, scope })
        .onConflict((c) => c.doNothing())
        .execute();
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['sso_config_groups', 'sso_config_identities', 'sso_configs']) await db.schema.dropTable(table).execute();
}
