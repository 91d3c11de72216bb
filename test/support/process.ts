import { type ChildProcessWithoutNullStreams, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { TEST_MASTER_KEY } from './master-key.js';
import { POSTGRES_URL } from './postgres-url.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = join(ROOT, 'dist', 'cli', 'main.js');

/**
 * The CLI runs and servers of one test share their stores, so they share the master key too; a
 * test of the key file passes `YONDER_MASTER_KEY: ''` (unset, for yonder) to use the file instead.
 */
export const TEST_KEY_ENV: Record<string, string> = { YONDER_MASTER_KEY: TEST_MASTER_KEY };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** What a first start wrote to its file (stderr is no terminal here); empty when there was none. */
  banner?: string;
}

/**
 * A path of its own for the first start's file of one server or CLI run: the default would be
 * beside the data directory, which for PostgreSQL is the working directory (the repository).
 */
function firstStartFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'yonder-first-start-')), 'first-start.txt');
}

function readIfThere(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** Runs `yonder <args>` to completion. */
export function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  const file = env.YONDER_FIRST_START_FILE ?? firstStartFile();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: { ...process.env, ...TEST_KEY_ENV, YONDER_FIRST_START_FILE: file, ...env }, timeout: 90_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr, banner: readIfThere(file) });
      },
    );
  });
}

/** Runs `yonder <args>` with `input` on its stdin. */
export function runCliWithInput(args: string[], env: Record<string, string>, input: string): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...TEST_KEY_ENV, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** Servers not stopped yet: a test that fails before it stops its server leaves it running. */
const running = new Set<ChildProcessWithoutNullStreams>();

/** Kills every server still running (process-setup.ts, after each test file). */
export function killLeftoverServers(): void {
  for (const child of running) child.kill('SIGKILL');
}

/** A running `yonder serve`, with everything it printed so far. */
export class ServerProcess {
  stdout = '';
  stderr = '';
  private exited: Promise<number | null>;

  private constructor(
    readonly child: ChildProcessWithoutNullStreams,
    readonly url: string,
  ) {
    child.stdout.on('data', (chunk: Buffer) => (this.stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    running.add(child);
    this.exited = new Promise((resolve) =>
      child.on('exit', (code) => {
        running.delete(child);
        resolve(code);
      }),
    );
  }

  static async start(env: Record<string, string>): Promise<ServerProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, [CLI, 'serve'], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        ...TEST_KEY_ENV,
        YONDER_FIRST_START_FILE: firstStartFile(),
        ...env,
      },
    });
    const server = new ServerProcess(child, `http://127.0.0.1:${port}`);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (server.child.exitCode !== null) throw new Error(`yonder exited early:\n${server.stdout}\n${server.stderr}`);
      try {
        if ((await fetch(`${server.url}/healthz`)).ok) {
          // A first start prints its banner right after it starts listening, so the banner is in
          // the pipe before the health check is answered; but the answer may be read first. One
          // more turn of the event loop reads the pipe too, so callers can rely on `stdout`.
          await new Promise((resolve) => setTimeout(resolve, 20));
          return server;
        }
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    child.kill('SIGKILL');
    throw new Error(`yonder did not start:\n${server.stdout}\n${server.stderr}`);
  }

  /**
   * The first start's message, read as a person would: from the file its log line names (stderr is
   * no terminal here, so it is never in the output). Empty when this server did not bootstrap.
   */
  banner(): string {
    for (const line of this.stdout.split('\n')) {
      if (!line.startsWith('{')) continue;
      const entry = JSON.parse(line) as { msg?: string; file?: string };
      if (entry.msg?.startsWith('first start') && entry.file) return readFileSync(entry.file, 'utf8');
    }
    return '';
  }

  /** SIGKILL: the process dies where it stands, as in a crash. */
  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM, and the exit code once it has stopped. */
  async stop(): Promise<number | null> {
    this.child.kill('SIGTERM');
    const timeout = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    const code = await this.exited;
    clearTimeout(timeout);
    return code;
  }
}

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    return true;
  } catch {
    if (process.env.CI) throw new Error(`PostgreSQL is required under CI: ${POSTGRES_URL} is unreachable`);
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export interface ProcessEngine {
  name: 'sqlite' | 'postgres';
  /** A fresh, empty DATABASE_URL for one server (a temp file, or a schema of its own). */
  database(): Promise<string>;
  available(): Promise<boolean>;
}

/** Both engines for process tests, and a cleanup that removes every database they made. */
export function processEngines(): { engines: ProcessEngine[]; cleanup: () => Promise<void> } {
  const cleanups: (() => Promise<void>)[] = [];
  const sqlite: ProcessEngine = {
    name: 'sqlite',
    available: async () => true,
    database: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'yonder-process-'));
      cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
      return `sqlite:${join(dir, 'nested', 'yonder.db')}`;
    },
  };
  const postgres: ProcessEngine = {
    name: 'postgres',
    available: postgresReachable,
    database: async () => {
      const schema = `p_${randomBytes(6).toString('hex')}`;
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`create schema ${schema}`);
      await client.end();
      cleanups.push(async () => {
        const c = new pg.Client({ connectionString: POSTGRES_URL });
        await c.connect();
        await c.query(`drop schema if exists ${schema} cascade`);
        await c.end();
      });
      const url = new URL(POSTGRES_URL);
      url.searchParams.set('options', `-c search_path=${schema}`);
      return url.toString();
    },
  };
  return {
    engines: [sqlite, postgres],
    cleanup: async () => {
      for (const cleanup of cleanups.splice(0)) await cleanup();
    },
  };
}

/** The `export NAME=value` lines of the first-start banner. */
export function bannerExports(banner: string): Record<string, string> {
  return Object.fromEntries([...banner.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1] ?? '', m[2] ?? '']));
}
