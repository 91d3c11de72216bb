import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';

/**
 * Passkeys: authenticator configurations, themes, credential binding jobs (and batches of them),
 * credentials, WebAuthn challenges and hosted-page sessions.
 *
 * - Everything hangs off its realm or identity with ON DELETE CASCADE: deleting an identity takes
 *   its jobs and credentials with it, deleting an (empty) realm its configurations and theme.
 * - Link and session tokens are stored only as SHA-256 hashes (`token_hash`).
 * - Challenges are rows, so any process can finish a ceremony another began; consuming one is a
 *   DELETE ... RETURNING, which only one request can win.
 * - `identities.enrollment_status` keeps the part of the contract's derived status that does not
 *   depend on the clock (ENROLLED, INVITE_FAILED, UNENROLLED); `enrollment_pending_until` is when
 *   the last pending link expires, so PENDING turns back without a write.
 * - Every existing realm gets its default hosted_web authenticator configuration.
 */
// biome-ignore lint/suspicious/noExplicitAny: a migration is written against the schema of its day, not today's types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('identities')
    .addColumn('enrollment_status', 'text', (c) => c.notNull().defaultTo('UNENROLLED'))
    .execute();
  await db.schema.alterTable('identities').addColumn('enrollment_pending_until', 'text').execute();

  await db.schema
    .createTable('authenticator_configs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('realm_id', 'text', (c) => c.notNull().references('realms.id').onDelete('cascade'))
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('is_default', 'integer', (c) => c.notNull())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .addColumn('update_time', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('authenticator_configs_realm_idx').on('authenticator_configs').columns(['realm_id', 'id']).execute();

  await db.schema
    .createTable('themes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    // One theme per realm, as the contract says.
    .addColumn('realm_id', 'text', (c) => c.notNull().unique().references('realms.id').onDelete('cascade'))
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .addColumn('update_time', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('batch_credential_binding_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('realm_id', 'text', (c) => c.notNull().references('realms.id').onDelete('cascade'))
    .addColumn('identity_ids', 'text', (c) => c.notNull())
    .addColumn('job_template', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('state_commentary', 'text', (c) => c.notNull())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .addColumn('update_time', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('credential_binding_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('realm_id', 'text', (c) => c.notNull())
    .addColumn('identity_id', 'text', (c) => c.notNull().references('identities.id').onDelete('cascade'))
    .addColumn('batch_id', 'text')
    .addColumn('credential_id', 'text')
    .addColumn('delivery_method', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('post_binding_redirect_uri', 'text')
    .addColumn('authenticator_config_id', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('expire_time', 'text', (c) => c.notNull())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .addColumn('update_time', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cbj_realm_idx').on('credential_binding_jobs').columns(['realm_id', 'id']).execute();
  await db.schema.createIndex('cbj_identity_idx').on('credential_binding_jobs').columns(['identity_id', 'id']).execute();
  await db.schema.createIndex('cbj_batch_idx').on('credential_binding_jobs').columns(['batch_id', 'id']).execute();

  await db.schema
    .createTable('credentials')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('realm_id', 'text', (c) => c.notNull())
    .addColumn('identity_id', 'text', (c) => c.notNull().references('identities.id').onDelete('cascade'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('csr_type', 'text', (c) => c.notNull())
    .addColumn('jwk_json', 'text', (c) => c.notNull())
    .addColumn('jwk_thumbprint', 'text', (c) => c.notNull())
    .addColumn('webauthn_id', 'text', (c) => c.notNull())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('counter', 'bigint', (c) => c.notNull())
    .addColumn('transports', 'text', (c) => c.notNull())
    .addColumn('aaguid', 'text', (c) => c.notNull())
    .addColumn('device_type', 'text', (c) => c.notNull())
    .addColumn('backed_up', 'integer', (c) => c.notNull())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .addColumn('update_time', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('credentials_realm_idx').on('credentials').columns(['realm_id', 'id']).execute();
  await db.schema.createIndex('credentials_identity_idx').on('credentials').columns(['identity_id', 'id']).execute();
  // Sign-in finds the credential by the id the authenticator presents, within the realm.
  await db.schema.createIndex('credentials_webauthn_id_uq').on('credentials').columns(['realm_id', 'webauthn_id']).unique().execute();

  await db.schema
    .createTable('webauthn_challenges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('realm_id', 'text', (c) => c.notNull().references('realms.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('challenge', 'text', (c) => c.notNull())
    .addColumn('job_id', 'text')
    .addColumn('application_id', 'text')
    .addColumn('expire_time', 'text', (c) => c.notNull())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('web_sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('realm_id', 'text', (c) => c.notNull())
    .addColumn('identity_id', 'text', (c) => c.notNull().references('identities.id').onDelete('cascade'))
    .addColumn('credential_id', 'text', (c) => c.notNull())
    .addColumn('application_id', 'text')
    .addColumn('expire_time', 'text', (c) => c.notNull())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .execute();

  const realms = await db.selectFrom('realms').select(['id', 'tenant_id']).execute();
  const now = new Date().toISOString();
  for (const realm of realms as { id: string; tenant_id: string }[]) {
    await db
      .insertInto('authenticator_configs')
      .values({
        id: randomUUID(),
        tenant_id: realm.tenant_id,
        realm_id: realm.id,
        display_name: 'Hosted Web',
        config: JSON.stringify({ type: 'hosted_web', authentication_methods: [{ type: 'webauthn_passkey' }], trusted_origins: [] }),
        is_default: 1,
        create_time: now,
        update_time: now,
      })
      .execute();
  }
}

// biome-ignore lint/suspicious/noExplicitAny: a migration is written against the schema of its day, not today's types.
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'web_sessions',
    'webauthn_challenges',
    'credentials',
    'credential_binding_jobs',
    'batch_credential_binding_jobs',
    'themes',
    'authenticator_configs',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('identities').dropColumn('enrollment_pending_until').execute();
  await db.schema.alterTable('identities').dropColumn('enrollment_status').execute();
}
