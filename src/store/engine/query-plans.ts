import { type Compilable, sql } from 'kysely';
import type { Engine, Executor } from './connection.js';

/**
 * Reads the plan the database would run for a query the store built, so tests can assert that the
 * hot filters use an index. SQLite: `EXPLAIN QUERY PLAN`. PostgreSQL: `EXPLAIN` with sequential
 * scans, merge joins and hash joins priced out, inside a transaction so the settings end with it.
 * On a small test table each of those is rightly cheapest and each reads a whole table (a page of a
 * group's 60 members was merge-joined with all 3,000 identities in id order), so the plan would
 * show nothing of whether a lookup by key exists; priced out, it shows the plan that uses the keys.
 */
export class QueryPlanStore {
  constructor(
    private readonly db: Executor,
    private readonly engine: Engine,
  ) {}

  /** Refreshes the planner's statistics, as a production database's would be. */
  async analyze(): Promise<void> {
    await sql`analyze`.execute(this.db);
  }

  async explain(query: Compilable): Promise<string[]> {
    const compiled = query.compile();
    const text = sql.raw(compiled.sql);
    if (this.engine === 'sqlite') {
      const explained = sql<{ detail: string }>`explain query plan ${text}`;
      // The compiled parameters stay bound: EXPLAIN takes the same placeholders as the query.
      const { rows } = await this.db.executeQuery<{ detail: string }>({ ...explained.compile(this.db), parameters: compiled.parameters });
      return rows.map((r) => r.detail);
    }
    const run = async (db: Executor) => {
      await sql`set local enable_seqscan = off`.execute(db);
      await sql`set local enable_mergejoin = off`.execute(db);
      await sql`set local enable_hashjoin = off`.execute(db);
      const explained = sql<{ 'QUERY PLAN': string }>`explain ${text}`;
      const { rows } = await db.executeQuery<{ 'QUERY PLAN': string }>({ ...explained.compile(db), parameters: compiled.parameters });
      return rows.map((r) => r['QUERY PLAN']);
    };
    return this.db.isTransaction ? run(this.db) : this.db.transaction().execute(run);
  }
}
