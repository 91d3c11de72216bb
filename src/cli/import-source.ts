import { Worker } from 'node:worker_threads';
import type { ImportBatch } from '../domain/directory/import-batch.js';
import type { ImportWorkerData, ImportWorkerMessage } from './import-worker.js';

/**
 * Batches of an import file, read, checked and packed in a worker thread (import-worker.ts), so
 * that this thread only writes: on two cores the parsing and the database work overlap. The worker
 * runs at most `maxInFlight` batches ahead of the consumer; each batch taken lets it send one more.
 * `onBytes` is told how much of the input the worker has read, for the progress bar.
 */
export async function* workerBatches(
  data: Omit<ImportWorkerData, 'path'> & { path: string | '-' },
  onBytes: (bytes: number) => void,
): AsyncIterable<ImportBatch> {
  const fromStdin = data.path === '-';
  const worker = new Worker(new URL('./import-worker.js', import.meta.url), {
    workerData: { ...data, path: fromStdin ? null : data.path } satisfies ImportWorkerData,
    stdin: fromStdin,
  });
  if (fromStdin && worker.stdin) process.stdin.pipe(worker.stdin);
  const queue: ImportWorkerMessage[] = [];
  let failure: Error | null = null;
  let exited = false;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (message: ImportWorkerMessage) => {
    queue.push(message);
    notify();
  });
  // A file that cannot be read fails the worker; the import then fails with its error.
  worker.on('error', (error) => {
    failure = error;
    notify();
  });
  worker.on('exit', () => {
    exited = true;
    notify();
  });
  try {
    for (;;) {
      while (queue.length === 0 && failure === null && !exited) await new Promise<void>((resolve) => (wake = resolve));
      if (failure) throw failure;
      const message = queue.shift();
      if (!message) throw new Error('the import worker stopped before the end of the input');
      onBytes(message.bytes);
      if (message.type === 'done') return;
      yield message.batch;
      worker.postMessage('more');
    }
  } finally {
    if (fromStdin && worker.stdin) process.stdin.unpipe(worker.stdin);
    await worker.terminate();
  }
}
