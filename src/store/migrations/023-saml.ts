import type { Kysely } from 'kysely';

/**
 * SAML 2.0, yonder as the identity provider.
 *
 * `saml_idp_keys`: each realm's signing key and its self-signed certificate, made on first use; the
 * private key sealed with the master key. One per realm (the primary key), so processes racing to
 * make it agree on the first one written.
 *
 * `saml_requests`: a sign-in in progress, from the service provider's AuthnRequest (or an
 * IdP-initiated start) to the response. `browser_hash` binds it to the browser that began it (the
 * secret is in that browser's cookie only); `answer_time` makes it single use; `request_id` is the
 * AuthnRequest's ID, unique per application while the row lives, so a replayed request is refused
 * whichever process it reaches. Expired rows are purged with the ceremonies.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('saml_idp_keys')
    .addColumn('realm_id', 'text', (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('certificate', 'text', (c) => c.notNull())
    .addColumn('private_key', 'text', (c) => c.notNull())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .addColumn('expire_time', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('saml_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('realm_id', 'text', (c) => c.notNull())
    .addColumn('application_id', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addColumn('acs_url', 'text', (c) => c.notNull())
    .addColumn('relay_state', 'text')
    .addColumn('force_authn', 'integer', (c) => c.notNull())
    .addColumn('browser_hash', 'text', (c) => c.notNull())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .addColumn('expire_time', 'text', (c) => c.notNull())
    .addColumn('answer_time', 'text')
    .execute();
  await db.schema.createIndex('saml_requests_request_idx').on('saml_requests').columns(['application_id', 'request_id']).unique().execute();
  await db.schema.createIndex('saml_requests_expire_idx').on('saml_requests').column('expire_time').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('saml_requests').execute();
  await db.schema.dropTable('saml_idp_keys').execute();
}
