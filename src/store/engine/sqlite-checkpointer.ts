import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Checkpoints a SQLite WAL database from a worker thread, so the event loop never does.
 *
 * In WAL mode every commit appends pages to the WAL; a checkpoint copies them back into the
 * database file and fsyncs both. SQLite runs it inside whichever COMMIT crosses
 * `wal_autocheckpoint` pages, on the committing connection: with better-sqlite3 that is the one
 * thread serving every request, which then stalls on the copy and the fsyncs. On the create path
 * (2 shared cores) turning checkpoints off altogether made creates 1.8x as fast; moving them here
 * made them 1.3x as fast.
 *
 * Here a second connection in a worker runs `wal_checkpoint(PASSIVE)` twenty times a second.
 * PASSIVE never blocks the writer or readers; it copies what no reader still needs. Once every
 * page is copied, the writer's next transaction starts the WAL over. Under a steady stream of
 * writes that moment may never come, so the main connection keeps a (higher)
 * `wal_autocheckpoint`: it then only copies the last few pages and lets the WAL restart, and it
 * also covers a worker that fell behind or died. Durability is unchanged: commits are not
 * fsynced either way (synchronous = NORMAL), checkpoints are.
 */
export interface Checkpointer {
  stop(): Promise<void>;
}

// A script rather than a module file: the worker then runs the same under `tsc` output and under
// the test runner, which serves TypeScript sources that a worker could not load.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 100');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or the file going away at shutdown: the next tick (or the backstop) catches up.
  }
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export function startCheckpointer(path: string, intervalMs = 50): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, driver, intervalMs } });
  // Never what keeps a process alive: a CLI command that forgets to close still exits.
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  // A worker that fails (it cannot open the file) leaves the backstop doing the checkpoints.
  worker.on('error', () => {});
  return {
    stop() {
      // Held while it stops: otherwise a process with nothing else to do would exit mid-close.
      worker.ref();
      worker.postMessage('stop');
      return exited;
    },
  };
}
