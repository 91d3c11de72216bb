import { describe, expect, it } from 'vitest';
import { notFound } from '../../src/domain/errors.js';
import { CommitQueue, type IdentityCreate, IdentityInsertBatcher } from '../../src/store/engine/group-commit.js';
import type { IdentitiesTable } from '../../src/store/schema.js';

/**
 * The failure paths of group commit, with the write injected: what each waiting caller is told
 * when its batch's flush fails, and when the lone insert of a batch's first username fails.
 * (The batched statements themselves run on real databases in test/api/identities.group-commit.)
 */
describe('CommitQueue', () => {
  const options = { maxBatch: 3, maxInFlight: 1 };

  it('a flush that fails rejects every caller of its batch with its error, and the next batch still flushes', async () => {
    const batches: number[][] = [];
    const queue = new CommitQueue<number>(async (batch) => {
      batches.push(batch.map((w) => w.item));
      if (batches.length === 1) throw new Error('disk full');
      for (const waiting of batch) waiting.resolve();
    }, options);
    const outcomes = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        queue.submit(n).then(
          () => 'ok',
          (error: Error) => error.message,
        ),
      ),
    );
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    expect(outcomes).toEqual(['disk full', 'disk full', 'disk full', 'ok', 'ok']);
  });

  it('a flush that settles some callers and then fails leaves their answers as they were', async () => {
    const queue = new CommitQueue<number>(async (batch) => {
      batch[0]?.resolve();
      throw new Error('lost connection');
    }, options);
    const outcomes = await Promise.all(
      [1, 2].map((n) =>
        queue.submit(n).then(
          () => 'ok',
          (error: Error) => error.message,
        ),
      ),
    );
    expect(outcomes).toEqual(['ok', 'lost connection']);
  });

  it('writes arriving while a batch is in flight wait for it and go in the next one', async () => {
    const batches: number[][] = [];
    let releaseFirst!: () => void;
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstStarted!: () => void;
    const started = new Promise<void>((resolve) => (firstStarted = resolve));
    const queue = new CommitQueue<number>(async (batch) => {
      batches.push(batch.map((w) => w.item));
      if (batches.length === 1) {
        firstStarted();
        await firstHeld;
      }
      for (const waiting of batch) waiting.resolve();
    }, options);
    const first = queue.submit(1);
    await started;
    const later = [queue.submit(2), queue.submit(3)];
    expect(batches).toEqual([[1]]);
    releaseFirst();
    await Promise.all([first, ...later]);
    expect(batches).toEqual([[1], [2, 3]]);
  });
});

describe('IdentityInsertBatcher: a follower whose leader failed', () => {
  const row = (id: string, username: string): IdentitiesTable =>
    ({ id, realm_id: 'realm', username_key: username.toLowerCase() }) as unknown as IdentitiesTable;
  // One username twice in one batch: the first is its leader, the batch statement is injected.
  const statementFails = async (): Promise<Set<string>> => {
    throw new Error('the statement failed as a whole');
  };

  it('retries on its own when the leader failed for another reason than the username, and gets its own answer', async () => {
    const attempts: string[] = [];
    const batcher = new IdentityInsertBatcher(
      statementFails,
      async (create: IdentityCreate) => {
        attempts.push(create.row.id);
        if (create.row.id === 'leader') throw notFound('Realm', 'realm');
      },
      { maxBatch: 10, maxInFlight: 1 },
    );
    const outcomes = await Promise.all(
      [row('leader', 'sam'), row('follower', 'SAM')].map((r) =>
        batcher.insert({ row: r, event: null }).then(
          () => 'ok',
          (error: { code?: string }) => error.code,
        ),
      ),
    );
    expect(outcomes).toEqual(['not_found', 'ok']);
    expect(attempts).toEqual(['leader', 'follower']);
  });

  it('gets conflict without a try when the leader was written or found the username taken', async () => {
    for (const leaderFails of [false, true]) {
      const attempts: string[] = [];
      const batches: string[][] = [];
      const batcher = new IdentityInsertBatcher(
        async (creates) => {
          batches.push(creates.map((c) => c.row.id));
          return new Set(leaderFails ? [] : ['leader']);
        },
        async (create: IdentityCreate) => {
          attempts.push(create.row.id);
        },
        { maxBatch: 10, maxInFlight: 1 },
      );
      const outcomes = await Promise.all(
        [row('leader', 'sam'), row('follower', 'Sam')].map((r) =>
          batcher.insert({ row: r, event: null }).then(
            () => 'ok',
            (error: { code?: string }) => error.code,
          ),
        ),
      );
      expect(outcomes).toEqual([leaderFails ? 'conflict' : 'ok', 'conflict']);
      expect(batches).toEqual([['leader']]);
      expect(attempts).toEqual([]);
    }
  });
});
