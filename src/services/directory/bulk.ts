import {
  type ImportBatch,
  type ImportItem,
  MAX_REPORTED_REJECTIONS,
  PACKED_WIDTH,
  type PackedValue,
  type Rejection,
  importBatches,
} from '../../domain/directory/import-batch.js';
import { foldedKey } from '../../domain/directory/names.js';
import { nowTimestamp } from '../../domain/time.js';
import type { BulkTarget } from '../../store/directory/bulk.js';
import type { Yonder } from '../context.js';
import { insertGroup } from './groups.js';
import type { RealmRef } from './identities.js';
import { requireRealm } from './tenancy-lookup.js';

export { type ImportBatch, type ImportItem, type Rejection, MAX_REPORTED_REJECTIONS } from '../../domain/directory/import-batch.js';

/** Identities in the first transaction of an import or seed; later ones adapt (see below). */
export const BULK_BATCH_SIZE = 5000;
/** Records checked and packed at a time, whichever thread does it. */
export const RECORDS_PER_BATCH = 1000;

/**
 * Transactions aim at this long. Each commit rewrites every index page its rows touched, and at a
 * million identities a few thousand random usernames and ids touch most of them, so transactions
 * much shorter than this write many times the data. Much longer, and a yonder serving the same
 * SQLite file waits that long for the write lock (it gives up after its busy timeout, 5 s).
 */
export const TRANSACTION_TARGET_MS = 1000;
/** Bounds for the adaptive transaction size. */
export const MIN_BATCH_SIZE = 1000;
export const MAX_BATCH_SIZE = 50_000;
/**
 * SQLite: after each commit the write lock is left free for a fifth of the time it was held, at
 * most 100 ms. A waiting writer's busy handler retries ever less often, at most 100 ms apart, so it
 * finds the lock free within a few transactions instead of missing the instant between two.
 * (PostgreSQL locks rows, not the database: nothing to leave free.)
 */
const MAX_YIELD_MS = 100;

export interface ImportSummary {
  read: number;
  imported: number;
  /** Usernames the realm already held (or an earlier line of the same input took). */
  skipped: number;
  rejected: number;
  /** The first MAX_REPORTED_REJECTIONS rejections. */
  rejections: Rejection[];
}

export interface BulkOptions {
  /**
   * Identities per transaction. Without it, transactions start at BULK_BATCH_SIZE and adapt to
   * take about TRANSACTION_TARGET_MS each. An offline load ignores it.
   */
  batchSize?: number;
  /**
   * The whole load in one transaction, for a store nothing else uses meanwhile (on SQLite, open it
   * exclusively). It commits all or nothing, and on SQLite rebuilds the list indexes after the rows
   * are in instead of updating them row by row.
   */
  offline?: boolean;
  /** About how many records the input holds, when known (an offline load plans with it). */
  expectedRecords?: number;
  onProgress?: (summary: ImportSummary) => void;
  /** Told of every write transaction: how many identities it offered and how long it took. */
  onTransaction?: (rows: number, ms: number) => void;
  /** Told when an offline load has all its rows and starts building indexes. */
  onIndexing?: () => void;
}

/**
 * Imports identities from a stream of records. Every record passes the same rules as a create
 * (`assertValidIdentity`); a record that does not is rejected with its line number and reason and
 * the rest go on. Usernames the realm already holds are skipped, so running the same import again
 * changes nothing.
 */
export async function importIdentities(
  y: Yonder,
  ref: RealmRef,
  items: AsyncIterable<ImportItem> | Iterable<ImportItem>,
  options: BulkOptions = {},
): Promise<ImportSummary> {
  return importIdentityBatches(y, ref, importBatches(items, RECORDS_PER_BATCH), options);
}

/**
 * The same from batches already checked and packed (`ImportBatchBuilder`), which `yonder import`
 * builds in a worker thread while this one writes. Rows are written in transactions of
 * `batchSize`, started only once that many are at hand, so a slow reader never keeps the write
 * lock waiting.
 */
export async function importIdentityBatches(
  y: Yonder,
  ref: RealmRef,
  batches: AsyncIterable<ImportBatch>,
  options: BulkOptions = {},
): Promise<ImportSummary> {
  await requireRealm(y.store, ref.tenantId, ref.realmId);
  const settings = await y.store.bulk.beginBulkLoad();
  try {
    return await loadBatches(y, ref, batches, options);
  } finally {
    await y.store.bulk.endBulkLoad(settings);
  }
}

async function loadBatches(y: Yonder, ref: RealmRef, batches: AsyncIterable<ImportBatch>, options: BulkOptions): Promise<ImportSummary> {
  const target: BulkTarget = { tenantId: ref.tenantId, realmId: ref.realmId, now: nowTimestamp() };
  const summary: ImportSummary = { read: 0, imported: 0, skipped: 0, rejected: 0, rejections: [] };
  const account = (batch: ImportBatch) => {
    summary.read += batch.read;
    summary.rejected += batch.rejected;
    for (const rejection of batch.rejections) {
      if (summary.rejections.length < MAX_REPORTED_REJECTIONS) summary.rejections.push(rejection);
    }
  };
  const wrote = (offered: number, written: number) => {
    summary.imported += written;
    summary.skipped += offered - written;
  };

  if (options.offline) {
    await y.store.transaction(async (tx) => {
      const load = await tx.bulk.beginOfflineLoad(options.expectedRecords);
      for await (const batch of batches) {
        account(batch);
        wrote(batch.rows.length / PACKED_WIDTH, await tx.bulk.insertPacked(target, batch.rows));
        options.onProgress?.(summary);
      }
      if (load.rebuild.length > 0) options.onIndexing?.();
      await tx.bulk.endOfflineLoad(load);
    });
    await y.store.bulk.afterOfflineLoad();
  } else {
    const adaptive = options.batchSize === undefined;
    let batchSize = options.batchSize ?? BULK_BATCH_SIZE;
    const pending = new PendingRows();
    const write = async (chunks: PackedValue[][]) => {
      const count = chunks.reduce((sum, rows) => sum + rows.length / PACKED_WIDTH, 0);
      const started = performance.now();
      const written = await y.store.transaction(async (tx) => {
        let n = 0;
        for (const rows of chunks) n += await tx.bulk.insertPacked(target, rows);
        return n;
      });
      const held = performance.now() - started;
      wrote(count, written);
      options.onTransaction?.(count, held);
      if (adaptive && count === batchSize) batchSize = nextBatchSize(batchSize, held);
      if (y.store.engine === 'sqlite') nextStart = performance.now() + Math.min(MAX_YIELD_MS, held / 5);
    };
    let nextStart = 0;
    const waitTurn = () => sleep(nextStart - performance.now());
    for await (const batch of batches) {
      account(batch);
      pending.add(batch.rows);
      // A transaction starts only once its rows are all at hand (waiting on the reader with the
      // write lock held would keep others waiting too), and the pause after the last one is over.
      while (pending.count >= batchSize) {
        await waitTurn();
        await write(pending.take(batchSize));
      }
      options.onProgress?.(summary);
    }
    if (pending.count > 0) {
      await waitTurn();
      await write(pending.take(pending.count));
    }
  }
  if (summary.imported > 0) await y.store.bulk.analyzeAfterLoad();
  return summary;
}

/**
 * The next transaction's size from how long one of `size` took: scaled towards the target, but
 * only halfway (geometric mean), since commit time does not grow in proportion to size.
 */
export function nextBatchSize(size: number, ms: number): number {
  const scaled = size * (TRANSACTION_TARGET_MS / Math.max(ms, 1));
  return Math.round(Math.min(MAX_BATCH_SIZE, Math.max(MIN_BATCH_SIZE, Math.sqrt(size * scaled))));
}

/** Packed rows waiting for a transaction, kept in the arrays they came in (not copied into one). */
class PendingRows {
  private chunks: PackedValue[][] = [];
  count = 0;

  add(rows: PackedValue[]): void {
    if (rows.length === 0) return;
    this.chunks.push(rows);
    this.count += rows.length / PACKED_WIDTH;
  }

  /** The first `count` rows, splitting an array only where the count ends inside it. */
  take(count: number): PackedValue[][] {
    const taken: PackedValue[][] = [];
    let wanted = count * PACKED_WIDTH;
    while (wanted > 0) {
      const rows = this.chunks.shift();
      if (!rows) break;
      if (rows.length > wanted) {
        taken.push(rows.slice(0, wanted));
        this.chunks.unshift(rows.slice(wanted));
        wanted = 0;
      } else {
        taken.push(rows);
        wanted -= rows.length;
      }
    }
    this.count -= count;
    return taken;
  }
}

const sleep = (ms: number) => (ms > 0 ? new Promise<void>((resolve) => setTimeout(resolve, ms)) : Promise.resolve());

/**
 * Fills a realm with `count` made-up identities (`seed-0000001`, ...), with email, names and an
 * external id, the way a directory of that size would look. Re-running skips the ones already there.
 */
export async function seedIdentities(y: Yonder, ref: RealmRef, count: number, options: BulkOptions = {}): Promise<ImportSummary> {
  const width = Math.max(7, String(count).length);
  function* records(): Iterable<ImportItem> {
    for (let i = 1; i <= count; i++) {
      const n = String(i).padStart(width, '0');
      yield {
        line: i,
        record: {
          display_name: `Seed User ${n}`,
          traits: {
            type: 'traits_v0',
            username: `seed-${n}`,
            primary_email_address: `seed-${n}@example.com`,
            given_name: 'Seed',
            family_name: `User ${n}`,
            external_id: `ext-${n}`,
          },
        },
      };
    }
  }
  return importIdentities(y, ref, records(), options);
}

/**
 * Adds groups named "seed group N" up to `count`, skipping names the realm already has, so a
 * second seed adds nothing. Writes a thousand per transaction. Returns how many were added.
 */
export async function seedGroups(y: Yonder, ref: RealmRef, count: number): Promise<{ added: number; skipped: number }> {
  const taken = new Set<string>();
  for (let after = ''; ; ) {
    const page = await y.store.groups.page(ref.realmId, after, 0, 1000);
    for (const group of page) taken.add(foldedKey(group.display_name));
    const last = page[page.length - 1];
    if (!last || page.length < 1000) break;
    after = last.id;
  }
  const width = Math.max(5, String(count).length);
  let added = 0;
  for (let start = 1; start <= count; start += 1000) {
    await y.store.transaction(async (tx) => {
      for (let i = start; i < start + 1000 && i <= count; i++) {
        const name = `seed group ${String(i).padStart(width, '0')}`;
        if (taken.has(foldedKey(name))) continue;
        await insertGroup(tx, ref, { display_name: name });
        added++;
      }
    });
  }
  return { added, skipped: count - added };
}
