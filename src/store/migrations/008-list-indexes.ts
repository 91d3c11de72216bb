import type { Kysely } from 'kysely';

/**
 * Indexes that answer the list filters in id order. A list runs
 * `realm_id = ? AND <key> = ? AND id > ? ORDER BY id LIMIT n`: with the index on (realm_id, key)
 * alone, SQLite prefers walking (realm_id, id) to skip the sort, which reads the whole realm at a
 * million identities. Ending each index with `id` serves the filter, the keyset and the order at
 * once, on both engines. The username index stays as it is: unique on (realm_id, username_key),
 * at most one row matches.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('identities_realm_email_idx').execute();
  await db.schema.dropIndex('identities_realm_external_id_idx').execute();
  await db.schema.createIndex('identities_realm_email_id_idx').on('identities').columns(['realm_id', 'email_key', 'id']).execute();
  await db.schema.createIndex('identities_realm_external_id_id_idx').on('identities').columns(['realm_id', 'external_id', 'id']).execute();
  await db.schema.createIndex('identities_realm_display_name_id_idx').on('identities').columns(['realm_id', 'display_name_key', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('identities_realm_display_name_id_idx').execute();
  await db.schema.dropIndex('identities_realm_external_id_id_idx').execute();
  await db.schema.dropIndex('identities_realm_email_id_idx').execute();
  await db.schema.createIndex('identities_realm_email_idx').on('identities').columns(['realm_id', 'email_key']).execute();
  await db.schema.createIndex('identities_realm_external_id_idx').on('identities').columns(['realm_id', 'external_id']).execute();
}
