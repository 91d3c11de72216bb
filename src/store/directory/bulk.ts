import type { Statement } from 'better-sqlite3';
import { sql } from 'kysely';
import { notFound } from '../../domain/errors.js';
import { PACKED_FIELDS, PACKED_WIDTH, type PackedValue } from '../../domain/directory/import-batch.js';
import type { Engine, Executor, SqliteHandle } from '../engine/connection.js';
import { isForeignKeyViolation } from '../engine/constraint-errors.js';
import type { IdentitiesTable } from '../schema.js';

/** PostgreSQL takes rows as one array per column, so a statement holds this many whatever the width. */
const PG_ROWS_PER_STATEMENT = 5000;

/** The columns a bulk load writes: the packed values of each identity, then what a load shares. */
const SHARED_COLUMNS = ['tenant_id', 'realm_id', 'create_time', 'update_time', 'version'] as const;
/** Columns a new identity leaves to their defaults (no passkey, nothing pending). */
type DefaultedColumns = 'enrollment_status' | 'enrollment_pending_until';
// Fails to compile when the table gains a column these lists lack, or a packed field is not a column.
const everyColumn: Exclude<keyof IdentitiesTable, (typeof PACKED_FIELDS)[number] | (typeof SHARED_COLUMNS)[number] | DefaultedColumns> extends never
  ? (typeof PACKED_FIELDS)[number] extends keyof IdentitiesTable
    ? true
    : never
  : never = true;
void everyColumn;

const INSERT_COLUMNS = [...PACKED_FIELDS, ...SHARED_COLUMNS].join(', ');

/**
 * SQLite: one row per execution of one prepared statement, bound straight from the packed array.
 * (Multi-row VALUES measured no faster, and makes SQLite keep a statement journal.) A taken
 * username, or one that looks the same, is skipped by its unique index (the conflict names no
 * target: either index skips the row), so the first of several such rows wins, as a lone create
 * would.
 */
const SQLITE_INSERT = `insert into identities (${INSERT_COLUMNS})
  values (${[...PACKED_FIELDS, ...SHARED_COLUMNS.slice(0, -1)].map(() => '?').join(', ')}, 1)
  on conflict do nothing`;

/** What every identity of one load shares. */
export interface BulkTarget {
  tenantId: string;
  realmId: string;
  /** create_time and update_time. */
  now: string;
}

/** SQLite settings a bulk load changed, to be put back after it. */
export interface BulkLoadSettings {
  cacheSize?: number;
  walAutocheckpoint?: number;
}

/** The list indexes an offline load dropped, to build again once the rows are in. */
export interface OfflineLoad {
  rebuild: { name: string; sql: string }[];
}

const statements = new WeakMap<SqliteHandle, Statement<[PackedValue[]]>>();

/** Bulk writes for seeding and importing: many identities per statement, many per transaction. */
export class BulkStore {
  constructor(
    private readonly db: Executor,
    private readonly engine: Engine,
    private readonly sqlite?: SqliteHandle,
  ) {}

  /**
   * Inserts packed identities (`PACKED_WIDTH` values each) into the target realm, skipping any
   * whose folded username (or its look-alike skeleton) the realm already holds or an earlier row
   * took, and returns how many were written. Run it in a transaction to commit many at once.
   * Throws `not_found` when the realm is gone.
   */
  async insertPacked(target: BulkTarget, rows: readonly PackedValue[]): Promise<number> {
    try {
      if (this.engine === 'sqlite' && this.sqlite) return this.insertSqlite(this.sqlite, target, rows);
      let written = 0;
      const step = PG_ROWS_PER_STATEMENT * PACKED_WIDTH;
      for (let i = 0; i < rows.length; i += step) written += await this.insertByColumns(target, rows.slice(i, i + step));
      return written;
    } catch (error) {
      // The realm was deleted while the load ran.
      if (isForeignKeyViolation(error)) throw notFound('Realm', target.realmId);
      throw error;
    }
  }

  private insertSqlite(sqlite: SqliteHandle, target: BulkTarget, rows: readonly PackedValue[]): number {
    let insert = statements.get(sqlite);
    if (!insert) {
      insert = sqlite.prepare<[PackedValue[]]>(SQLITE_INSERT);
      statements.set(sqlite, insert);
    }
    // One array of parameters, refilled for each row.
    const bind: PackedValue[] = [...PACKED_FIELDS.map(() => null), target.tenantId, target.realmId, target.now, target.now];
    let written = 0;
    for (let i = 0; i < rows.length; i += PACKED_WIDTH) {
      for (let field = 0; field < PACKED_WIDTH; field++) bind[field] = rows[i + field] ?? null;
      written += insert.run(bind).changes;
    }
    return written;
  }

  /**
   * PostgreSQL: one array parameter per packed field, spread back into rows by `unnest`, so a
   * statement of thousands of rows has a handful of parameters and one small text to parse.
   */
  private async insertByColumns(target: BulkTarget, rows: readonly PackedValue[]): Promise<number> {
    const columns = PACKED_FIELDS.map((_, field) => {
      const values: PackedValue[] = [];
      for (let i = field; i < rows.length; i += PACKED_WIDTH) values.push(rows[i] ?? null);
      return values;
    });
    const result = await sql`
      insert into identities (${sql.raw(INSERT_COLUMNS)})
      select u.*, ${target.tenantId}, ${target.realmId}, ${target.now}, ${target.now}, 1
      from unnest(${sql.join(columns.map((values) => sql`${values}::text[]`))})
        as u(${sql.join(PACKED_FIELDS.map((f) => sql.ref(f)))})
      on conflict do nothing`.execute(this.db);
    return Number(result.numAffectedRows ?? 0);
  }

  /**
   * Prepares this connection for a long bulk load and returns what `endBulkLoad` puts back.
   * SQLite: a 256 MiB page cache, so the indexes of a million-identity realm stay in memory while
   * rows go in at random places; and the connection's own checkpoint backstop raised from 16 to
   * 256 MiB of log, so that the checkpointer worker, on the other core, copies each commit's pages
   * instead of the loading thread right after its commit (a load's commits are tens of MiB each;
   * 8 % faster at 200k). PostgreSQL: nothing (its buffers are the server's).
   */
  async beginBulkLoad(): Promise<BulkLoadSettings> {
    if (this.engine !== 'sqlite') return {};
    const cacheSize = await this.pragmaValue('cache_size');
    const walAutocheckpoint = await this.pragmaValue('wal_autocheckpoint');
    await sql`pragma cache_size = -262144`.execute(this.db);
    await sql`pragma wal_autocheckpoint = 65536`.execute(this.db);
    return { cacheSize, walAutocheckpoint };
  }

  /** Puts back what `beginBulkLoad` changed. */
  async endBulkLoad(settings: BulkLoadSettings): Promise<void> {
    if (settings.cacheSize !== undefined) await sql`pragma cache_size = ${sql.raw(String(settings.cacheSize))}`.execute(this.db);
    if (settings.walAutocheckpoint !== undefined) {
      await sql`pragma wal_autocheckpoint = ${sql.raw(String(settings.walAutocheckpoint))}`.execute(this.db);
    }
  }

  /**
   * After identities were loaded. PostgreSQL: refresh the identities statistics now rather than
   * when autovacuum gets to it; until then the planner prices `username eq ... ORDER BY id LIMIT n`
   * as if thousands of rows matched, and walks the whole realm in id order instead of reading one
   * row from the username index (seen as a 50 ms p99 right after seeding a million).
   */
  async analyzeAfterLoad(): Promise<void> {
    if (this.engine === 'postgres') await sql`analyze identities`.execute(this.db);
  }

  private async pragmaValue(name: 'cache_size' | 'wal_autocheckpoint'): Promise<number> {
    const { rows } = await sql<Record<string, number>>`pragma ${sql.raw(name)}`.execute(this.db);
    return Number(Object.values(rows[0] ?? {})[0]);
  }

  /**
   * Starts an offline load, inside the transaction that will hold all of it. SQLite: unless about
   * `expectedRows` new rows are few against those already there, drops the identities' list
   * indexes (every index that is not unique): each would otherwise take every row at a random
   * place, while building one afterwards is a sort (1M identities in random order, in one
   * transaction, raw better-sqlite3: 58 s of CPU with the indexes kept, 31 s dropped and rebuilt).
   * The unique username indexes (folded key, skeleton) stay, since they skip taken usernames. The drop is
   * part of the transaction: if the load fails or the process dies, the indexes are still there.
   */
  async beginOfflineLoad(expectedRows: number | undefined): Promise<OfflineLoad> {
    if (!this.db.isTransaction) throw new Error('an offline load runs in one transaction');
    if (this.engine !== 'sqlite') return { rebuild: [] };
    if (expectedRows !== undefined) {
      const { rows: counted } = await sql<{ n: number }>`select count(*) as n from identities`.execute(this.db);
      // Building an index costs about a quarter of inserting the same rows into it at random
      // places, and a build covers the rows already there as well.
      if (expectedRows * 3 < Number(counted[0]?.n ?? 0)) return { rebuild: [] };
    }
    const { rows: indexes } = await sql<{ name: string; sql: string }>`
      select l.name, m.sql from pragma_index_list('identities') as l join sqlite_master as m on m.name = l.name
      where l."unique" = 0 and l.origin = 'c'
      order by l.name`.execute(this.db);
    for (const index of indexes) await sql`drop index ${sql.ref(index.name)}`.execute(this.db);
    return { rebuild: indexes };
  }

  /**
   * Builds the indexes `beginOfflineLoad` dropped, in the same transaction. SQLite sorts for each
   * with a helper thread: the machine's other core is idle by then.
   */
  async endOfflineLoad(load: OfflineLoad): Promise<void> {
    if (load.rebuild.length === 0) return;
    await sql`pragma threads = 2`.execute(this.db);
    try {
      for (const index of load.rebuild) await sql.raw(index.sql).execute(this.db);
    } finally {
      await sql`pragma threads = 0`.execute(this.db);
    }
  }

  /**
   * After an offline load has committed: SQLite copies the write-ahead log into the database now
   * and truncates it, instead of leaving a log the size of the load for the next process.
   */
  async afterOfflineLoad(): Promise<void> {
    if (this.engine === 'sqlite') await sql`pragma wal_checkpoint(TRUNCATE)`.execute(this.db);
  }

  /** Whether a table exists (features built on other branches add theirs by migration). */
  async tableExists(name: string): Promise<boolean> {
    if (this.engine === 'sqlite') {
      const { rows } = await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name = ${name}`.execute(this.db);
      return Number(rows[0]?.n ?? 0) > 0;
    }
    const { rows } = await sql<{ t: string | null }>`select to_regclass(${name}) as t`.execute(this.db);
    return rows[0]?.t != null;
  }
}
