import { type Compilable, sql } from 'kysely';
import { DomainError, FilterTooExpensive } from '../../domain/errors.js';
import type { Engine, Executor } from './connection.js';
import { ReadTimedOut, ReaderBusy, type SqliteReader } from './sqlite-reader.js';

/**
 * Reads that may scan a realm (a filter no index answers by exact lookups, see
 * domain/directory/filter-cost.ts; a whole realm in an order no index holds), bounded in time
 * on both engines and kept off the event loop on SQLite. The filter budget bounds their work per
 * row; this bounds the rows, which grow with the realm.
 *
 * - PostgreSQL: the read runs in a read-only transaction with `SET LOCAL statement_timeout`, so
 *   a slow one gives back its pooled connection instead of holding it (ten such requests took the
 *   whole pool of ten), and at most `PG_SCANS_AT_ONCE` run at once, so the pool always has
 *   connections left for everything else. Only these reads are bounded: migrations, imports and
 *   index rebuilds run long on purpose.
 * - SQLite: the read runs in the worker of sqlite-reader.ts, bounded the same way.
 *
 * Running past the time is the filter's doing (no index answers it, and the realm is large), so
 * it is a client error: 400 on `filter`, `tooMany` in SCIM, saying which filters indexes answer.
 * Too many such reads waiting at once is the server's state: 503, try again later.
 * Inside a transaction a read must see the transaction's own writes, so it runs there as is.
 */
/** PostgreSQL scans running at once (of a pool of 10 by default); `MAX_QUEUED` may run or wait. */
const PG_SCANS_AT_ONCE = 3;
const MAX_QUEUED = 8;

export class ScanReads {
  private pgRunning = 0;
  private readonly pgWaiting: (() => void)[] = [];

  constructor(
    private readonly engine: Engine,
    private readonly timeoutMs: number,
    private readonly reader: SqliteReader | null,
  ) {}

  async all<R>(db: Executor, query: Compilable<R>): Promise<R[]> {
    const compiled = query.compile();
    try {
      if (db.isTransaction) return (await db.executeQuery(compiled)).rows;
      if (this.engine === 'sqlite') {
        if (!this.reader) return (await db.executeQuery(compiled)).rows;
        return (await this.reader.all(compiled.sql, compiled.parameters)) as R[];
      }
      if (this.pgRunning + this.pgWaiting.length >= MAX_QUEUED) throw new ReaderBusy('too many expensive reads are waiting');
      if (this.pgRunning >= PG_SCANS_AT_ONCE) await new Promise<void>((resolve) => this.pgWaiting.push(resolve));
      this.pgRunning += 1;
      try {
        return await db.transaction().execute(async (trx) => {
          await sql`set transaction read only`.execute(trx);
          await sql.raw(`set local statement_timeout = ${Math.max(1, Math.floor(this.timeoutMs))}`).execute(trx);
          return (await trx.executeQuery(compiled)).rows;
        });
      } finally {
        this.pgRunning -= 1;
        this.pgWaiting.shift()?.();
      }
    } catch (error) {
      if (error instanceof ReadTimedOut || (error as { code?: string }).code === '57014') throw filterTimedOut(this.timeoutMs);
      if (error instanceof ReaderBusy) throw new DomainError('service_unavailable', 'too many expensive filters are running; try again shortly');
      throw error;
    }
  }
}

function filterTimedOut(timeoutMs: number): FilterTooExpensive {
  return new FilterTooExpensive(
    `the list took longer than ${timeoutMs} ms: no index answers its filter (or its order), so it reads every row of the ` +
      'realm; filter with eq on indexed attributes (userName, externalId, displayName, id, emails) instead',
  );
}
