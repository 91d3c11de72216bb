import { type Kysely, sql } from 'kysely';

/**
 * Groups get what SCIM needs of them:
 * - a version that every write increments (renames and membership changes alike), exposed as
 *   SCIM's `meta.version` and weak ETag so `If-Match` can refuse a stale write. Existing rows
 *   start at 1.
 * - the provisioning client's `externalId` (Entra sends one on every group it creates), compared
 *   exactly and indexed per realm like the identities' one.
 * 004 and 005 are taken by work in progress elsewhere.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('groups')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(sql`1`))
    .execute();
  await db.schema.alterTable('groups').addColumn('external_id', 'text').execute();
  await db.schema.createIndex('groups_realm_external_id_idx').on('groups').columns(['realm_id', 'external_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('groups_realm_external_id_idx').execute();
  await db.schema.alterTable('groups').dropColumn('external_id').execute();
  await db.schema.alterTable('groups').dropColumn('version').execute();
}
