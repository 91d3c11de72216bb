import { CompiledQuery, type Kysely } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';
import { conflict } from '../../domain/errors.js';
import type { Engine, SqliteHandle } from './connection.js';
import { cachedSql, insertRows, multiRowInsertSql, quoted, rowParameters, valuesList } from './multi-row-insert.js';
import type { Observers } from '../../domain/observers.js';
import type { ApiTokensTable, AuditEventsTable, Database, IdentitiesTable } from '../schema.js';

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
  table: 'identities' | 'audit_events' | 'api_tokens';
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

/**
 * Writes a batch's identities and the events of those written, all or nothing, and answers the ids
 * of the identities inserted (a username already taken is skipped, not an error).
 */
export type WriteBatch = (creates: readonly IdentityCreate[]) => Promise<Set<string>>;

/** The batch statement for the engine (see below). */
export function identityBatchWriter(db: Kysely<Database>, engine: Engine, sqlite?: SqliteHandle): WriteBatch {
  if (engine === 'postgres') return (creates) => writePostgresBatch(db, creates);
  return sqlite ? (creates) => writeSqliteBatch(db, sqlite, creates) : (creates) => writeKyselyBatch(db, creates);
}

const ON_USERNAME_CONFLICT = 'on conflict ("realm_id", "username_key") do nothing returning "id"';

export class IdentityInsertBatcher {
  private readonly queue: CommitQueue<IdentityCreate>;

  constructor(
    /** The batch statement: `identityBatchWriter`. */
    private readonly writeBatch: WriteBatch,
    /** The lone insert (and its event), with its own error mapping; for the rows of a batch that failed. */
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
    try {
      const ids = await this.writeBatch(leaders.map((p) => p.item));
      for (const p of leaders) outcomes.set(p, ids.has(p.item.row.id) ? null : conflict(USERNAME_TAKEN));
    } catch {
      // The statement failed as a whole (the realm deleted meanwhile, an id or a look-alike username
      // taken): row by row, so the error lands on the row that caused it, mapped as a lone insert maps it.
      for (const p of leaders) outcomes.set(p, await settle(this.insertOne(p.item)));
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

/** The events of the creates whose identity was written: a skipped row (username taken) leaves none. */
function eventsOfWritten(creates: readonly IdentityCreate[], ids: Set<string>): AuditEventsTable[] {
  return creates.flatMap((c) => (c.event && ids.has(c.row.id) ? [c.event] : []));
}

const columnsOf = (row: object): string[] => Object.keys(row);

/**
 * SQLite: one immediate transaction, both statements bound and run synchronously on the handle.
 * Holding Kysely's one connection meanwhile keeps every other transaction out, as Kysely would.
 */
async function writeSqliteBatch(db: Kysely<Database>, sqlite: SqliteHandle, creates: readonly IdentityCreate[]): Promise<Set<string>> {
  return db.connection().execute(async () =>
    sqlite
      .transaction(() => {
        const rows = creates.map((c) => c.row);
        const columns = columnsOf(rows[0] as IdentitiesTable);
        const written = prepared(sqlite, multiRowInsertSql('sqlite', 'identities', columns, rows.length, ON_USERNAME_CONFLICT)).all(
          rowParameters(rows, columns),
        ) as { id: string }[];
        const ids = new Set(written.map((r) => r.id));
        const events = eventsOfWritten(creates, ids);
        if (events.length > 0) {
          const eventColumns = columnsOf(events[0] as AuditEventsTable);
          prepared(sqlite, multiRowInsertSql('sqlite', 'audit_events', eventColumns, events.length)).run(rowParameters(events, eventColumns));
        }
        return ids;
      })
      .immediate(),
  );
}

/** SQLite without its handle (not how the store opens it, but possible): the same two statements through Kysely. */
async function writeKyselyBatch(db: Kysely<Database>, creates: readonly IdentityCreate[]): Promise<Set<string>> {
  return db.transaction().execute(async (trx) => {
    const rows = creates.map((c) => c.row);
    const columns = columnsOf(rows[0] as IdentitiesTable);
    const written = await trx.executeQuery<{ id: string }>(
      CompiledQuery.raw(multiRowInsertSql('sqlite', 'identities', columns, rows.length, ON_USERNAME_CONFLICT), rowParameters(rows, columns)),
    );
    const ids = new Set(written.rows.map((r) => r.id));
    const events = eventsOfWritten(creates, ids);
    if (events.length > 0) {
      const eventColumns = columnsOf(events[0] as AuditEventsTable);
      await trx.executeQuery(
        CompiledQuery.raw(multiRowInsertSql('sqlite', 'audit_events', eventColumns, events.length), rowParameters(events, eventColumns)),
      );
    }
    return ids;
  });
}

/**
 * PostgreSQL: one statement, so one round trip and no BEGIN/COMMIT of our own (a statement is its
 * own transaction). The identities go in a data-modifying CTE; the events are inserted from a
 * VALUES list joined to the ids it returned, so only the creates that happened are recorded.
 */
async function writePostgresBatch(db: Kysely<Database>, creates: readonly IdentityCreate[]): Promise<Set<string>> {
  const rows = creates.map((c) => c.row);
  const columns = columnsOf(rows[0] as IdentitiesTable);
  const withEvents = creates.filter((c) => c.event);
  const parameters = rowParameters(rows, columns);
  if (withEvents.length === 0) {
    const written = await db.executeQuery<{ id: string }>(
      CompiledQuery.raw(multiRowInsertSql('postgres', 'identities', columns, rows.length, ON_USERNAME_CONFLICT), parameters),
    );
    return new Set(written.rows.map((r) => r.id));
  }
  const eventColumns = columnsOf(withEvents[0]?.event as AuditEventsTable);
  for (const c of withEvents) {
    parameters.push(c.row.id);
    rowParameters([c.event as AuditEventsTable], eventColumns, parameters);
  }
  const text = cachedSql(
    `pg-identity-batch\u0000${columns.join(',')}\u0000${eventColumns.join(',')}\u0000${rows.length}\u0000${withEvents.length}`,
    () => {
      const identities = multiRowInsertSql('postgres', 'identities', columns, rows.length, ON_USERNAME_CONFLICT);
      const eventList = eventColumns.map(quoted).join(', ');
      const values = valuesList('postgres', eventColumns.length + 1, withEvents.length, rows.length * columns.length + 1);
      return (
        `with "written" as (${identities}), ` +
        `"events" as (insert into "audit_events" (${eventList}) select ${eventColumns.map((c) => `"e".${quoted(c)}`).join(', ')} ` +
        `from (values ${values}) as "e" ("for_identity", ${eventList}) join "written" on "written"."id" = "e"."for_identity") ` +
        'select "id" from "written"'
      );
    },
  );
  const written = await db.executeQuery<{ id: string }>(CompiledQuery.raw(text, parameters));
  return new Set(written.rows.map((r) => r.id));
}

const statements = new WeakMap<SqliteHandle, Map<string, BetterSqlite3.Statement>>();

/** The handle's prepared statement for `text`, prepared once (the texts are few: see multi-row-insert.ts). */
function prepared(sqlite: SqliteHandle, text: string): BetterSqlite3.Statement {
  let byText = statements.get(sqlite);
  if (!byText) {
    byText = new Map();
    statements.set(sqlite, byText);
  }
  let statement = byText.get(text);
  if (!statement) {
    if (byText.size >= 1000) byText.clear();
    statement = sqlite.prepare(text);
    byText.set(text, statement);
  }
  return statement;
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
 * A commit queue for rows that do not depend on one another: a batch is written by `write` as a
 * whole; if that fails it is written item by item, so one bad row fails only its own caller.
 * Answers the submit function.
 */
function independentRows<T>(options: GroupCommitOptions, write: (items: readonly T[]) => Promise<void>): (item: T) => Promise<void> {
  const queue = new CommitQueue<T>(async (batch) => {
    if (batch.length > 1) {
      const written = await settle(write(batch.map((w) => w.item)));
      if (written === null) {
        for (const waiting of batch) waiting.resolve();
        return;
      }
    }
    for (const waiting of batch) finish(waiting, await settle(write([waiting.item])));
  }, options);
  return (item) => queue.submit(item);
}

/**
 * Group commit for audit events written on their own, outside the transaction of a change: policy
 * decisions and sign-in attempts. Their callers still answer only once the event is committed, but
 * concurrent ones share the commit. A batch that fails is written event by event, so one bad row
 * fails only its own caller.
 */
export class EventInsertBatcher {
  readonly insert: (row: AuditEventsTable) => Promise<void>;

  constructor(
    private readonly db: Kysely<Database>,
    options: GroupCommitOptions,
    private readonly engine: Engine,
  ) {
    this.insert = independentRows(options, (rows) => this.write(rows));
  }

  /** One INSERT of the rows, its text built once per batch size (see multi-row-insert.ts). */
  private async write(rows: readonly AuditEventsTable[]): Promise<void> {
    await insertRows(this.db, this.engine, 'audit_events', rows);
  }
}

/** One token issued: its record and the event of its issue, written together or not at all. */
export interface IssuedTokenRows {
  token: ApiTokensTable;
  event: AuditEventsTable;
}

/** The columns a row writes: one left undefined is not written, so it takes its default (as Kysely's values()). */
export const writtenColumns = (row: object): string[] => Object.keys(row).filter((column) => (row as Record<string, unknown>)[column] !== undefined);

/**
 * Group commit for issued tokens (client credentials, console and management tokens): concurrent
 * requests share one transaction in which each token's record and its `token.issued` event are
 * written, one multi-row statement per table (records grouped by the columns they write). Each
 * caller answers only once its own record and event are committed. A batch that fails is written
 * token by token, each in its own transaction, so one bad row fails only its own caller.
 */
export class TokenIssueBatcher {
  readonly insert: (issued: IssuedTokenRows) => Promise<void>;

  constructor(
    private readonly db: Kysely<Database>,
    options: GroupCommitOptions,
    private readonly engine: Engine,
  ) {
    this.insert = independentRows(options, (items) => this.write(items));
  }

  private async write(items: readonly IssuedTokenRows[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const byColumns = new Map<string, ApiTokensTable[]>();
      for (const { token } of items) {
        const key = writtenColumns(token).join(',');
        const group = byColumns.get(key);
        if (group) group.push(token);
        else byColumns.set(key, [token]);
      }
      for (const [key, rows] of byColumns) await insertRows(trx, this.engine, 'api_tokens', rows, key.split(','));
      await insertRows(
        trx,
        this.engine,
        'audit_events',
        items.map((i) => i.event),
      );
    });
  }
}
