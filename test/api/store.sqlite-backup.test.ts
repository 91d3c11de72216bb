import { dirname, join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedIdentities } from '../../src/services/directory/bulk.js';
import { backupSqlite } from '../../src/store/engine/sqlite-backup.js';
import { TestYonder, describeApi, engine } from '../support/harness.js';

/**
 * SQLite's online backup starts over whenever another connection writes between its steps; under
 * steady writes it may never finish. `backupSqlite` holds one read snapshot instead: its progress
 * only goes forward, and the copy is the store as it was when the backup began. (PostgreSQL
 * stores are backed up with pg_dump: nothing to run there.)
 */
describeApi('a SQLite backup while the store is being written', () => {
  let y: TestYonder;
  beforeAll(async () => {
    y = await TestYonder.start();
  });
  afterAll(async () => y?.close());

  it('never starts over, and copies every create acknowledged before it began', async (context) => {
    if (engine !== 'sqlite') return context.skip();
    // Several steps of copying (1024 pages each), for writes to land between.
    await seedIdentities(y.yonder, { tenantId: y.tenantId, realmId: y.realmId }, 20_000);
    const acknowledged: string[] = [];
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        const username = `written-${i}`;
        const reply = await y.request('POST', y.realmPath('/identities'), {
          body: { identity: { display_name: username, traits: { type: 'traits_v0', username } } },
        });
        expect(reply.status, reply.text).toBe(200);
        acknowledged.push(username);
      }
    })();
    while (acknowledged.length < 20) await new Promise((resolve) => setImmediate(resolve));

    const before = acknowledged.length;
    const source = y.databaseLocation.databaseUrl.slice('sqlite:'.length);
    const target = join(dirname(source), 'copy.db');
    // Besides the API's writes, another connection commits between every two steps, for certain.
    const other = new SqliteDatabase(source);
    other.exec('CREATE TABLE between_steps (n INTEGER)');
    const write = other.prepare('INSERT INTO between_steps (n) VALUES (?)');
    const progress: number[] = [];
    const copied = await backupSqlite(source, target, ({ copiedPages }) => {
      progress.push(copiedPages);
      write.run(progress.length);
    });
    other.close();
    writing = false;
    await writer;

    expect(progress.length).toBeGreaterThan(3);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(copied.sealedWith).toHaveLength(1);
    const copy = new SqliteDatabase(target, { readonly: true });
    try {
      const rows = copy
        .prepare("SELECT json_extract(traits, '$.username') AS username FROM identities WHERE display_name LIKE 'written-%'")
        .all() as {
        username: string;
      }[];
      const found = new Set(rows.map((row) => row.username));
      expect(acknowledged.slice(0, before).filter((username) => !found.has(username))).toEqual([]);
    } finally {
      copy.close();
    }
  });
});
