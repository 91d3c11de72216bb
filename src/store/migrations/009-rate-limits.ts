import type { Kysely } from 'kysely';

/**
 * One table for every rate limit, replacing `auth_failures` (which counted only failed client
 * authentications). A row is a fixed-window counter: `key` names the limit and what it counts
 * (`<rule>:<subject>`, e.g. `oauth-client-address:<client id>|<ip>`), `hits` the hits in the
 * window that ends at `expires_at` (Unix seconds). Every process counts in the same rows, so a
 * limit holds however many processes share the store. Rows past `expires_at` mean nothing; the
 * index on it lets the pruning job delete them in batches.
 *
 * The old counters are not carried over: they lived at most five minutes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('auth_failures').execute();
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_limits_expires_at_idx').on('rate_limits').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rate_limits').execute();
  await db.schema
    .createTable('auth_failures')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .execute();
}
