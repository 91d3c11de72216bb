import type { Kysely } from 'kysely';

/**
 * A rotated signing key is retired, not deleted: it signs no more, but stays in the JWKS (and
 * verifies) until every token it signed has expired. Null: the key still signs (the oldest such).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('signing_keys').addColumn('retire_time', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('signing_keys').dropColumn('retire_time').execute();
}
