import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DomainError, FilterTooExpensive } from '../../src/domain/errors.js';
import { type Connection, connect } from '../../src/store/engine/connection.js';
import { type TestDatabase, createTestDatabase, describeApi, engine } from '../support/harness.js';

/**
 * Reads of filters no index answers (store/engine/scan-reads.ts): bounded in time on both engines, and on
 * SQLite run by a worker thread, so the connection serving every other request is never held.
 */
describeApi('store: reads that scan a realm', () => {
  let database: TestDatabase;
  let connection: Connection;
  beforeAll(async () => {
    database = await createTestDatabase();
    connection = connect(database.databaseUrl, { scanTimeoutMs: 20, ...(database.pgSchema ? { pgSchema: database.pgSchema } : {}) });
    // The template store is migrated; one query opens the file or the pool before the tests.
    await sql`select 1`.execute(connection.db);
  });
  afterAll(async () => {
    await connection?.close();
    await database?.drop();
  });

  /** Far past 20 ms on any machine: seconds of work on SQLite, a five-second sleep on PostgreSQL. */
  const slow = () =>
    engine === 'sqlite'
      ? sql<{ n: number }>`with recursive c(x) as (select 1 union all select x + 1 from c where x < 5000000) select count(*) as n from c`
      : sql<{ n: number }>`select 1 as n from pg_sleep(5)`;
  const query = (raw: ReturnType<typeof slow>) => ({ compile: () => raw.compile(connection.db) });

  it('answers what the database answers', async () => {
    const rows = await connection.scanReads.all(connection.db, query(sql<{ n: number }>`select 41 + 1 as n`));
    expect(rows.map((r) => Number(r.n))).toEqual([42]);
  });

  it('a read past its time is a 400 on filter, and the next read is answered', async () => {
    const error = await connection.scanReads.all(connection.db, query(slow())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FilterTooExpensive);
    expect((error as DomainError).details).toMatchObject([
      { field_violations: [{ field: 'filter', description: expect.stringMatching(/longer than 20 ms/) }] },
    ]);
    const rows = await connection.scanReads.all(connection.db, query(sql<{ n: number }>`select 7 as n`));
    expect(rows.map((r) => Number(r.n))).toEqual([7]);
  });

  it.runIf(engine === 'sqlite')('on SQLite the main connection answers while a scan runs', async () => {
    const order: string[] = [];
    const scan = connection.scanReads.all(connection.db, query(slow())).then(
      () => order.push('scan'),
      () => order.push('scan'),
    );
    await sql`select 1`.execute(connection.db);
    order.push('main');
    await scan;
    expect(order).toEqual(['main', 'scan']);
  });

  it('too many scans at once are 503, not an ever longer queue', async () => {
    const reads = Array.from({ length: 12 }, () => connection.scanReads.all(connection.db, query(slow())).catch((e: unknown) => e));
    const errors = await Promise.all(reads);
    const busy = errors.filter((e) => e instanceof DomainError && e.code === 'service_unavailable');
    expect(busy.length).toBe(4);
    expect(errors.filter((e) => e instanceof FilterTooExpensive).length).toBe(8);
  });
});
