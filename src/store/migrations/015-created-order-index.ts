import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * SCIM lists identities in creation order unless asked otherwise (`meta.created`, then id), and
 * that is how Okta and Entra page through a whole realm (`GET /Users?startIndex=…&count=100`).
 * With no index in that order, every page sorted the whole realm: 175 ms of SQLite's one thread at
 * 200,000 identities, in which nothing else ran. This index hands out the page in order. On
 * PostgreSQL the order is byte-wise (`collate "C"`, as the SCIM queries compare text), so the
 * index says so too, or the planner could not use it for that order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const createTime = db.getExecutor().adapter instanceof PostgresAdapter ? sql`create_time collate "C"` : sql`create_time`;
  await sql`create index identities_realm_create_time_id_idx on identities (realm_id, ${createTime}, id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('identities_realm_create_time_id_idx').execute();
}
