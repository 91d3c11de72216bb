import type { Kysely } from 'kysely';
import { conflict } from '../../domain/errors.js';
import type { Engine } from './connection.js';
import type { Observers } from '../../domain/observers.js';
import type { AuditEventsTable, Database, IdentitiesTable } from '../schema.js';

/**
 * Group commit for identity creates. Inserts that arrive in the same turn of the event loop (well
 * under a millisecond apart) are written in one transaction: one multi-row statement for the
 * identities, one for the audit events of those that were written. One commit serves a whole
 * batch; each caller still gets its own answer, and its event is written exactly when its
 * identity is.
 *
 * Edge cases, each caller getting exactly what a lone insert would have given it:
 * - A username already in the realm: the statement skips that row (`ON CONFLICT DO NOTHING` on
 *   the realm/username unique index) and only that caller gets `conflict`. On PostgreSQL a row
 *   being inserted by another transaction makes the statement wait for it, as a lone insert would.
 * - Two rows of one batch with the same folded username: the first is written with the batch; the
 *   others learn its outcome (written or taken: `conflict`) and only retry on their own if it
 *   failed for another reason.
 * - Anything else that fails the whole statement (the realm deleted meanwhile, an id collision):
 *   the batch falls back to inserting row by row, so the error lands on the row that caused it.
 */
export interface GroupCommitOptions {
  /** Creates per batch: 256 rows of 15 parameters at most per statement, far below either engine's limit. */
  maxBatch: number;
  /** Statements in flight at once; SQLite has one connection, PostgreSQL a pool. */
  maxInFlight: number;
  /** Told the size of every batch handed to a commit (the metrics' batch-size histogram). */
  onBatch?: (size: number) => void;
}

/** One batch of one table's group commit. */
export interface GroupCommitBatch {
  table: 'identities' | 'audit_events';
  size: number;
}

export function groupCommitOptions(engine: Engine, table: GroupCommitBatch['table'], batches?: Observers<GroupCommitBatch>): GroupCommitOptions {
  const limits = engine === 'sqlite' ? { maxBatch: 256, maxInFlight: 1 } : { maxBatch: 256, maxInFlight: 4 };
  return batches ? { ...limits, onBatch: (size) => batches.notify({ table, size }) } : limits;
}

/** One create: the identity's row and, when the caller records one, the event of its creation. */
export interface IdentityCreate {
  row: IdentitiesTable;
  event: AuditEventsTable | null;
}

type InsertOne = (create: IdentityCreate) => Promise<void>;

interface Waiting<T> {
  item: T;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Collects writes that arrive in one turn of the event loop and hands them to `flush` in bounded
 * batches, at most `maxInFlight` at a time; `flush` settles each waiting caller.
 */
export class CommitQueue<T> {
  private queue: Waiting<T>[] = [];
  private scheduled = false;
  private inFlight = 0;

  constructor(
    private readonly flush: (batch: Waiting<T>[]) => Promise<void>,
    private readonly options: GroupCommitOptions,
  ) {}

  submit(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.options.maxInFlight) return;
    this.scheduled = true;
    // setImmediate runs after the I/O callbacks of this loop turn: every request parsed in this
    // turn has queued its row by then, and a lone request waits only for the turn to end.
    setImmediate(() => {
      this.scheduled = false;
      this.drain();
    });
  }

  private drain(): void {
    while (this.queue.length > 0 && this.inFlight < this.options.maxInFlight) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.options.onBatch?.(batch.length);
      this.inFlight++;
      void this.flush(batch)
        .catch((error: unknown) => {
          for (const waiting of batch) waiting.reject(error);
        })
        .finally(() => {
          this.inFlight--;
          if (this.queue.length > 0) this.schedule();
        });
    }
  }
}

type Pending = Waiting<IdentityCreate>;

const USERNAME_TAKEN = 'username already exists';

export class IdentityInsertBatcher {
  private readonly queue: CommitQueue<IdentityCreate>;

  constructor(
    private readonly db: Kysely<Database>,
    /** The lone insert (and its event), with its own error mapping; for fallbacks and batches of one. */
    private readonly insertOne: InsertOne,
    options: GroupCommitOptions,
  ) {
    this.queue = new CommitQueue((batch) => this.flush(batch), options);
  }

  insert(create: IdentityCreate): Promise<void> {
    return this.queue.submit(create);
  }

  private async flush(batch: Pending[]): Promise<void> {
    const leaders: Pending[] = [];
    const followers: { pending: Pending; leader: Pending }[] = [];
    const byKey = new Map<string, Pending>();
    for (const pending of batch) {
      const key = `${pending.item.row.realm_id}\u0000${pending.item.row.username_key}`;
      const leader = byKey.get(key);
      if (leader) followers.push({ pending, leader });
      else {
        byKey.set(key, pending);
        leaders.push(pending);
      }
    }

    const outcomes = new Map<Pending, unknown>(); // Pending → null (written) or its error
    if (leaders.length === 1) {
      const [only] = leaders as [Pending];
      outcomes.set(only, await settle(this.insertOne(only.item)));
    } else {
      try {
        const ids = await this.db.transaction().execute(async (trx) => {
          const written = await trx
            .insertInto('identities')
            .values(leaders.map((p) => p.item.row))
            .onConflict((oc) => oc.columns(['realm_id', 'username_key']).doNothing())
            .returning('id')
            .execute();
          const ids = new Set(written.map((r) => r.id));
          // Only the creates that happened are recorded: a skipped row (username taken) leaves no event.
          const events = leaders.flatMap((p) => (p.item.event && ids.has(p.item.row.id) ? [p.item.event] : []));
          if (events.length > 0) await trx.insertInto('audit_events').values(events).execute();
          return ids;
        });
        for (const p of leaders) outcomes.set(p, ids.has(p.item.row.id) ? null : conflict(USERNAME_TAKEN));
      } catch {
        for (const p of leaders) outcomes.set(p, await settle(this.insertOne(p.item)));
      }
    }
    for (const p of leaders) finish(p, outcomes.get(p));

    for (const { pending, leader } of followers) {
      const outcome = outcomes.get(leader);
      // The leader holds the username now (or someone before it did): this row cannot have it.
      if (outcome === null || isConflict(outcome)) finish(pending, conflict(USERNAME_TAKEN));
      else finish(pending, await settle(this.insertOne(pending.item)));
    }
  }
}

async function settle(work: Promise<void>): Promise<unknown> {
  try {
    await work;
    return null;
  } catch (error) {
    return error ?? new Error('insert failed');
  }
}

function finish(pending: Waiting<unknown>, outcome: unknown): void {
  if (outcome === null || outcome === undefined) pending.resolve();
  else pending.reject(outcome);
}

function isConflict(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'conflict';
}

/**
 * Group commit for audit events written on their own, outside the transaction of a change: policy
 * decisions and sign-in attempts. Their callers still answer only once the event is committed, but
 * concurrent ones share the commit. A batch that fails is written event by event, so one bad row
 * fails only its own caller.
 */
export class EventInsertBatcher {
  private readonly queue: CommitQueue<AuditEventsTable>;

  constructor(
    private readonly db: Kysely<Database>,
    options: GroupCommitOptions,
  ) {
    this.queue = new CommitQueue((batch) => this.flush(batch), options);
  }

  insert(row: AuditEventsTable): Promise<void> {
    return this.queue.submit(row);
  }

  private async flush(batch: Waiting<AuditEventsTable>[]): Promise<void> {
    if (batch.length > 1) {
      const written = await settle(
        this.db
          .insertInto('audit_events')
          .values(batch.map((w) => w.item))
          .execute()
          .then(() => {}),
      );
      if (written === null) {
        for (const waiting of batch) waiting.resolve();
        return;
      }
    }
    for (const waiting of batch) {
      finish(
        waiting,
        await settle(
          this.db
            .insertInto('audit_events')
            .values(waiting.item)
            .execute()
            .then(() => {}),
        ),
      );
    }
  }
}
