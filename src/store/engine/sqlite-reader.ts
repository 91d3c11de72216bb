import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Runs expensive SQLite reads (filters that scan a realm) on a worker thread with its own
 * read-only connection, so the event loop never waits for them.
 *
 * better-sqlite3 is synchronous: a query runs on the thread that serves every request of every
 * tenant, and it offers no interrupt or progress handler to stop one. A 30-term `emails co` filter
 * on 200,000 identities held the process for 22 s, `/healthz` included. Here such a read runs in a
 * worker instead (WAL lets a second connection read while the main one writes; it sees what was
 * committed, which is everything a request has written by the time it is answered). One read at a
 * time, so these reads take at most one core; a few more wait their turn and past that the caller
 * is told the server is busy. A read running past its time is abandoned: the worker is terminated
 * (it stops once SQLite hands back control) and a fresh one serves the next read.
 */

/** A read ran past its time. */
export class ReadTimedOut extends Error {}
/** Too many reads are already waiting. */
export class ReaderBusy extends Error {}

// A script rather than a module file, like the checkpointer's: it then runs the same under `tsc`
// output and under the test runner.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
// The same LIKE as the main connection (see connection.ts).
db.pragma('case_sensitive_like = ON');
const statements = new Map();
parentPort.postMessage({ ready: true });
parentPort.on('message', ({ sql, parameters }) => {
  try {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      if (statements.size >= 100) statements.delete(statements.keys().next().value);
      statements.set(sql, statement);
    }
    parentPort.postMessage({ rows: statement.all(...parameters) });
  } catch (error) {
    parentPort.postMessage({ error: { message: String(error && error.message), code: error && error.code } });
  }
});
`;

interface Pending {
  sql: string;
  parameters: readonly unknown[];
  resolve(rows: unknown[]): void;
  reject(error: Error): void;
}

/** How many reads may be running or waiting before callers are told the server is busy. */
const MAX_QUEUED = 8;

export class SqliteReader {
  private worker: Worker | null = null;
  /** Set once the worker has opened the file: a read's time starts when it can run, not before. */
  private ready = false;
  private running: { read: Pending; timer: NodeJS.Timeout } | null = null;
  private readonly waiting: Pending[] = [];
  private closed = false;

  constructor(
    private readonly path: string,
    private readonly timeoutMs: number,
  ) {}

  all(sql: string, parameters: readonly unknown[]): Promise<unknown[]> {
    if (this.closed) return Promise.reject(new Error('the reader is closed'));
    if (this.waiting.length + (this.running ? 1 : 0) >= MAX_QUEUED) return Promise.reject(new ReaderBusy('too many expensive reads are waiting'));
    return new Promise((resolve, reject) => {
      this.waiting.push({ sql, parameters, resolve, reject });
      this.next();
    });
  }

  private next(): void {
    if (this.running || this.closed || this.waiting.length === 0) return;
    const worker = this.ensureWorker();
    if (!this.ready) return;
    const read = this.waiting.shift() as Pending;
    const timer = setTimeout(() => {
      this.running = null;
      this.discard(worker);
      read.reject(new ReadTimedOut(`the read ran past ${this.timeoutMs} ms`));
      this.next();
    }, this.timeoutMs);
    this.running = { read, timer };
    worker.postMessage({ sql: read.sql, parameters: read.parameters });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path: this.path, driver } });
    // Never what keeps a process alive.
    worker.unref();
    worker.on('message', (message: { ready?: boolean; rows?: unknown[]; error?: { message: string; code?: string } }) => {
      if (message.ready) {
        if (this.worker === worker) this.ready = true;
        this.next();
        return;
      }
      const running = this.running;
      if (this.worker !== worker || !running) return;
      this.running = null;
      clearTimeout(running.timer);
      if (message.error) running.read.reject(Object.assign(new Error(message.error.message), { code: message.error.code }));
      else running.read.resolve(message.rows ?? []);
      this.next();
    });
    // A worker that fails (it cannot open the file) fails the read it had; the next gets a new one.
    worker.on('error', (error) => {
      if (this.worker !== worker) return;
      const running = this.running;
      this.running = null;
      this.discard(worker);
      if (running) {
        clearTimeout(running.timer);
        running.read.reject(error);
      } else {
        // It failed before it could run anything (the file cannot be opened): so will the next.
        for (const read of this.waiting.splice(0)) read.reject(error);
      }
      this.next();
    });
    this.worker = worker;
    return worker;
  }

  private discard(worker: Worker): void {
    if (this.worker === worker) {
      this.worker = null;
      this.ready = false;
    }
    void worker.terminate();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const read of this.waiting.splice(0)) read.reject(new Error('the reader is closed'));
    if (this.running) {
      clearTimeout(this.running.timer);
      this.running.read.reject(new Error('the reader is closed'));
      this.running = null;
    }
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }
}
