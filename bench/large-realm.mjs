// A scratch store seeded with a large realm and the built yonder serving it, shared by
// bench/scale.mjs and bench/filter-cost.mjs. `yonder seed` loads the identities (batched inserts);
// the CLI mints the token and names the tenant and realm.
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PG_URL, pgAdmin } from './postgres.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist', 'cli', 'main.js');

/** `--name value` from the command line, or the fallback. */
export function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

export const log = (line) => process.stderr.write(`${line}\n`);

/** An empty store of its own (a SQLite file in a temporary folder, or a PostgreSQL schema) and how to drop it. */
export async function scratchStore(engine, prefix) {
  const tmp = mkdtempSync(join(tmpdir(), `yonder-${prefix}-`));
  const schema = `${prefix}_${randomBytes(5).toString('hex')}`;
  if (engine === 'postgres') await pgAdmin(`create schema ${schema}`);
  const databaseUrl =
    engine === 'postgres' ? `${PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}` : `sqlite:${join(tmp, 'yonder.db')}`;
  return {
    databaseUrl,
    drop: async () => {
      if (engine === 'postgres') await pgAdmin(`drop schema if exists ${schema} cascade`).catch(() => {});
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** Runs a `yonder` command on the store and resolves with its output. */
export function cli(databaseUrl, args) {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CLI, ...args], { env: { ...process.env, DATABASE_URL: databaseUrl }, maxBuffer: 1 << 24 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${args.join(' ')}: ${stderr}`)) : resolve(stdout),
    );
  });
}

/** `yonder seed --identities count`, its progress passed to `onStderr`. */
export function seed(databaseUrl, count, onStderr = (text) => process.stderr.write(text)) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'seed', '--identities', String(count)], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr.on('data', (chunk) => onStderr(String(chunk)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`seed exited ${code}`))));
  });
}

/** An admin token, the tenant and the Default realm of a seeded store. */
export async function adminContext(databaseUrl) {
  const token = (await cli(databaseUrl, ['token', 'create', '--scopes', 'all', '--ttl', '1h'])).trim();
  const tenant = JSON.parse(await cli(databaseUrl, ['tenant', 'show']));
  const realm = JSON.parse(await cli(databaseUrl, ['realm', 'list'])).find((r) => r.display_name === 'Default');
  return { token, tenant, realm, headers: { authorization: `Bearer ${token}` } };
}

/** `yonder serve` on a random port, resolved once /healthz answers; `stop()` ends it. */
export async function serve(databaseUrl) {
  const port = 30000 + Math.floor(Math.random() * 20000);
  const server = spawn(process.execPath, [CLI, 'serve'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: server.pid,
    stop: () => {
      server.kill('SIGTERM');
      return new Promise((r) => server.on('exit', r));
    },
  };
}
