import { type Kysely, sql } from 'kysely';

/**
 * Management API access the Beyond Identity way: resource servers, roles, client credentials of
 * applications, the issuing application of each token, and the shared counters of failed client
 * authentications.
 *
 * - `resource_servers.identifier` is unique per realm (it is the `aud` of the tokens minted for it).
 * - Applications get their `client_id` (looked up by introspection) and the SHA-256 hash of their
 *   client secret. The secret itself is never stored: it is 256 random bits, so a fast hash is
 *   enough to make a copy of the database useless for authenticating.
 * - `api_tokens.application_id` names the issuing application; rows written before this migration
 *   were all issued by the tenant's management application, so they are filled in with it.
 * - `auth_failures` holds one fixed-window counter per key (`client:<id>`, `address:<ip>`). Every
 *   process counts in the same rows, so the limit holds however many processes serve the API.
 * - Roles belong to a resource server and go with it (ON DELETE CASCADE); their scopes and members
 *   are rows with composite primary keys, so adding twice is a no-op.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('resource_servers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('realm_id', 'text', (c) => c.notNull().references('realms.id'))
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('identifier', 'text', (c) => c.notNull())
    // Space-separated scope names (scope names never contain spaces).
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('is_managed', 'integer', (c) => c.notNull())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .addColumn('update_time', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('resource_servers_realm_identifier_uq').on('resource_servers').columns(['realm_id', 'identifier']).unique().execute();

  await db.schema.alterTable('applications').addColumn('client_id', 'text').execute();
  await db.schema.alterTable('applications').addColumn('client_secret_hash', 'text').execute();
  await db.schema.createIndex('applications_client_id_uq').on('applications').column('client_id').unique().execute();

  await db.schema.alterTable('api_tokens').addColumn('application_id', 'text').execute();
  await sql`update api_tokens set application_id = (select management_application_id from tenants where tenants.id = api_tokens.tenant_id)`.execute(
    db,
  );
  await db.schema.createIndex('api_tokens_application_idx').on('api_tokens').columns(['application_id', 'jti']).execute();

  await db.schema
    .createTable('auth_failures')
    .addColumn('key', 'text', (c) => c.primaryKey())
    // Unix seconds at which the current window started.
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('roles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('realm_id', 'text', (c) => c.notNull().references('realms.id'))
    .addColumn('resource_server_id', 'text', (c) => c.notNull().references('resource_servers.id').onDelete('cascade'))
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .addColumn('update_time', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('roles_server_idx').on('roles').columns(['resource_server_id', 'id']).execute();
  await db.schema
    .createTable('role_scopes')
    .addColumn('role_id', 'text', (c) => c.notNull().references('roles.id').onDelete('cascade'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('role_scopes_pk', ['role_id', 'scope'])
    .execute();
  await db.schema
    .createTable('role_members')
    .addColumn('role_id', 'text', (c) => c.notNull().references('roles.id').onDelete('cascade'))
    // `identity` or `group`.
    .addColumn('member_type', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('role_members_pk', ['role_id', 'member_type', 'member_id'])
    .execute();
  await db.schema.createIndex('role_members_member_idx').on('role_members').columns(['member_type', 'member_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['role_members', 'role_scopes', 'roles', 'auth_failures', 'resource_servers']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex('api_tokens_application_idx').execute();
  await db.schema.alterTable('api_tokens').dropColumn('application_id').execute();
  await db.schema.dropIndex('applications_client_id_uq').execute();
  await db.schema.alterTable('applications').dropColumn('client_secret_hash').execute();
  await db.schema.alterTable('applications').dropColumn('client_id').execute();
}
