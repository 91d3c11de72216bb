import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newId } from '../../src/domain/ids.js';
import { TestYonder, describeApi, engine } from '../support/harness.js';

/**
 * SQLite checkpoints run in a worker thread (src/store/engine/sqlite-checkpointer.ts), not inside the
 * commits of the thread that serves requests: below the serving connection's own threshold
 * (16 MiB of WAL), pages written through the store are still copied back into the database file.
 */
describeApi('store: SQLite checkpoints happen in the background', () => {
  let y: TestYonder;
  beforeAll(async () => {
    y = await TestYonder.start();
  });
  afterAll(async () => y?.close());

  it.skipIf(engine !== 'sqlite')(
    '6 MiB written through the store are checkpointed without the serving connection (SQLite only: PostgreSQL checkpoints its own WAL)',
    async () => {
      const filler = 'x'.repeat(6000);
      const now = new Date().toISOString();
      for (let i = 0; i < 100; i++) {
        await y.yonder.store.transaction(async (tx) => {
          for (let j = 0; j < 10; j++) {
            await tx.identities.insert({
              id: newId(),
              tenant_id: y.tenantId,
              realm_id: y.realmId,
              display_name: `wal ${i} ${j}`,
              status: 'active',
              traits: { type: 'traits_v0', username: `wal-${i}-${j}`, title: filler },
              enrollment_status: 'UNENROLLED',
              create_time: now,
              update_time: now,
              version: 1,
            });
          }
        });
      }
      // NOOP reports the WAL's state without checkpointing anything itself.
      const observer = new SqliteDatabase(y.yonder.config.databaseUrl.slice('sqlite:'.length));
      try {
        const state = () => observer.pragma('wal_checkpoint(NOOP)') as { log: number; checkpointed: number }[];
        const deadline = Date.now() + 20_000;
        let [wal] = state();
        while (wal && wal.checkpointed < wal.log && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          [wal] = state();
        }
        // Every page in the WAL is back in the database file (or the WAL has started over, which
        // also needs every page copied); the serving connection alone would have copied none yet.
        expect(wal?.checkpointed).toBe(wal?.log);
      } finally {
        observer.close();
      }
    },
  );
});
