import { type Kysely, sql } from 'kysely';

/**
 * Audit event delivery to webhook endpoints. The audit trail itself is the outbox: nothing is
 * written on the request path beyond the event the change already records.
 *
 * - `audit_events.tenant_position` is the event's place in its tenant's delivery order, given by
 *   the delivery worker after the event has committed (null until then). Ids are made before their
 *   transaction commits, so two concurrent changes can become visible out of id order; a cursor on
 *   the id could step over an event that commits late. A position is only ever given to a committed
 *   event, always above every position given before, so a cursor on it misses nothing.
 * - `audit_events_unpositioned_idx` holds only events without a position (partial), so the worker
 *   finds new events of a tenant without scanning the delivered ones; `audit_events_position_idx`
 *   only positioned ones, read in order after an endpoint's cursor.
 * - `webhook_sequences` is one row per tenant with endpoints: the last position given (the row the
 *   worker locks to give positions) and the first event id to give one to (events from before the
 *   tenant's first endpoint are never delivered).
 * - `webhook_endpoints` holds the URL, the filter, the signing secret (sealed with the master key),
 *   the cursor (last position handled), the delivery lease (one process delivers per endpoint at a
 *   time: `lease_until` claimed with a conditional UPDATE) and the retry state.
 * - `webhook_deliveries` keeps the recent attempts per endpoint, for the status view.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_events').addColumn('tenant_position', 'bigint').execute();
  await db.schema
    .createIndex('audit_events_unpositioned_idx')
    .on('audit_events')
    .columns(['tenant_id', 'id'])
    .where(sql.ref('tenant_position'), 'is', null)
    .execute();
  await db.schema
    .createIndex('audit_events_position_idx')
    .on('audit_events')
    .columns(['tenant_id', 'tenant_position'])
    .where(sql.ref('tenant_position'), 'is not', null)
    .execute();

  await db.schema
    .createTable('webhook_sequences')
    .addColumn('tenant_id', 'text', (c) => c.primaryKey())
    .addColumn('last_position', 'bigint', (c) => c.notNull())
    .addColumn('first_event_id', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('webhook_endpoints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('event_types', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('secret_sealed', 'text', (c) => c.notNull())
    .addColumn('cursor_position', 'bigint', (c) => c.notNull())
    .addColumn('cursor_event_id', 'text')
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('next_attempt_time', 'text')
    .addColumn('failure_count', 'integer', (c) => c.notNull())
    .addColumn('last_attempt_time', 'text')
    .addColumn('last_success_time', 'text')
    .addColumn('last_status_code', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('create_time', 'text', (c) => c.notNull())
    .addColumn('update_time', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('webhook_endpoints_tenant_idx').on('webhook_endpoints').columns(['tenant_id', 'id']).execute();

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('endpoint_id', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('error', 'text')
    .addColumn('succeeded', 'integer', (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('webhook_deliveries_endpoint_idx').on('webhook_deliveries').columns(['endpoint_id', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('webhook_deliveries').execute();
  await db.schema.dropTable('webhook_endpoints').execute();
  await db.schema.dropTable('webhook_sequences').execute();
  await db.schema.dropIndex('audit_events_position_idx').execute();
  await db.schema.dropIndex('audit_events_unpositioned_idx').execute();
  await db.schema.alterTable('audit_events').dropColumn('tenant_position').execute();
}
