import { type Compilable, sql } from 'kysely';
import { DomainError, FilterTooExpensive } from '../domain/errors.js';
import type { Engine, Executor } from './connection.js';
import { ReadTimedOut, ReaderBusy, type SqliteReader } from './sqlite-reader.js';

/**
 * Reads that scan a realm (a filter no index answers, see domain/filter-cost.ts), bounded in time
 * on both engines and kept off the event loop on SQLite. The filter budget bounds their work per
 * row; this bounds the rows, which grow with the realm.
 *
 * - PostgreSQL: the read runs in a read-only transaction with `SET LOCAL statement_timeout`, so
 *   a slow one gives back its pooled connection instead of holding it (ten such requests took the
 *   whole pool of ten). Only these reads are bounded: migrations, imports and index rebuilds run
 *   long on purpose.
 * - SQLite: the read runs in the worker of sqlite-reader.ts, bounded the same way.
 *
 * Running past the time is the filter's doing (no index answers it, and the realm is large), so
 * it is a client error: 400 on `filter`, `tooMany` in SCIM, saying which filters indexes answer.
 * Too many such reads waiting at once is the server's state: 503, try again later.
 * Inside a transaction a read must see the transaction's own writes, so it runs there as is.
 */
export class ScanReads {
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
      return await db.transaction().execute(async (trx) => {
        await sql`set transaction read only`.execute(trx);
        await sql.raw(`set local statement_timeout = ${Math.max(1, Math.floor(this.timeoutMs))}`).execute(trx);
        return (await trx.executeQuery(compiled)).rows;
      });
    } catch (error) {
      if (error instanceof ReadTimedOut || (error as { code?: string }).code === '57014') throw filterTimedOut(this.timeoutMs);
      if (error instanceof ReaderBusy) throw new DomainError('service_unavailable', 'too many expensive filters are running; try again shortly');
      throw error;
    }
  }
}

function filterTimedOut(timeoutMs: number): FilterTooExpensive {
  return new FilterTooExpensive(
    `the filter took longer than ${timeoutMs} ms: no index answers it, so it reads every row of the realm; ` +
      'filter with eq or sw on indexed attributes (userName, externalId, displayName, id, emails) instead',
  );
}
