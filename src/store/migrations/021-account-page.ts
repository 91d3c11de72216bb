import type { Kysely } from 'kysely';

/**
 * The account page: a person names their passkeys and sees when each was last used; a hosted
 * session remembers when (and with which passkey) its person last re-authenticated, which adding
 * or removing a passkey asks for; a realm may let people remove their last passkey
 * (`realm_account_settings`, absent row = the defaults: it may not).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('credentials').addColumn('display_name', 'text').execute();
  await db.schema.alterTable('credentials').addColumn('last_used_time', 'text').execute();
  await db.schema.alterTable('web_sessions').addColumn('reauth_time', 'text').execute();
  await db.schema.alterTable('web_sessions').addColumn('reauth_credential_id', 'text').execute();
  await db.schema.createIndex('web_sessions_identity_idx').on('web_sessions').column('identity_id').execute();
  await db.schema
    .createTable('realm_account_settings')
    .addColumn('realm_id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('allow_removing_last_passkey', 'integer', (c) => c.notNull())
    .addColumn('update_time', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('realm_account_settings').execute();
  await db.schema.dropIndex('web_sessions_identity_idx').execute();
  await db.schema.alterTable('web_sessions').dropColumn('reauth_credential_id').execute();
  await db.schema.alterTable('web_sessions').dropColumn('reauth_time').execute();
  await db.schema.alterTable('credentials').dropColumn('last_used_time').execute();
  await db.schema.alterTable('credentials').dropColumn('display_name').execute();
}
