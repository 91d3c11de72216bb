import type { Kysely } from 'kysely';

/**
 * Launch mechanisms and upstream identity providers.
 *
 * `flow_type_configs`: one document per realm (the contract's 8 platforms × 13 flow types), made
 * on first read. `identity_providers`: the contract's `oidc_idp` settings as JSON, the upstream's
 * client secret beside them sealed with the master key (it is given back on read, so it cannot be
 * a hash). `idp_flows`: one row per trip through an upstream, so any process finishes a trip
 * another began: the state (hashed), the nonce and the PKCE verifier (sealed), what the trip is
 * for (a binding job), and once the upstream has vouched, the identity it matched and the hash of
 * the cookie that proves the same browser came back.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('flow_type_configs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('realm_id', 'text', (c) => c.notNull().unique().references('realms.id').onDelete('cascade'))
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .addColumn('update_time', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('identity_providers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('realm_id', 'text', (c) => c.notNull().references('realms.id').onDelete('cascade'))
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('protocol_config', 'text', (c) => c.notNull())
    .addColumn('client_secret_sealed', 'text', (c) => c.notNull())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .addColumn('update_time', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('identity_providers_realm_idx').on('identity_providers').columns(['realm_id', 'id']).execute();

  await db.schema
    .createTable('idp_flows')
    .addColumn('state_hash', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('realm_id', 'text', (c) => c.notNull().references('realms.id').onDelete('cascade'))
    .addColumn('identity_provider_id', 'text', (c) => c.notNull())
    .addColumn('job_id', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('code_verifier_sealed', 'text', (c) => c.notNull())
    .addColumn('return_to_sealed', 'text', (c) => c.notNull())
    .addColumn('verified_identity_id', 'text')
    .addColumn('browser_hash', 'text')
    .addColumn('expire_time', 'text', (c) => c.notNull())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('idp_flows_job_idx').on('idp_flows').columns(['job_id', 'browser_hash']).execute();
  await db.schema.createIndex('idp_flows_expire_idx').on('idp_flows').column('expire_time').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('idp_flows').execute();
  await db.schema.dropTable('identity_providers').execute();
  await db.schema.dropTable('flow_type_configs').execute();
}
