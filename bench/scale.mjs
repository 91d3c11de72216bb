#!/usr/bin/env node
// `npm run bench:scale -- [--engine sqlite|postgres] [--identities 1000000]`
//
// Seeds a fresh store with `yonder seed` (timed), serves it with the built yonder, and measures
// what a million-identity realm costs: seed time, the server's RSS at rest and after load (VmHWM),
// and the latency of `traits.username eq` lists and gets for random identities (1 connection for
// latency, 10 for throughput). Writes bench/results/<date>-scale-<engine>.json. Not part of CI.
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const engine = arg('engine', 'sqlite');
const count = Number(arg('identities', '1000000'));
const PG_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const log = (line) => process.stderr.write(`${line}\n`);

const tmp = mkdtempSync(join(tmpdir(), 'yonder-scale-'));
const schema = `scale_${randomBytes(5).toString('hex')}`;
const databaseUrl =
  engine === 'postgres'
    ? `${PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`
    : `sqlite:${join(tmp, 'yonder.db')}`;

async function pgAdmin(query) {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

function cli(args) {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CLI, ...args], { env: { ...process.env, DATABASE_URL: databaseUrl }, maxBuffer: 1 << 24 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${args.join(' ')}: ${stderr}`)) : resolve(stdout),
    );
  });
}

function procStatus(pid, key) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(`${key}:`));
  return line ? Math.round(Number(line.split(/\s+/)[1]) / 1024) : NaN; // MiB
}

const cannon = (opts) => new Promise((resolve, reject) => autocannon(opts, (e, r) => (e ? reject(e) : resolve(r))));

async function main() {
  if (engine === 'postgres') await pgAdmin(`create schema ${schema}`);
  const report = { date: new Date().toISOString(), engine, identities: count };
  try {
    log(`seeding ${count} identities on ${engine}`);
    const seedStarted = Date.now();
    await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, 'seed', '--identities', String(count)], {
        env: { ...process.env, DATABASE_URL: databaseUrl },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      child.stderr.on('data', (chunk) => {
        const text = String(chunk);
        process.stderr.write(text);
        const cpu = /done in ([\d.]+)s wall, ([\d.]+)s user \+ ([\d.]+)s system CPU/.exec(text);
        if (cpu) report.seed_cpu_seconds = { user: Number(cpu[2]), system: Number(cpu[3]) };
      });
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`seed exited ${code}`))));
    });
    report.seed_seconds = Math.round((Date.now() - seedStarted) / 100) / 10;
    log(`seeded in ${report.seed_seconds}s`);

    const token = (await cli(['token', 'create', '--scopes', 'all', '--ttl', '1h'])).trim();
    const tenant = JSON.parse(await cli(['tenant', 'show']));
    const realm = JSON.parse(await cli(['realm', 'list'])).find((r) => r.display_name === 'Default');
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
    try {
      const base = `/v1/tenants/${tenant.id}/realms/${realm.id}/identities`;
      const headers = { authorization: `Bearer ${token}` };
      const width = Math.max(7, String(count).length);
      const randomUser = () => `seed-${String(1 + Math.floor(Math.random() * count)).padStart(width, '0')}`;
      const listRequest = {
        method: 'GET',
        setupRequest: (req) => ({ ...req, path: `${base}?filter=${encodeURIComponent(`traits.username eq "${randomUser()}"`)}` }),
      };
      const check = await (await fetch(`${url}${base}?filter=${encodeURIComponent(`traits.username eq "${randomUser()}"`)}`, { headers })).json();
      if (check.total_size !== 1) throw new Error(`list found ${check.total_size}`);
      report.rss_at_rest_mib = procStatus(server.pid, 'VmRSS');
      // A walk of the first pages and the total count, as a console would do.
      const firstPage = await fetch(`${url}${base}?page_size=200`, { headers });
      report.first_page_total_size = (await firstPage.json()).total_size;

      await cannon({ url, connections: 1, duration: 2, headers, requests: [listRequest] }); // warm-up
      for (const connections of [1, 10]) {
        const r = await cannon({ url, connections, duration: 6, headers, requests: [listRequest] });
        report[`list_username_eq_c${connections}`] = { rps: r.requests.average, p50_ms: r.latency.p50, p99_ms: r.latency.p99, non2xx: r.non2xx };
        log(`list traits.username eq, ${connections} connection(s): ${r.requests.average} req/s p50 ${r.latency.p50} ms p99 ${r.latency.p99} ms`);
      }
      report.rss_after_load_mib = procStatus(server.pid, 'VmRSS');
      report.rss_peak_mib = procStatus(server.pid, 'VmHWM');
      log(`RSS at rest ${report.rss_at_rest_mib} MiB, after load ${report.rss_after_load_mib} MiB, peak ${report.rss_peak_mib} MiB`);
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.on('exit', r));
    }
  } finally {
    if (engine === 'postgres') await pgAdmin(`drop schema if exists ${schema} cascade`).catch(() => {});
    rmSync(tmp, { recursive: true, force: true });
  }
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  const file = `${report.date.slice(0, 10)}-scale-${engine}.json`;
  writeFileSync(join(ROOT, 'bench', 'results', file), `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  log(`wrote bench/results/${file}`);
}

await main();
