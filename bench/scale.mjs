#!/usr/bin/env node
// `npm run bench:scale -- [--engine sqlite|postgres] [--identities 1000000]`
//
// Seeds a fresh store with `yonder seed` (timed), serves it with the built yonder, and measures
// what a million-identity realm costs: seed time, the server's RSS at rest and after load (VmHWM),
// and the latency of `traits.username eq` lists and gets for random identities (1 connection for
// latency, 10 for throughput). Writes bench/results/<date>-scale-<engine>.json. Not part of CI.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { ROOT, adminContext, arg, log, scratchStore, seed, serve } from './large-realm.mjs';

const engine = arg('engine', 'sqlite');
const count = Number(arg('identities', '1000000'));

function procStatus(pid, key) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${key}:`));
  return line ? Math.round(Number(line.split(/\s+/)[1]) / 1024) : NaN; // MiB
}

const cannon = (opts) => new Promise((resolve, reject) => autocannon(opts, (e, r) => (e ? reject(e) : resolve(r))));

async function main() {
  const store = await scratchStore(engine, 'scale');
  const report = { date: new Date().toISOString(), engine, identities: count };
  try {
    log(`seeding ${count} identities on ${engine}`);
    const seedStarted = Date.now();
    await seed(store.databaseUrl, count, (text) => {
      process.stderr.write(text);
      const cpu = /done in ([\d.]+)s wall, ([\d.]+)s user \+ ([\d.]+)s system CPU/.exec(text);
      if (cpu) report.seed_cpu_seconds = { user: Number(cpu[2]), system: Number(cpu[3]) };
    });
    report.seed_seconds = Math.round((Date.now() - seedStarted) / 100) / 10;
    log(`seeded in ${report.seed_seconds}s`);

    const { tenant, realm, headers } = await adminContext(store.databaseUrl);
    const server = await serve(store.databaseUrl);
    const { url } = server;
    try {
      const base = `/v1/tenants/${tenant.id}/realms/${realm.id}/identities`;
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
      await server.stop();
    }
  } finally {
    await store.drop();
  }
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  const file = `${report.date.slice(0, 10)}-scale-${engine}.json`;
  writeFileSync(join(ROOT, 'bench', 'results', file), `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  log(`wrote bench/results/${file}`);
}

await main();
