import type { Kysely } from 'kysely';

/**
 * The audit trail. One row per event, written in the transaction of the change it records.
 *
 * - The id is a UUIDv7 (time-ordered text), so `(realm_id, id)` serves the newest-first list of a
 *   realm and keyset paging on it is stable.
 * - No foreign keys: events outlive what they describe (a deleted identity, a deleted realm), and
 *   only the retention job removes them.
 * - `create_time` is indexed for the retention job, which deletes by age in batches.
 * - `actor` and the before/after states are JSON text; `actor_type`, `actor_id` and
 *   `actor_subject` are copied out of the actor for the `actor` filter.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('realm_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('resource_type', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('actor_subject', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('request_id', 'text')
    .addColumn('state_before', 'text')
    .addColumn('state_after', 'text')
    .addColumn('create_time', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_events_realm_id_idx').on('audit_events').columns(['realm_id', 'id']).execute();
  await db.schema.createIndex('audit_events_realm_resource_idx').on('audit_events').columns(['realm_id', 'resource_id', 'id']).execute();
  await db.schema.createIndex('audit_events_create_time_idx').on('audit_events').columns(['create_time']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_events').execute();
}
