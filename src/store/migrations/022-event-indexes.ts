import type { Kysely } from 'kysely';

/**
 * Every create writes an audit event, so every index on `audit_events` is paid on the write path.
 * What each reader needs:
 * - the events list, newest first per realm: `audit_events_realm_id_idx` (realm_id, id);
 * - the events list of one resource (an identity's trail): `audit_events_realm_resource_idx`;
 * - the retention job, oldest first: the primary key, since ids are time-ordered and never older
 *   than their event's `create_time` (see `eventIdFloor`);
 * - a reader of a tenant's events in order (webhook delivery) brings its own index.
 * `audit_events_create_time_idx` served only the retention job and the `since`/`until` filters,
 * which the realm's index and an id bound now serve: dropped.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('audit_events_create_time_idx').ifExists().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('audit_events_create_time_idx').ifNotExists().on('audit_events').columns(['create_time']).execute();
}
