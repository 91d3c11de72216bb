import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { type ImportBatch, ImportBatchBuilder } from '../domain/directory/import-batch.js';
import { type ImportFormat, importItems } from './import-readers.js';

/**
 * The worker thread of `yonder import`: reads the file, parses each record, checks it as a create
 * would and packs it (`ImportBatchBuilder`), and posts batches to the importing thread, which only
 * writes. It stays at most `maxInFlight` batches ahead: the importing thread grants one more each
 * time it takes one, so memory stays flat however fast the file reads.
 */
export interface ImportWorkerData {
  /** null: read the worker's stdin, which the importing thread feeds from its own. */
  path: string | null;
  /** `auto`: the first line says (stdin, or a file whose name does not). */
  format: ImportFormat | 'auto';
  recordsPerBatch: number;
  maxInFlight: number;
}

export type ImportWorkerMessage = { type: 'batch'; batch: ImportBatch; bytes: number } | { type: 'done'; bytes: number };

async function run(port: NonNullable<typeof parentPort>, data: ImportWorkerData): Promise<void> {
  let credits = data.maxInFlight;
  let granted: (() => void) | null = null;
  port.on('message', () => {
    credits++;
    granted?.();
    granted = null;
  });
  const input = data.path === null ? process.stdin : createReadStream(data.path);
  let bytes = 0;
  input.on('data', (chunk: Buffer | string) => (bytes += chunk.length));
  const send = async (batch: ImportBatch) => {
    while (credits === 0) await new Promise<void>((resolve) => (granted = resolve));
    credits--;
    port.postMessage({ type: 'batch', batch, bytes } satisfies ImportWorkerMessage);
  };
  const builder = new ImportBatchBuilder(data.recordsPerBatch);
  for await (const item of importItems(input, data.format, data.path ?? 'stdin')) {
    const batch = builder.add(item);
    if (batch) await send(batch);
  }
  const last = builder.take();
  if (last) await send(last);
  port.postMessage({ type: 'done', bytes } satisfies ImportWorkerMessage);
  port.close();
}

if (parentPort) await run(parentPort, workerData as ImportWorkerData);
