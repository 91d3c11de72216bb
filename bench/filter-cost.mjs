#!/usr/bin/env node
// `npm run bench:filters -- [--engine sqlite|postgres] [--identities 200000]`
//
// What the filter budget (src/domain/directory/filter-cost.ts) lets a SCIM client make yonder do on a large
// realm. Seeds a fresh store with `yonder seed`, serves it with the built yonder, and times, as a
// ratio to a plain `userName eq` lookup in the same run: the most expensive filters the budget
// allows (a scan of the realm with 20 units of work per identity), and the 99-term `emails co`
// filter of the report (refused). While the most expensive allowed filter runs, `/healthz` is asked
// again and again: its latency says whether the event loop was held. Writes
// bench/results/<date>-filters-<engine>.json. Not part of CI.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ROOT, adminContext, arg, log, scratchStore, seed, serve } from './large-realm.mjs';

const engine = arg('engine', 'sqlite');
const count = Number(arg('identities', '200000'));

const ors = (n, term) => Array.from({ length: n }, (_, i) => term.replace('#', String(i))).join(' or ');
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  const store = await scratchStore(engine, 'filters');
  const report = { date: new Date().toISOString(), engine, identities: count };
  try {
    log(`seeding ${count} identities on ${engine}`);
    await seed(store.databaseUrl, count, () => {});
    const { tenant, realm, headers } = await adminContext(store.databaseUrl);
    const server = await serve(store.databaseUrl);
    const url = server.url;
    try {
      const realmPath = `/v1/tenants/${tenant.id}/realms/${realm.id}`;
      const width = Math.max(7, String(count).length);
      const someone = `seed-${String(Math.ceil(count / 2)).padStart(width, '0')}`;
      const scim = (filter) => `${realmPath}/scim/v2/Users?count=100&filter=${encodeURIComponent(filter)}`;
      const v1 = (filter) => `${realmPath}/identities?filter=${encodeURIComponent(filter)}`;
      const once = async (path) => {
        const started = performance.now();
        const reply = await fetch(`${url}${path}`, { headers });
        const body = await reply.json();
        return { ms: performance.now() - started, status: reply.status, body };
      };
      const time = async (path, runs = 3) => {
        const results = [];
        for (let i = 0; i < runs; i++) results.push(await once(path));
        return { ms: median(results.map((r) => r.ms)), status: results[0].status, body: results[0].body };
      };

      const baseline = await time(scim(`userName eq "${someone}"`), 7);
      if (baseline.body.totalResults !== 1) throw new Error(`userName eq found ${baseline.body.totalResults}`);
      report.baseline_username_eq_ms = Math.round(baseline.ms * 10) / 10;
      log(`baseline userName eq: ${report.baseline_username_eq_ms} ms`);

      // Reads answered without a scanning filter, for scale: Okta's import pages through every user.
      report.unfiltered = {};
      for (const [name, path] of Object.entries({
        scim_users_page_1: `${realmPath}/scim/v2/Users?startIndex=1&count=100`,
        scim_users_username_sw: scim('userName sw "seed-00001"'),
        v1_identities_page_1: `${realmPath}/identities?page_size=100`,
      })) {
        const r = await time(path);
        report.unfiltered[name] = { ms: Math.round(r.ms), ratio_to_baseline: Math.round(r.ms / baseline.ms) };
        log(`${name}: ${Math.round(r.ms)} ms (${report.unfiltered[name].ratio_to_baseline}x userName eq)`);
      }

      // Each at the edge of the budget: 20 units of work per identity in one scan.
      const cases = {
        scim_title_co_x10: scim(ors(10, 'title co "zq#"')),
        scim_emails_co_x3_title_co: scim(`${ors(3, 'emails co "zq#"')} or title co "zq"`),
        scim_name_and_title_co_mix: scim(`${ors(5, 'name.givenName co "zq#"')} or ${ors(5, 'nickName ew "zq#"')}`),
        v1_username_co_x10: v1(ors(10, 'traits.username co "zq#"')),
      };
      report.allowed = {};
      let worst = null;
      for (const [name, path] of Object.entries(cases)) {
        const r = await time(path);
        // Within the budget, but running past FILTER_TIMEOUT_MS is refused too (400 tooMany).
        if (r.status !== 200 && r.body.scimType !== 'tooMany' && r.status !== 400) throw new Error(`${name}: ${r.status} ${JSON.stringify(r.body)}`);
        report.allowed[name] = { ms: Math.round(r.ms), ratio_to_baseline: Math.round(r.ms / baseline.ms), status: r.status };
        log(`${name}: ${r.status} in ${Math.round(r.ms)} ms (${report.allowed[name].ratio_to_baseline}x userName eq)`);
        if (!worst || r.ms > worst.ms) worst = { name, path, ms: r.ms };
      }

      const refused = await time(scim(ors(99, 'emails co "zq#"')));
      report.refused_99_term_emails_co = { status: refused.status, scimType: refused.body.scimType, ms: Math.round(refused.ms * 10) / 10 };
      log(`99-term emails co: ${refused.status} ${refused.body.scimType} in ${report.refused_99_term_emails_co.ms} ms`);

      // /healthz, one after another: for two seconds with nothing else running (what the machine
      // itself adds), then for as long as the worst allowed filter runs.
      const idle = [];
      for (const until = performance.now() + 2000; performance.now() < until; ) {
        const started = performance.now();
        await fetch(`${url}/healthz`);
        idle.push(performance.now() - started);
      }
      report.healthz_idle = { samples: idle.length, p50_ms: Math.round(median(idle) * 10) / 10, max_ms: Math.round(Math.max(...idle) * 10) / 10 };
      log(`/healthz idle: ${idle.length} answers, p50 ${report.healthz_idle.p50_ms} ms, max ${report.healthz_idle.max_ms} ms`);
      const samples = [];
      let done = false;
      const filter = once(worst.path).then((r) => {
        done = true;
        return r;
      });
      while (!done) {
        const started = performance.now();
        await fetch(`${url}/healthz`);
        samples.push(performance.now() - started);
      }
      const during = await filter;
      report.healthz_during_worst = {
        filter: worst.name,
        filter_ms: Math.round(during.ms),
        samples: samples.length,
        p50_ms: Math.round(median(samples) * 10) / 10,
        max_ms: Math.round(Math.max(...samples) * 10) / 10,
      };
      log(
        `/healthz during ${worst.name} (${Math.round(during.ms)} ms): ${samples.length} answers, p50 ${report.healthz_during_worst.p50_ms} ms, max ${report.healthz_during_worst.max_ms} ms`,
      );
    } finally {
      await server.stop();
    }
  } finally {
    await store.drop();
  }
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  const file = `${report.date.slice(0, 10)}-filters-${engine}.json`;
  writeFileSync(join(ROOT, 'bench', 'results', file), `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  log(`wrote bench/results/${file}`);
}

await main();
