import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Connection, connect } from '../../src/store/engine/connection.js';
import { type SubstringOp, escapeLike, like } from '../../src/store/engine/like.js';
import { type TestDatabase, createTestDatabase, describeApi } from '../support/harness.js';

/** The one LIKE helper every filter uses (v1 lists, SCIM Users and Groups), run by the engine itself. */
describeApi('store: substring filters as LIKE', () => {
  let database: TestDatabase;
  let connection: Connection;
  beforeAll(async () => {
    database = await createTestDatabase();
    connection = connect(database.databaseUrl, database.pgSchema ? { pgSchema: database.pgSchema } : {});
  });
  afterAll(async () => {
    await connection?.close();
    await database?.drop();
  });

  const matches = async (text: string, op: SubstringOp, value: string): Promise<boolean> => {
    const { rows } = await sql<{ hit: number | boolean }>`select case when ${like(sql`${text}`, op, value)} then 1 else 0 end as hit`.execute(
      connection.db,
    );
    return Number(rows[0]?.hit) === 1;
  };

  it('escapes %, _ and the escape character itself, and nothing else', () => {
    expect(escapeLike('100%_a\\b')).toBe('100\\%\\_a\\\\b');
    expect(escapeLike('plain.text')).toBe('plain.text');
  });

  it('% and _ in the value match only themselves', async () => {
    expect(await matches('100% sure', 'co', '%')).toBe(true);
    expect(await matches('100 sure', 'co', '%')).toBe(false);
    expect(await matches('under_score', 'co', '_')).toBe(true);
    expect(await matches('underscore', 'co', 'r_s')).toBe(false);
    expect(await matches('50%', 'ew', '0%')).toBe(true);
    expect(await matches('500', 'ew', '0%')).toBe(false);
  });

  it('a backslash in the value matches a backslash, at the start, inside and at the end', async () => {
    expect(await matches('back\\slash', 'co', 'k\\s')).toBe(true);
    expect(await matches('back\\slash', 'sw', 'back\\')).toBe(true);
    expect(await matches('backslash', 'sw', 'back\\')).toBe(false);
    expect(await matches('ends\\', 'ew', '\\')).toBe(true);
    expect(await matches('\\\\', 'co', '\\\\')).toBe(true);
    expect(await matches('\\', 'co', '\\\\')).toBe(false);
  });

  it('compares case exactly on both engines (case is folded in the values, not by LIKE)', async () => {
    expect(await matches('Alice', 'sw', 'al')).toBe(false);
    expect(await matches('alice', 'sw', 'al')).toBe(true);
  });
});
