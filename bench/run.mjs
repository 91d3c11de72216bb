#!/usr/bin/env node
// `npm run bench`: yonder against the machine's own ceiling, in one run.
//
// Starts bare node:http ceiling servers (JSON echo, one better-sqlite3 insert, one pg insert) and
// yonder (the built dist/, on a temp SQLite file and, when PostgreSQL answers, on a fresh schema),
// drives each with the same autocannon settings, alternating ceiling and yonder runs, and prints
// operation, yonder req/s, ceiling req/s, ratio, p50, p99. Results go to bench/results/<date>.json.
//
// Adding an operation is one entry in OPERATIONS. Nothing here runs under `npm test`.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DURATION = Number(process.env.BENCH_DURATION ?? 6);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PG_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY, 'i') : null;

// ---------------------------------------------------------------------------------------------
// The operations. `yonder` names the yonder server to drive, `ceiling` the bare server to compare
// with; `request(ctx)` gives autocannon's request for it. Entries with `available: false` are
// printed as not yet available (they are built on other branches).

const createBody = (prefix) =>
  JSON.stringify({
    identity: { display_name: 'Bench User', traits: { type: 'traits_v0', username: `${prefix}-[<id>]` } },
  });

const OPERATIONS = [
  {
    name: 'create identity (SQLite)',
    yonder: 'yonder-sqlite',
    ceiling: 'ceiling-sqlite',
    request: (ctx) => ({ method: 'POST', path: ctx.realmPath('/identities'), body: createBody('c'), idReplacement: true }),
  },
  {
    name: 'create identity (SQLite, group commit off)',
    yonder: 'yonder-sqlite-nogc',
    ceiling: 'ceiling-sqlite',
    request: (ctx) => ({ method: 'POST', path: ctx.realmPath('/identities'), body: createBody('n'), idReplacement: true }),
  },
  {
    name: 'create identity (PostgreSQL)',
    yonder: 'yonder-pg',
    ceiling: 'ceiling-pg',
    request: (ctx) => ({ method: 'POST', path: ctx.realmPath('/identities'), body: createBody('c'), idReplacement: true }),
  },
  {
    name: 'create identity (PostgreSQL, group commit off)',
    yonder: 'yonder-pg-nogc',
    ceiling: 'ceiling-pg',
    request: (ctx) => ({ method: 'POST', path: ctx.realmPath('/identities'), body: createBody('n'), idReplacement: true }),
  },
  {
    name: 'get identity (SQLite)',
    yonder: 'yonder-sqlite',
    ceiling: 'ceiling-echo',
    request: (ctx) => ({ method: 'GET', path: ctx.realmPath(`/identities/${ctx.probe.id}`) }),
  },
  {
    name: 'list traits.username eq (SQLite)',
    yonder: 'yonder-sqlite',
    ceiling: 'ceiling-echo',
    request: (ctx) => ({
      method: 'GET',
      path: ctx.realmPath(`/identities?filter=${encodeURIComponent(`traits.username eq "${ctx.probe.username}"`)}`),
    }),
  },
  {
    name: 'SCIM POST /Users (SQLite)',
    yonder: 'yonder-sqlite',
    ceiling: 'ceiling-sqlite',
    request: (ctx) => ({
      method: 'POST',
      path: ctx.realmPath('/scim/v2/Users'),
      headers: { 'content-type': 'application/scim+json' },
      body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 's-[<id>]' }),
      idReplacement: true,
    }),
  },
  {
    name: 'SCIM filter userName eq (SQLite)',
    yonder: 'yonder-sqlite',
    ceiling: 'ceiling-echo',
    request: (ctx) => ({
      method: 'GET',
      path: ctx.realmPath(`/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${ctx.probe.username}"`)}`),
    }),
  },
  { name: 'group addMembers', available: false },
  { name: 'policy evaluate', available: false },
  { name: 'token endpoint', available: false },
];

// ---------------------------------------------------------------------------------------------

function log(line) {
  process.stderr.write(`${line}\n`);
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function postgresReachable() {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function pgAdmin(query) {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

/** Starts `node script args` with env, resolves once `ready(stdout)` says it is up. */
async function startProcess(name, args, env, ready) {
  const port = await freePort();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited early:\n${stdout}\n${stderr}`);
    if (await ready(stdout, url)) return { name, child, url, stdout: () => stdout, pid: child.pid };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`${name} did not start:\n${stdout}\n${stderr}`);
}

const readyLine = async (stdout) => stdout.includes('ready\n');
const healthy = async (stdout, url) => {
  try {
    return stdout.includes('export YONDER_TOKEN=') && (await fetch(`${url}/healthz`)).ok;
  } catch {
    return false;
  }
};

async function startYonder(name, databaseUrl, extraEnv = {}) {
  const server = await startProcess(
    name,
    [join(ROOT, 'dist', 'cli', 'main.js'), 'serve'],
    { DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', ...extraEnv },
    healthy,
  );
  const out = server.stdout();
  const take = (key) => new RegExp(`export ${key}=(\\S+)`).exec(out)?.[1];
  const ctx = { tenantId: take('TENANT_ID'), realmId: take('REALM_ID'), token: take('YONDER_TOKEN') };
  ctx.realmPath = (rest) => `/v1/tenants/${ctx.tenantId}/realms/${ctx.realmId}${rest}`;
  const headers = { authorization: `Bearer ${ctx.token}`, 'content-type': 'application/json' };
  // One known identity for the read operations.
  const username = `probe-${randomBytes(4).toString('hex')}`;
  const res = await fetch(`${server.url}${ctx.realmPath('/identities')}`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ identity: { display_name: 'Probe', traits: { type: 'traits_v0', username } } }),
  });
  if (res.status !== 200) throw new Error(`${name}: probe create failed ${res.status} ${await res.text()}`);
  ctx.probe = { id: (await res.json()).id, username };
  ctx.headers = headers;
  return { ...server, ctx };
}

function run(url, request, headers) {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections: CONNECTIONS,
        duration: DURATION,
        headers,
        requests: [request],
        idReplacement: Boolean(request.idReplacement),
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

function summarize(result) {
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

async function main() {
  const started = Date.now();
  const tmp = mkdtempSync(join(tmpdir(), 'yonder-bench-'));
  const servers = new Map();
  const cleanups = [];
  const withPg = process.env.BENCH_NO_POSTGRES ? false : await postgresReachable();
  log(`bench: ${DURATION}s per run, ${CONNECTIONS} connections, ${ROUNDS} alternating rounds; PostgreSQL ${withPg ? 'reachable' : 'unreachable: SQLite only'}`);

  const wanted = OPERATIONS.filter((op) => op.available !== false && (!ONLY || ONLY.test(op.name)));
  const needed = new Set(wanted.flatMap((op) => [op.yonder, op.ceiling]));
  const pgSchemas = [];
  const pgSchema = () => {
    const s = `bench_${randomBytes(5).toString('hex')}`;
    pgSchemas.push(s);
    return s;
  };
  const pgUrlFor = (schema) => `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;

  const starters = {
    'ceiling-echo': () => startProcess('ceiling-echo', [join(ROOT, 'bench', 'ceiling-echo.mjs')], {}, readyLine),
    'ceiling-sqlite': () =>
      startProcess('ceiling-sqlite', [join(ROOT, 'bench', 'ceiling-sqlite.mjs')], { SQLITE_PATH: join(tmp, 'ceiling.db') }, readyLine),
    'ceiling-pg': async () => {
      const schema = pgSchema();
      await pgAdmin(`create schema ${schema}`);
      return startProcess('ceiling-pg', [join(ROOT, 'bench', 'ceiling-pg.mjs')], { PG_URL, PG_SCHEMA: schema }, readyLine);
    },
    'yonder-sqlite': () => startYonder('yonder-sqlite', `sqlite:${join(tmp, 'yonder.db')}`),
    'yonder-sqlite-nogc': () =>
      startYonder('yonder-sqlite-nogc', `sqlite:${join(tmp, 'yonder-nogc.db')}`, { YONDER_GROUP_COMMIT: 'off' }),
    'yonder-pg': async () => {
      const schema = pgSchema();
      await pgAdmin(`create schema ${schema}`);
      return startYonder('yonder-pg', pgUrlFor(schema));
    },
    'yonder-pg-nogc': async () => {
      const schema = pgSchema();
      await pgAdmin(`create schema ${schema}`);
      return startYonder('yonder-pg-nogc', pgUrlFor(schema), { YONDER_GROUP_COMMIT: 'off' });
    },
  };
  const isPg = (name) => name.endsWith('-pg') || name.includes('-pg-');

  const rows = [];
  try {
    for (const name of needed) {
      if (isPg(name) && !withPg) continue;
      log(`starting ${name}`);
      servers.set(name, await starters[name]());
    }
    const runnable = wanted.filter((op) => servers.has(op.yonder) && servers.has(op.ceiling));
    const samples = new Map(runnable.map((op) => [op.name, { yonder: [], ceiling: [] }]));

    // Warm each server up once (JIT, caches, pool), unmeasured.
    for (const op of runnable) {
      for (const side of ['ceiling', 'yonder']) {
        const server = servers.get(op[side]);
        const request = op.request(server.ctx ?? servers.get(op.yonder).ctx);
        await runShort(server.url, request, server.ctx?.headers ?? servers.get(op.yonder).ctx.headers);
      }
    }

    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which side goes first, so drift in the machine's load hits both alike.
      const order = round % 2 === 0 ? ['ceiling', 'yonder'] : ['yonder', 'ceiling'];
      for (const op of runnable) {
        for (const side of order) {
          const server = servers.get(op[side]);
          const yctx = servers.get(op.yonder).ctx;
          const result = summarize(await run(server.url, op.request(yctx), yctx.headers));
          samples.get(op.name)[side].push(result);
          log(`round ${round + 1} ${op.name} ${side}: ${result.rps.toFixed(0)} req/s p50 ${result.p50} ms p99 ${result.p99} ms${result.non2xx ? ` non2xx ${result.non2xx}` : ''}`);
        }
      }
    }

    for (const op of OPERATIONS) {
      const s = samples.get(op.name);
      if (!s) {
        const why = op.available === false ? 'not yet available' : ONLY && !ONLY.test(op.name) ? 'not selected' : 'skipped (PostgreSQL unreachable)';
        rows.push({ operation: op.name, status: why });
        continue;
      }
      const yonderRps = mean(s.yonder.map((r) => r.rps));
      const ceilingRps = mean(s.ceiling.map((r) => r.rps));
      rows.push({
        operation: op.name,
        status: 'measured',
        ceiling: op.ceiling,
        yonder_rps: Math.round(yonderRps),
        ceiling_rps: Math.round(ceilingRps),
        ratio: Number((yonderRps / ceilingRps).toFixed(2)),
        p50_ms: Math.max(...s.yonder.map((r) => r.p50)),
        p99_ms: Math.max(...s.yonder.map((r) => r.p99)),
        ceiling_p50_ms: Math.max(...s.ceiling.map((r) => r.p50)),
        ceiling_p99_ms: Math.max(...s.ceiling.map((r) => r.p99)),
        yonder_non2xx: s.yonder.reduce((a, r) => a + r.non2xx + r.errors, 0),
        samples: s,
      });
    }
  } finally {
    for (const server of servers.values()) server.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    for (const server of servers.values()) if (server.child.exitCode === null) server.child.kill('SIGKILL');
    for (const schema of pgSchemas) await pgAdmin(`drop schema if exists ${schema} cascade`).catch(() => {});
    rmSync(tmp, { recursive: true, force: true });
    for (const cleanup of cleanups) await cleanup();
  }

  const table = formatTable(rows);
  process.stdout.write(`${table}\n`);
  const date = new Date().toISOString().slice(0, 10);
  const report = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu_model: cpus()[0]?.model, memory_gib: Math.round(totalmem() / 2 ** 30), node: process.version },
    settings: { duration_s: DURATION, rounds: ROUNDS, connections: CONNECTIONS, postgres: withPg },
    elapsed_s: Math.round((Date.now() - started) / 1000),
    rows,
  };
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  const file = join(ROOT, 'bench', 'results', `${date}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  log(`wrote bench/results/${date}.json in ${report.elapsed_s}s`);
}

function runShort(url, request, headers) {
  return new Promise((resolve, reject) => {
    autocannon(
      { url, connections: CONNECTIONS, duration: 1, headers, requests: [request], idReplacement: Boolean(request.idReplacement) },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

function formatTable(rows) {
  const header = ['operation', 'yonder req/s', 'ceiling req/s', 'ratio', 'p50 ms', 'p99 ms', 'ceiling'];
  const lines = rows.map((r) =>
    r.status === 'measured'
      ? [r.operation, String(r.yonder_rps), String(r.ceiling_rps), `${r.ratio.toFixed(2)}x`, String(r.p50_ms), String(r.p99_ms), r.ceiling]
      : [r.operation, r.status, '', '', '', '', ''],
  );
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [fmt(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(fmt)].join('\n');
}

await main();
