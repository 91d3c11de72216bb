import type { Kysely } from 'kysely';

/**
 * OpenID Connect: what the provider keeps between requests (authorization codes, sessions,
 * interactions, grants, refresh tokens) lives here, one row per model instance, so any process on
 * the same store carries on a flow another began. The lookups the provider makes besides the id
 * (by grant, by interaction uid, by user code) are plain columns, indexed alike on both engines.
 *
 * Access tokens issued by the authorization-code and refresh grants are yonder token records like
 * any other; `grant_id` ties them to their grant, so a replayed code or a reused refresh token
 * revokes them with the grant; `oidc_scopes` keeps the OpenID scopes userinfo answers by, and
 * `credential_id` the passkey the person signed in with, refused at userinfo once revoked.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('oidc_instances')
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('application_id', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('grant_id', 'text')
    .addColumn('uid', 'text')
    .addColumn('user_code', 'text')
    .addColumn('expires_at', 'text')
    .addColumn('consumed_at', 'text')
    .addPrimaryKeyConstraint('oidc_instances_pk', ['model', 'id'])
    .execute();
  await db.schema.createIndex('oidc_instances_grant_idx').on('oidc_instances').column('grant_id').execute();
  await db.schema.createIndex('oidc_instances_uid_idx').on('oidc_instances').column('uid').execute();
  await db.schema.createIndex('oidc_instances_user_code_idx').on('oidc_instances').column('user_code').execute();
  await db.schema.createIndex('oidc_instances_expires_idx').on('oidc_instances').column('expires_at').execute();
  await db.schema.alterTable('api_tokens').addColumn('grant_id', 'text').execute();
  await db.schema.alterTable('api_tokens').addColumn('oidc_scopes', 'text').execute();
  await db.schema.alterTable('api_tokens').addColumn('credential_id', 'text').execute();
  await db.schema.createIndex('api_tokens_grant_idx').on('api_tokens').column('grant_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('api_tokens_grant_idx').execute();
  await db.schema.alterTable('api_tokens').dropColumn('credential_id').execute();
  await db.schema.alterTable('api_tokens').dropColumn('oidc_scopes').execute();
  await db.schema.alterTable('api_tokens').dropColumn('grant_id').execute();
  await db.schema.dropTable('oidc_instances').execute();
}
