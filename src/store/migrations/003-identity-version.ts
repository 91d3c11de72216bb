import { type Kysely, sql } from 'kysely';

/**
 * Every identity carries a version that every write increments. SCIM exposes it as `meta.version`
 * and the weak ETag, so a client's `If-Match` can refuse to overwrite a change it has not seen.
 * Existing rows start at 1.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('identities')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(sql`1`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('identities').dropColumn('version').execute();
}
