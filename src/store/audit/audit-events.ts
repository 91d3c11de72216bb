import type { ExpressionBuilder, SelectQueryBuilder } from 'kysely';
import { type Actor, type AuditEvent, type JsonObject, actorKey, eventIdFloor } from '../../domain/audit/audit-event.js';
import type { Engine, Executor } from '../engine/connection.js';
import { EventInsertBatcher, type GroupCommitBatch, groupCommitOptions } from '../engine/group-commit.js';
import { insertRows } from '../engine/multi-row-insert.js';
import type { Observers } from '../../domain/observers.js';
import type { AuditEventsTable, Database } from '../schema.js';

/** What a list of events may be narrowed by; every given field must match. */
export interface EventQuery {
  type?: string;
  resource_type?: string;
  resource_id?: string;
  /** A token's jti or subject, a console identity's id, or `cli` / `system`. */
  actor?: string;
  /** RFC 3339 UTC with milliseconds (as stored): events at or after. */
  since?: string;
  /** Events strictly before. */
  until?: string;
}

/** The row an event is stored as; identity creates carry theirs into group commit. */
export function toEventRow(event: AuditEvent): AuditEventsTable {
  const key = actorKey(event.actor);
  return {
    id: event.id,
    tenant_id: event.tenant_id,
    realm_id: event.realm_id,
    type: event.type,
    resource_type: event.resource_type,
    resource_id: event.resource_id,
    actor_type: event.actor.type,
    actor_id: key.id,
    actor_subject: key.subject,
    actor: JSON.stringify(event.actor),
    address: event.address,
    request_id: event.request_id,
    state_before: event.before === null ? null : JSON.stringify(event.before),
    state_after: event.after === null ? null : JSON.stringify(event.after),
    create_time: event.create_time,
  };
}

export function toEvent(row: AuditEventsTable): AuditEvent {
  return {
    id: row.id,
    tenant_id: row.tenant_id,
    realm_id: row.realm_id,
    type: row.type,
    resource_type: row.resource_type,
    resource_id: row.resource_id,
    actor: JSON.parse(row.actor) as Actor,
    address: row.address,
    request_id: row.request_id,
    before: row.state_before === null ? null : (JSON.parse(row.state_before) as JsonObject),
    after: row.state_after === null ? null : (JSON.parse(row.state_after) as JsonObject),
    create_time: row.create_time,
  };
}

/** How far past `until` an export reads ids: far more than the id counter can run ahead of the clock. */
const EXPORT_ID_SLACK_MS = 60_000;

/** Rows per INSERT: 15 columns each keeps a batch far below either engine's parameter limit. */
const INSERT_CHUNK = 500;

/**
 * The audit trail. Written only by `services/audit/audit.ts` (inside the transaction of the change),
 * read by the events list, trimmed by the retention job.
 */
export class AuditEventStore {
  /** Set outside transactions when group commit is on: lone events written concurrently share a commit. */
  private readonly batcher: EventInsertBatcher | null;

  constructor(
    private readonly db: Executor,
    private readonly engine: Engine,
    options: { groupCommit?: boolean; batches?: Observers<GroupCommitBatch> } = {},
  ) {
    this.batcher =
      options.groupCommit && !db.isTransaction
        ? new EventInsertBatcher(db, groupCommitOptions(engine, 'audit_events', options.batches), engine)
        : null;
  }

  async insert(events: readonly AuditEvent[]): Promise<void> {
    const [only] = events;
    if (this.batcher && only && events.length === 1) return this.batcher.insert(toEventRow(only));
    // The INSERT's text is built once per row count (multi-row-insert.ts): most changes write one
    // event in their transaction, and Kysely built and compiled that statement on every one.
    for (let i = 0; i < events.length; i += INSERT_CHUNK) {
      await insertRows(this.db, this.engine, 'audit_events', events.slice(i, i + INSERT_CHUNK).map(toEventRow));
    }
  }

  private filtered<O>(query: SelectQueryBuilder<Database, 'audit_events', O>, realmId: string, q: EventQuery) {
    let narrowed = query.where('realm_id', '=', realmId);
    if (q.type !== undefined) narrowed = narrowed.where('type', '=', q.type);
    if (q.resource_type !== undefined) narrowed = narrowed.where('resource_type', '=', q.resource_type);
    if (q.resource_id !== undefined) narrowed = narrowed.where('resource_id', '=', q.resource_id);
    if (q.since !== undefined) {
      // No index on create_time: an event's id is never older than it (see eventIdFloor), so the
      // id bound narrows the walk of the realm's index and the create_time test stays exact.
      const sinceMs = Date.parse(q.since);
      if (!Number.isNaN(sinceMs)) narrowed = narrowed.where('id', '>=', eventIdFloor(sinceMs));
      narrowed = narrowed.where('create_time', '>=', q.since);
    }
    if (q.until !== undefined) narrowed = narrowed.where('create_time', '<', q.until);
    const actor = q.actor;
    if (actor !== undefined) {
      narrowed = narrowed.where((eb: ExpressionBuilder<Database, 'audit_events'>) =>
        eb.or([eb('actor_id', '=', actor), eb('actor_subject', '=', actor)]),
      );
    }
    return narrowed;
  }

  /**
   * Newest first: events with an id below `beforeId` (all when it is empty), skipping `offset`.
   * Ids are time-ordered, so this is a stable keyset walk back in time.
   */
  async page(realmId: string, q: EventQuery, beforeId: string, offset: number, limit: number): Promise<AuditEvent[]> {
    let query = this.filtered(this.db.selectFrom('audit_events').selectAll(), realmId, q);
    if (beforeId !== '') query = query.where('id', '<', beforeId);
    const rows = await query.orderBy('id', 'desc').limit(limit).offset(offset).execute();
    return rows.map(toEvent);
  }

  async count(realmId: string, q: EventQuery): Promise<number> {
    const row = await this.filtered(
      this.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<string | number>().as('n')),
      realmId,
      q,
    ).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * Oldest first (in id order, which is time order), for `yonder events export`: events of the
   * tenant (or one of its realms) created in [since, until), after the id `afterId`. Pages walk the
   * realm's index, or the primary key for a whole tenant, from the id floor of `since` (an id is
   * never older than its event); ids made a little after `until` are read too (the id counter may
   * run a few milliseconds ahead), and the `create_time` test keeps the window exact.
   */
  async exportPage(
    scope: { tenantId: string; realmId?: string },
    window: { since: string; until: string },
    afterId: string | null,
    limit: number,
  ): Promise<AuditEvent[]> {
    const floor = eventIdFloor(Date.parse(window.since));
    let query = this.db
      .selectFrom('audit_events')
      .selectAll()
      .where('id', '>', afterId !== null && afterId > floor ? afterId : floor)
      .where('id', '<', eventIdFloor(Date.parse(window.until) + EXPORT_ID_SLACK_MS))
      .where('tenant_id', '=', scope.tenantId)
      .where('create_time', '>=', window.since)
      .where('create_time', '<', window.until);
    if (scope.realmId !== undefined) query = query.where('realm_id', '=', scope.realmId);
    const rows = await query.orderBy('id').limit(limit).execute();
    return rows.map(toEvent);
  }

  /**
   * Deletes up to `limit` events created before `cutoff`, oldest first, and returns how many.
   * One bounded statement per call (a subquery picks the ids: SQLite has no DELETE ... LIMIT), so
   * a large backlog never holds a long lock; the caller repeats until fewer than `limit` go.
   * The oldest are found on the primary key (ids are time-ordered and never older than their
   * event), so creates pay for no index on `create_time` (dropped in migration 022); the
   * `create_time` test keeps the cut exact.
   */
  async deleteOlderThan(cutoff: string, limit: number): Promise<number> {
    const before = eventIdFloor(Date.parse(cutoff));
    const result = await this.db
      .deleteFrom('audit_events')
      .where('id', 'in', (eb) =>
        eb.selectFrom('audit_events').select('id').where('id', '<', before).where('create_time', '<', cutoff).orderBy('id').limit(limit),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
