import type { Kysely } from 'kysely';
import type { AuditEvent } from '../../domain/audit/audit-event.js';
import type { WebhookDelivery, WebhookEndpoint } from '../../domain/webhooks/endpoint.js';
import { toEvent } from '../audit/audit-events.js';
import type { Engine, Executor } from '../engine/connection.js';
import type { AuditEventsTable, Database } from '../schema.js';

/** PostgreSQL answers bigint columns as text; positions stay far below 2^53. */
type Bigint = number | string;

/** An endpoint as stored, with its sealed secret. */
export interface StoredWebhookEndpoint extends WebhookEndpoint {
  secret_sealed: string;
}

export interface WebhookEndpointsTable extends Omit<StoredWebhookEndpoint, 'event_types' | 'enabled' | 'cursor_position'> {
  /** JSON array text. */
  event_types: string;
  /** 0 or 1. */
  enabled: number;
  cursor_position: Bigint;
  /** The process holding the delivery lease (until `lease_until`). */
  lease_owner: string | null;
}

interface WebhookSequencesTable {
  tenant_id: string;
  last_position: Bigint;
  first_event_id: string;
}

interface WebhookDeliveriesTable extends Omit<WebhookDelivery, 'succeeded'> {
  succeeded: number;
}

/** The tables of this module, beside the rest (the audit trail gains its delivery position). */
interface WebhookDatabase extends Omit<Database, 'audit_events'> {
  audit_events: AuditEventsTable & { tenant_position: Bigint | null };
  webhook_endpoints: WebhookEndpointsTable;
  webhook_sequences: WebhookSequencesTable;
  webhook_deliveries: WebhookDeliveriesTable;
}

function toEndpoint(row: WebhookEndpointsTable): StoredWebhookEndpoint {
  const { lease_owner, ...rest } = row;
  return {
    ...rest,
    event_types: JSON.parse(row.event_types) as string[],
    enabled: row.enabled === 1,
    cursor_position: Number(row.cursor_position),
  };
}

export type EndpointChanges = Partial<Pick<StoredWebhookEndpoint, 'url' | 'description' | 'event_types' | 'enabled' | 'secret_sealed'>> & {
  update_time: string;
};

/** What a delivery attempt leaves on its endpoint (the lease holder's view of it). */
export interface AttemptOutcome {
  last_attempt_time: string;
  last_status_code: number | null;
  last_error: string | null;
}

/** One event in its tenant's delivery order. */
export interface PositionedEvent {
  position: number;
  event: AuditEvent;
}

/**
 * Webhook endpoints, their delivery state, their recent attempts, and the delivery order of the
 * audit trail (see migration 018). Every write of delivery state is conditional on the lease, so a
 * process that lost its lease (it stalled past it) changes nothing another process now owns.
 */
export class WebhookStore {
  private readonly db: Kysely<WebhookDatabase>;

  constructor(
    executor: Executor,
    private readonly engine: Engine,
  ) {
    this.db = executor as unknown as Kysely<WebhookDatabase>;
  }

  async insertEndpoint(endpoint: StoredWebhookEndpoint): Promise<void> {
    await this.db
      .insertInto('webhook_endpoints')
      .values({ ...endpoint, event_types: JSON.stringify(endpoint.event_types), enabled: endpoint.enabled ? 1 : 0, lease_owner: null })
      .execute();
  }

  async getEndpoint(tenantId: string, id: string): Promise<StoredWebhookEndpoint | undefined> {
    const row = await this.db.selectFrom('webhook_endpoints').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    return row && toEndpoint(row);
  }

  async listEndpoints(tenantId: string): Promise<StoredWebhookEndpoint[]> {
    const rows = await this.db.selectFrom('webhook_endpoints').selectAll().where('tenant_id', '=', tenantId).orderBy('id').execute();
    return rows.map(toEndpoint);
  }

  async countEndpoints(tenantId: string): Promise<number> {
    const row = await this.db
      .selectFrom('webhook_endpoints')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('tenant_id', '=', tenantId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async updateEndpoint(tenantId: string, id: string, changes: EndpointChanges): Promise<void> {
    const { event_types, enabled, ...rest } = changes;
    await this.db
      .updateTable('webhook_endpoints')
      .set({
        ...rest,
        ...(event_types !== undefined ? { event_types: JSON.stringify(event_types) } : {}),
        ...(enabled !== undefined ? { enabled: enabled ? 1 : 0 } : {}),
        // Re-enabled or re-pointed: try again now rather than after the backoff.
        ...(enabled !== undefined || rest.url !== undefined ? { next_attempt_time: null } : {}),
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
  }

  async deleteEndpoint(tenantId: string, id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('webhook_endpoints').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    await this.db.deleteFrom('webhook_deliveries').where('endpoint_id', '=', id).execute();
    return Number(result.numDeletedRows) > 0;
  }

  /**
   * The tenant's last given position, starting its delivery order at `firstEventId` when it has
   * none yet (its first endpoint): a new endpoint's cursor, so it gets what happens from now on.
   */
  async startSequence(tenantId: string, firstEventId: string): Promise<number> {
    await this.db
      .insertInto('webhook_sequences')
      .values({ tenant_id: tenantId, last_position: 0, first_event_id: firstEventId })
      .onConflict((oc) => oc.column('tenant_id').doNothing())
      .execute();
    const row = await this.db.selectFrom('webhook_sequences').select('last_position').where('tenant_id', '=', tenantId).executeTakeFirstOrThrow();
    return Number(row.last_position);
  }

  /** Tenants with at least one enabled endpoint: those whose events the worker puts in order. */
  async tenantsWithEndpoints(): Promise<string[]> {
    const rows = await this.db.selectFrom('webhook_endpoints').select('tenant_id').distinct().where('enabled', '=', 1).execute();
    return rows.map((r) => r.tenant_id);
  }

  /** Whether the tenant has committed events waiting for a position: a read, so an idle tick takes no write lock. */
  async hasUnpositioned(tenantId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('audit_events')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('tenant_position', 'is', null)
      .where('id', '>=', (eb) => eb.selectFrom('webhook_sequences').select('first_event_id').where('tenant_id', '=', tenantId))
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Gives the next positions of `tenantId` to up to `limit` committed events without one, in id
   * order; answers how many. Run it in a transaction: the sequence row is locked first (PostgreSQL;
   * SQLite's transaction holds the write lock), so two processes never give the same position, and
   * the second one, reading after the first committed, finds those events positioned.
   */
  async assignPositions(tenantId: string, limit: number): Promise<number> {
    let locked = this.db.selectFrom('webhook_sequences').selectAll().where('tenant_id', '=', tenantId);
    if (this.engine === 'postgres') locked = locked.forUpdate();
    const sequence = await locked.executeTakeFirst();
    if (!sequence) return 0;
    const rows = await this.db
      .selectFrom('audit_events')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('tenant_position', 'is', null)
      .where('id', '>=', sequence.first_event_id)
      .orderBy('id')
      .limit(limit)
      .execute();
    if (rows.length === 0) return 0;
    const base = Number(sequence.last_position);
    await this.db
      .updateTable('audit_events')
      .set((eb) => {
        let position = eb
          .case('id')
          .when(rows[0]?.id ?? '')
          .then(base + 1);
        rows.slice(1).forEach((row, i) => {
          position = position.when(row.id).then(base + i + 2);
        });
        return { tenant_position: position.end() };
      })
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    await this.db
      .updateTable('webhook_sequences')
      .set({ last_position: base + rows.length })
      .where('tenant_id', '=', tenantId)
      .execute();
    return rows.length;
  }

  /** Ids of enabled endpoints that are due (no backoff pending) and not leased: what a worker may claim. */
  async dueEndpoints(now: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('webhook_endpoints')
      .select('id')
      .where('enabled', '=', 1)
      .where((eb) => eb.or([eb('next_attempt_time', 'is', null), eb('next_attempt_time', '<=', now)]))
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
      .execute();
    return rows.map((r) => r.id);
  }

  /** Takes the endpoint's lease if it is free and the endpoint due; the endpoint when taken. */
  async claim(id: string, owner: string, now: string, leaseUntil: string): Promise<StoredWebhookEndpoint | undefined> {
    const result = await this.db
      .updateTable('webhook_endpoints')
      .set({ lease_owner: owner, lease_until: leaseUntil })
      .where('id', '=', id)
      .where('enabled', '=', 1)
      .where((eb) => eb.or([eb('next_attempt_time', 'is', null), eb('next_attempt_time', '<=', now)]))
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return undefined;
    const row = await this.db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).where('lease_owner', '=', owner).executeTakeFirst();
    return row && toEndpoint(row);
  }

  /** The next events of the tenant after `position`, in delivery order. */
  async eventsAfter(tenantId: string, position: number, limit: number): Promise<PositionedEvent[]> {
    const rows = await this.db
      .selectFrom('audit_events')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('tenant_position', 'is not', null)
      .where('tenant_position', '>', position)
      .orderBy('tenant_position')
      .limit(limit)
      .execute();
    return rows.map(({ tenant_position, ...row }) => ({ position: Number(tenant_position), event: toEvent(row) }));
  }

  /**
   * Moves a held endpoint's cursor past `position` (delivered, or not wanted) and extends the lease
   * to `leaseUntil`, so it covers the next post; false when the lease is lost or the endpoint was
   * paused (then stop delivering).
   */
  async advance(
    id: string,
    owner: string,
    cursor: { position: number; eventId: string; leaseUntil: string },
    success: (AttemptOutcome & { last_success_time: string }) | null,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('webhook_endpoints')
      .set({
        cursor_position: cursor.position,
        cursor_event_id: cursor.eventId,
        lease_until: cursor.leaseUntil,
        ...(success ? { ...success, failure_count: 0, next_attempt_time: null } : {}),
      })
      .where('id', '=', id)
      .where('lease_owner', '=', owner)
      .where('enabled', '=', 1)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** A failed attempt: the backoff until `nextAttempt`, and the lease given up. */
  async fail(id: string, owner: string, outcome: AttemptOutcome & { failure_count: number; next_attempt_time: string }): Promise<void> {
    await this.db
      .updateTable('webhook_endpoints')
      .set({ ...outcome, lease_owner: null, lease_until: null })
      .where('id', '=', id)
      .where('lease_owner', '=', owner)
      .execute();
  }

  async release(id: string, owner: string): Promise<void> {
    await this.db
      .updateTable('webhook_endpoints')
      .set({ lease_owner: null, lease_until: null })
      .where('id', '=', id)
      .where('lease_owner', '=', owner)
      .execute();
  }

  /** Records an attempt and keeps only the newest `keep` of the endpoint. */
  async recordDelivery(delivery: WebhookDelivery, keep: number): Promise<void> {
    await this.db
      .insertInto('webhook_deliveries')
      .values({ ...delivery, succeeded: delivery.succeeded ? 1 : 0 })
      .execute();
    const cutoff = await this.db
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('endpoint_id', '=', delivery.endpoint_id)
      .orderBy('id', 'desc')
      .offset(keep)
      .limit(1)
      .executeTakeFirst();
    if (cutoff) await this.db.deleteFrom('webhook_deliveries').where('endpoint_id', '=', delivery.endpoint_id).where('id', '<=', cutoff.id).execute();
  }

  /** The endpoint's attempts, newest first. */
  async deliveries(endpointId: string, limit: number): Promise<WebhookDelivery[]> {
    const rows = await this.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('endpoint_id', '=', endpointId)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ ...row, succeeded: row.succeeded === 1 }));
  }
}
