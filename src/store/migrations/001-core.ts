import type { Kysely } from 'kysely';

/**
 * Tenants, realms, identities, tokens and the process-shared secrets. Written with Kysely's schema
 * builder in the subset both engines understand, so one migration serves SQLite and PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tenants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('admin_realm_id', 'text', (c) => c.notNull())
    .addColumn('management_application_id', 'text', (c) => c.notNull())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .addColumn('update_time', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('realms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('classification', 'text', (c) => c.notNull())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .addColumn('update_time', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('realms_tenant_id_idx').on('realms').columns(['tenant_id', 'id']).execute();

  await db.schema
    .createTable('identities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('realm_id', 'text', (c) => c.notNull().references('realms.id'))
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('display_name_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('traits', 'text', (c) => c.notNull())
    .addColumn('username_key', 'text', (c) => c.notNull())
    .addColumn('email_key', 'text')
    .addColumn('external_id', 'text')
    .addColumn('create_time', 'text', (c) => c.notNull())
    .addColumn('update_time', 'text', (c) => c.notNull())
    .execute();
  // The unique index is what makes usernames unique per realm: two racing creates (even on two
  // processes sharing one PostgreSQL) cannot both commit, whatever the application read before.
  await db.schema.createIndex('identities_realm_username_key_uq').on('identities').columns(['realm_id', 'username_key']).unique().execute();
  await db.schema.createIndex('identities_realm_id_idx').on('identities').columns(['realm_id', 'id']).execute();
  await db.schema.createIndex('identities_realm_email_idx').on('identities').columns(['realm_id', 'email_key']).execute();
  await db.schema.createIndex('identities_realm_external_id_idx').on('identities').columns(['realm_id', 'external_id']).execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('jti', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('realm_id', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('token_suffix', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('api_tokens_tenant_idx').on('api_tokens').columns(['tenant_id', 'jti']).execute();

  await db.schema
    .createTable('signing_keys')
    .addColumn('kid', 'text', (c) => c.primaryKey())
    .addColumn('alg', 'text', (c) => c.notNull())
    .addColumn('private_jwk', 'text', (c) => c.notNull())
    .addColumn('public_jwk', 'text', (c) => c.notNull())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('server_secrets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('bootstrap')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['bootstrap', 'server_secrets', 'signing_keys', 'api_tokens', 'identities', 'realms', 'tenants']) {
    await db.schema.dropTable(table).execute();
  }
}
