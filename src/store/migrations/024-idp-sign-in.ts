import type { Kysely } from 'kysely';

/**
 * Signing in with an upstream identity provider on the hosted sign-in page.
 *
 * `realm_account_settings.sign_in_identity_providers`: the ids (JSON array) of the realm's
 * identity providers its sign-in pages offer. `idp_flows` is made again with what a trip is for
 * (`purpose`: a binding link's `verification`, or a `sign_in`), the application a sign-in is for,
 * and a job only for a verification. Its rows are trips of at most minutes, so none is kept: a
 * trip under way as this runs is begun again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('realm_account_settings')
    .addColumn('sign_in_identity_providers', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();

  await db.schema.dropTable('idp_flows').execute();
  await db.schema
    .createTable('idp_flows')
    .addColumn('state_hash', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('realm_id', 'text', (c) => c.notNull().references('realms.id').onDelete('cascade'))
    .addColumn('identity_provider_id', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('job_id', 'text')
    .addColumn('application_id', 'text')
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

/** Back to 023's shape: trips are dropped again (a sign-in trip has no job to keep). */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('realm_account_settings').dropColumn('sign_in_identity_providers').execute();
  await db.schema.dropTable('idp_flows').execute();
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
