#!/usr/bin/env node
// `npm run bench`: yonder against the machine's own ceiling, in one run.
//
// Starts bare node:http ceiling servers (JSON echo, one better-sqlite3 insert, one pg insert, a
// token endpoint that only checks the client secret and signs) and yonder (the built dist/, on a
// temp SQLite file and, when PostgreSQL answers, on a fresh schema), drives each with the same
// autocannon settings, alternating ceiling and yonder runs, and prints operation, yonder req/s,
// ceiling req/s, ratio, p50, p99. Results go to bench/results/<date>.json.
//
// Adding an operation is one entry in OPERATIONS. Nothing here runs under `npm test`.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { newBannerFile, readBanner } from './first-start.mjs';
import { PG_URL, pgAdmin, postgresReachable } from './postgres.mjs';
import { codeExchangeRequest, mintCodes, setupOidc, userinfoRequest } from './setup-oidc.mjs';
import { addMembersRequest, basicAuth, clientFromBanner, evaluateRequest, setupAddMembers, setupPolicyEvaluate, tokenRequest } from './setups.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DURATION = Number(process.env.BENCH_DURATION ?? 6);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY, 'i') : null;
/** Requests prepared for the warm-up of an operation with `prepareEachRun`. */
const WARM_UP_PREPARED = 100;
/** Authorization codes live 60 s: the preparation must be done well within that, with the run after it. */
const PREPARED_WITHIN_SECONDS = 30;

// ---------------------------------------------------------------------------------------------
// The operations. `yonder` names the yonder server to drive, `ceiling` the bare server to compare
// with; `request(ctx, { side, server, state })` gives autocannon's request for it (ctx is the yonder
// server's; side is 'yonder' or 'ceiling'). Optional: `setup(yonderServer)`, run once before the
// warm-up and not measured, whose result is `state`; `note`, printed under the table and kept in
// the results; `latencyTarget: { p99Ms }`, which adds a one-connection latency run of both sides
// with sub-millisecond percentiles; `prepareEachRun(state, count)`, for requests that can be made
// only once each and not long before (authorization codes): before every yonder run it makes
// `count` of them, unmeasured, and that run sends exactly `count` requests (the warm-up's rate times
// BENCH_DURATION) instead of running for BENCH_DURATION; it answers how many it made per second.
// Entries with `available: false` are printed as not yet available.

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
    name: 'create identity (PostgreSQL, 2 yonder processes)',
    yonder: 'yonder-pg-pair',
    ceiling: 'ceiling-pg',
    note:
      'two yonder processes on one PostgreSQL schema, the connections split between them; same box, so the ' +
      'CPU limits it: compare its req/s per yonder core with the one-process row.',
    request: (ctx) => ({ method: 'POST', path: ctx.realmPath('/identities'), body: createBody('p'), idReplacement: true }),
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
  {
    name: 'group addMembers, 1 identity per call (SQLite)',
    yonder: 'yonder-sqlite',
    ceiling: 'ceiling-sqlite',
    note:
      'ceiling: one membership insert per request. yonder: in one transaction, reads the group and the identity, ' +
      'inserts the membership, bumps the group version and writes a group.members_added audit event.',
    // Enough fresh identities for the warm-up and every yonder run at up to ~1,500 req/s; past
    // that, ids are added again (not an error, and counted in the log).
    setup: (server) => setupAddMembers(server, { identities: Math.round(1500 * (ROUNDS * DURATION + 1)) }),
    request: (_ctx, { side, state }) =>
      side === 'yonder' ? addMembersRequest(state) : { method: 'POST', path: state.path, body: JSON.stringify({ identity_ids: ['ceiling'] }) },
  },
  {
    name: 'policy evaluate, 10k groups, 1k rules (SQLite)',
    yonder: 'yonder-sqlite',
    ceiling: 'ceiling-echo',
    note:
      'walks all 1,000 rules (the deciding one is last) for an identity in 20 of 10,000 groups; ' +
      'yonder also writes a policy.evaluated audit event per call, the echo ceiling writes nothing.',
    setup: (server) => setupPolicyEvaluate(server),
    request: (_ctx, { state }) => evaluateRequest(state),
    latencyTarget: { p99Ms: 1 },
  },
  {
    name: 'token endpoint, client credentials (SQLite)',
    yonder: 'yonder-sqlite',
    ceiling: 'ceiling-token',
    note:
      'ceiling: Basic auth, SHA-256 secret check, RS256 (2048-bit) JWT signed off the event loop. yonder adds ' +
      'the rate-limit read, application, resource server and tenant reads, and the token record with its ' +
      'token.issued audit event in one transaction.',
    request: (ctx, { side, server }) => tokenRequest(side === 'ceiling' ? { ...ctx, client: server.client } : ctx),
  },
  {
    name: 'OIDC code exchange (SQLite)',
    yonder: 'yonder-sqlite-oidc',
    ceiling: 'ceiling-oidc',
    note:
      'POST /token with a fresh authorization code (PKCE S256, client_secret_basic), answering a self-contained access ' +
      'token and an ID token. ceiling: Basic auth and SHA-256 secret check, PKCE check, the code consumed in one SQLite ' +
      "write, the person's row read, two RS256 JWTs signed off the event loop. yonder adds the provider's code, grant " +
      'and session reads and writes, the application and policy reads, and the token record with its token.issued event.',
    setup: (server) => oidcSetup(server),
    prepareEachRun: (state, count) => mintCodes(state, count),
    request: (_ctx, { side, server, state }) => (side === 'yonder' ? codeExchangeRequest(state) : ceilingCodeExchange(server)),
  },
  {
    name: 'OIDC userinfo (SQLite)',
    yonder: 'yonder-sqlite-oidc',
    ceiling: 'ceiling-oidc',
    note:
      "GET /userinfo with a self-contained access token. ceiling: the JWT's RS256 signature verified off the event loop, its " +
      "record and the person's row read (SQLite), the claims answered. yonder adds the application, tenant and " +
      'authenticator config reads and the policy decision for the person and the application.',
    setup: (server) => oidcSetup(server),
    request: (_ctx, { side, server, state }) =>
      side === 'yonder' ? userinfoRequest(state) : { method: 'GET', path: '/userinfo', headers: { authorization: `Bearer ${server.accessToken}` } },
  },
];

/** Both OpenID Connect rows sign in once, on the same yonder. */
const oidcSetups = new Map();
function oidcSetup(server) {
  if (!oidcSetups.has(server.name)) oidcSetups.set(server.name, setupOidc(server));
  return oidcSetups.get(server.name);
}

/** The ceiling's code exchange: a fresh code per request, the verifier of its one challenge. */
const CEILING_PKCE = { verifier: randomBytes(32).toString('base64url') };
CEILING_PKCE.challenge = createHash('sha256').update(CEILING_PKCE.verifier).digest('base64url');
const CEILING_REDIRECT_URI = 'https://rp.example/callback';
function ceilingCodeExchange(server) {
  return {
    method: 'POST',
    path: '/token',
    headers: { authorization: basicAuth(server.client.clientId, server.client.clientSecret), 'content-type': 'application/x-www-form-urlencoded' },
    body: `grant_type=authorization_code&code=c-[<id>]&redirect_uri=${encodeURIComponent(CEILING_REDIRECT_URI)}&code_verifier=${CEILING_PKCE.verifier}`,
    idReplacement: true,
  };
}

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
  // Generous: on a machine shared with test suites a first start (migrations, keys) took over 30 s.
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited early:\n${stdout}\n${stderr}`);
    if (await ready(stdout, url)) return { name, child, url, stdout: () => stdout, pid: child.pid };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`${name} did not start:\n${stdout}\n${stderr}`);
}

const readyLine = async (stdout) => stdout.includes('ready\n');
/** Up once its first-start banner is written and /healthz answers. */
const healthy = (bannerFile) => async (_stdout, url) => {
  try {
    return readBanner(bannerFile) !== undefined && (await fetch(`${url}/healthz`)).ok;
  } catch {
    return false;
  }
};

async function startYonder(name, databaseUrl, extraEnv = {}) {
  const bannerFile = newBannerFile();
  const server = await startProcess(
    name,
    [join(ROOT, 'dist', 'cli', 'main.js'), 'serve'],
    { DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', YONDER_FIRST_START_FILE: bannerFile, ...extraEnv },
    healthy(bannerFile),
  );
  const out = readBanner(bannerFile);
  const take = (key) => new RegExp(`export ${key}=(\\S+)`).exec(out)?.[1];
  const ctx = { tenantId: take('TENANT_ID'), realmId: take('REALM_ID'), token: take('YONDER_TOKEN') };
  ctx.realmPath = (rest) => `/v1/tenants/${ctx.tenantId}/realms/${ctx.realmId}${rest}`;
  ctx.client = clientFromBanner(out);
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
  return { ...server, ctx, databaseUrl };
}

function run(url, request, headers, { connections = CONNECTIONS, duration = DURATION, amount, onResponse } = {}) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration,
        ...(amount ? { amount } : {}),
        headers,
        requests: [request],
        idReplacement: Boolean(request.idReplacement),
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    if (onResponse) instance.on('response', onResponse);
  });
}

/**
 * One connection, one request at a time, latencies kept to the microsecond (autocannon's own
 * percentiles are whole milliseconds): for targets like "p99 < 1 ms".
 */
async function latencyRun(url, request, headers) {
  const times = [];
  const result = await run(url, request, headers, {
    connections: 1,
    onResponse: (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) times.push(ms);
    },
  });
  times.sort((a, b) => a - b);
  const at = (p) => Number((times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? NaN).toFixed(3));
  return { requests: times.length, p50_ms: at(0.5), p99_ms: at(0.99), non2xx: result.non2xx };
}

/** A run of a fixed number of requests (`counted`) ends within a second: its rate is the total over the time it took. */
function summarize(result, counted = false) {
  return {
    rps: counted ? result.requests.total / result.duration : result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** CPU milliseconds a process has used (user + system), from /proc; null where there is none. */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
const CLOCK_TICKS = 100;

/**
 * One measured run of a server: autocannon on its url, or on each of its urls at once with the
 * connections split between them (the two-process row), summed. Also what the server's own
 * processes spent: CPU microseconds per request and cores kept busy, which a loaded machine
 * disturbs less than req/s.
 */
async function measure(server, request, headers, amount) {
  const urls = server.urls ?? [server.url];
  const pids = server.pids ?? [server.pid];
  const before = pids.map(cpuMs);
  const started = Date.now();
  // Each autocannon numbers its requests alike: a unique part per url keeps [<id>] usernames apart.
  const requestAt = (i) =>
    i === 0 || typeof request.body !== 'string' ? request : { ...request, body: request.body.replaceAll('[<id>]', `u${i}-[<id>]`) };
  const connections = Math.max(1, Math.round(CONNECTIONS / urls.length));
  const results = await Promise.all(urls.map((url, i) => run(url, requestAt(i), headers, { connections, amount })));
  const seconds = (Date.now() - started) / 1000;
  const used = pids.map((pid, i) => (before[i] === null ? null : cpuMs(pid) - before[i]));
  const parts = results.map((result) => summarize(result, amount !== undefined));
  const total = results.reduce((a, r) => a + r.requests.total, 0);
  const cpu = used.includes(null) ? null : used.reduce((a, b) => a + b, 0);
  return {
    rps: parts.reduce((a, r) => a + r.rps, 0),
    p50: Math.max(...parts.map((r) => r.p50)),
    p99: Math.max(...parts.map((r) => r.p99)),
    non2xx: parts.reduce((a, r) => a + r.non2xx, 0),
    errors: parts.reduce((a, r) => a + r.errors, 0),
    ...(cpu === null || total === 0
      ? {}
      : { cpu_us_per_request: Math.round((cpu * 1000) / total), cores: Number((cpu / 1000 / seconds).toFixed(2)) }),
  };
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

async function main() {
  const started = Date.now();
  const tmp = mkdtempSync(join(tmpdir(), 'yonder-bench-'));
  const servers = new Map();
  const cleanups = [];
  const withPg = process.env.BENCH_NO_POSTGRES ? false : await postgresReachable();
  log(
    `bench: ${DURATION}s per run, ${CONNECTIONS} connections, ${ROUNDS} alternating rounds; PostgreSQL ${withPg ? 'reachable' : 'unreachable: SQLite only'}`,
  );

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
    'ceiling-token': async () => {
      // Credentials of its own, in the shape yonder issues (18 random bytes, 32 random bytes);
      // the claims carry yonder's management scopes, so the token is the same size.
      const { MANAGEMENT_SCOPES } = await import('../dist/domain/access/scopes.js');
      const client = {
        realmId: 'ceiling',
        applicationId: 'ceiling',
        clientId: randomBytes(18).toString('base64url'),
        clientSecret: randomBytes(32).toString('base64url'),
      };
      const server = await startProcess(
        'ceiling-token',
        [join(ROOT, 'bench', 'ceiling-token.mjs')],
        {
          CLIENT_ID: client.clientId,
          CLIENT_SECRET_SHA256: createHash('sha256').update(client.clientSecret).digest('hex'),
          TOKEN_SCOPE: MANAGEMENT_SCOPES.join(' '),
        },
        readyLine,
      );
      return { ...server, client };
    },
    'ceiling-oidc': async () => {
      const client = { clientId: randomBytes(18).toString('base64url'), clientSecret: randomBytes(32).toString('base64url') };
      const server = await startProcess(
        'ceiling-oidc',
        [join(ROOT, 'bench', 'ceiling-oidc.mjs')],
        {
          CLIENT_ID: client.clientId,
          CLIENT_SECRET_SHA256: createHash('sha256').update(client.clientSecret).digest('hex'),
          REDIRECT_URI: CEILING_REDIRECT_URI,
          CODE_CHALLENGE: CEILING_PKCE.challenge,
          SQLITE_PATH: join(tmp, 'ceiling-oidc.db'),
        },
        readyLine,
      );
      return { ...server, client, accessToken: /^token (\S+)$/m.exec(server.stdout())?.[1] };
    },
    'ceiling-pg': async () => {
      const schema = pgSchema();
      await pgAdmin(`create schema ${schema}`);
      return startProcess('ceiling-pg', [join(ROOT, 'bench', 'ceiling-pg.mjs')], { PG_URL, PG_SCHEMA: schema }, readyLine);
    },
    'yonder-sqlite': () => startYonder('yonder-sqlite', `sqlite:${join(tmp, 'yonder.db')}`),
    // The OpenID Connect rows' yonder trusts loopback as its reverse proxy: the codes the bench makes
    // come from many addresses (X-Forwarded-For), as many people's sign-ins would, not one.
    'yonder-sqlite-oidc': () => startYonder('yonder-sqlite-oidc', `sqlite:${join(tmp, 'yonder-oidc.db')}`, { TRUST_PROXY: '127.0.0.1' }),
    'yonder-sqlite-nogc': () => startYonder('yonder-sqlite-nogc', `sqlite:${join(tmp, 'yonder-nogc.db')}`, { YONDER_GROUP_COMMIT: 'off' }),
    'yonder-pg': async () => {
      const schema = pgSchema();
      await pgAdmin(`create schema ${schema}`);
      return startYonder('yonder-pg', pgUrlFor(schema));
    },
    'yonder-pg-pair': async () => {
      const schema = pgSchema();
      await pgAdmin(`create schema ${schema}`);
      // One public URL for both, as behind a load balancer: tokens name it as their issuer.
      const publicUrl = 'http://yonder.bench.invalid';
      const first = await startYonder('yonder-pg-pair', pgUrlFor(schema), { PUBLIC_URL: publicUrl });
      // The second finds the store made and bootstrapped: no banner, only /healthz.
      const second = await startProcess(
        'yonder-pg-pair-2',
        [join(ROOT, 'dist', 'cli', 'main.js'), 'serve'],
        { DATABASE_URL: pgUrlFor(schema), LOG_LEVEL: 'warn', PUBLIC_URL: publicUrl },
        async (_stdout, url) => {
          try {
            return (await fetch(`${url}/healthz`)).ok;
          } catch {
            return false;
          }
        },
      );
      return { ...first, urls: [first.url, second.url], pids: [first.pid, second.pid], others: [second.child] };
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
    const states = new Map();
    for (const op of runnable) {
      if (!op.setup) continue;
      const setupStarted = Date.now();
      states.set(op.name, await op.setup(servers.get(op.yonder)));
      log(`set up ${op.name} in ${((Date.now() - setupStarted) / 1000).toFixed(1)}s`);
    }
    const requestFor = (op, side) => op.request(servers.get(op.yonder).ctx, { side, server: servers.get(op[side]), state: states.get(op.name) });

    // Operations with `prepareEachRun`: how many requests each yonder run sends, from the rate the
    // last run reached, and how many the preparation can make before the first of them expires.
    const counted = new Map();
    const prepareRun = async (op, requests) => {
      const madePerSecond = await op.prepareEachRun(states.get(op.name), requests);
      counted.set(op.name, { ...counted.get(op.name), madePerSecond });
      return requests;
    };
    const nextCount = (op) => {
      const { rps, madePerSecond } = counted.get(op.name);
      return Math.max(CONNECTIONS, Math.round(Math.min(rps * DURATION, madePerSecond * PREPARED_WITHIN_SECONDS)));
    };

    // Warm each server up once (JIT, caches, pool), unmeasured.
    for (const op of runnable) {
      for (const side of ['ceiling', 'yonder']) {
        const server = servers.get(op[side]);
        const amount = side === 'yonder' && op.prepareEachRun ? await prepareRun(op, WARM_UP_PREPARED) : undefined;
        for (const url of server.urls ?? [server.url]) {
          const result = await runShort(url, requestFor(op, side), servers.get(op.yonder).ctx.headers, amount);
          if (amount) counted.set(op.name, { ...counted.get(op.name), rps: summarize(result, true).rps });
        }
      }
    }

    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which side goes first, so drift in the machine's load hits both alike.
      const order = round % 2 === 0 ? ['ceiling', 'yonder'] : ['yonder', 'ceiling'];
      for (const op of runnable) {
        for (const side of order) {
          const server = servers.get(op[side]);
          const amount = side === 'yonder' && op.prepareEachRun ? await prepareRun(op, nextCount(op)) : undefined;
          const result = await measure(server, requestFor(op, side), servers.get(op.yonder).ctx.headers, amount);
          if (amount) counted.get(op.name).rps = result.rps;
          samples.get(op.name)[side].push(result);
          log(
            `round ${round + 1} ${op.name} ${side}: ${result.rps.toFixed(0)} req/s p50 ${result.p50} ms p99 ${result.p99} ms` +
              `${result.cpu_us_per_request ? ` cpu ${result.cpu_us_per_request} us/req on ${result.cores} cores` : ''}${result.non2xx ? ` non2xx ${result.non2xx}` : ''}`,
          );
        }
      }
    }

    const latencies = new Map();
    for (const op of runnable.filter((o) => o.latencyTarget)) {
      const result = {};
      for (const side of ['ceiling', 'yonder']) {
        result[side] = await latencyRun(servers.get(op[side]).url, requestFor(op, side), servers.get(op.yonder).ctx.headers);
        log(`${op.name} ${side}, 1 connection: p50 ${result[side].p50_ms} ms p99 ${result[side].p99_ms} ms (${result[side].requests} requests)`);
      }
      latencies.set(op.name, result);
    }
    for (const [name, state] of states) if (state.wrapped) log(`${name}: ${state.wrapped} of ${state.issued} requests re-added an identity`);

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
        ...(s.yonder.every((r) => r.cpu_us_per_request)
          ? {
              yonder_cpu_us_per_request: Math.round(mean(s.yonder.map((r) => r.cpu_us_per_request))),
              yonder_cores: Number(mean(s.yonder.map((r) => r.cores)).toFixed(2)),
              yonder_rps_per_core: Math.round(mean(s.yonder.map((r) => r.rps / r.cores))),
            }
          : {}),
        yonder_non2xx: s.yonder.reduce((a, r) => a + r.non2xx + r.errors, 0),
        ceiling_non2xx: s.ceiling.reduce((a, r) => a + r.non2xx + r.errors, 0),
        ...(op.note ? { note: op.note } : {}),
        ...(latencies.has(op.name)
          ? {
              latency_1_connection: {
                ...latencies.get(op.name),
                target_p99_ms: op.latencyTarget.p99Ms,
                met: latencies.get(op.name).yonder.p99_ms < op.latencyTarget.p99Ms,
              },
            }
          : {}),
        samples: s,
      });
    }
  } finally {
    const children = [...servers.values()].flatMap((server) => [server.child, ...(server.others ?? [])]);
    for (const child of children) child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    for (const schema of pgSchemas) await pgAdmin(`drop schema if exists ${schema} cascade`).catch(() => {});
    rmSync(tmp, { recursive: true, force: true });
    for (const cleanup of cleanups) await cleanup();
  }

  const table = formatTable(rows);
  process.stdout.write(`${table}\n${formatNotes(rows)}`);
  const date = new Date().toISOString().slice(0, 10);
  const report = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu_model: cpus()[0]?.model, memory_gib: Math.round(totalmem() / 2 ** 30), node: process.version },
    settings: { duration_s: DURATION, rounds: ROUNDS, connections: CONNECTIONS, postgres: withPg },
    elapsed_s: Math.round((Date.now() - started) / 1000),
    rows,
  };
  // BENCH_RESULTS_DIR lets a smoke run (the test that the bench still starts) keep the tree clean.
  const dir = process.env.BENCH_RESULTS_DIR ?? join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${date}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  log(`wrote ${file} in ${report.elapsed_s}s`);
}

function runShort(url, request, headers, amount) {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections: CONNECTIONS,
        duration: 1,
        ...(amount ? { amount } : {}),
        headers,
        requests: [request],
        idReplacement: Boolean(request.idReplacement),
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

/** What the table cannot say: what each ceiling is, latency targets, and any failed request. */
function formatNotes(rows) {
  const lines = [];
  for (const r of rows.filter((row) => row.status === 'measured')) {
    if (r.note) lines.push(`- ${r.operation}: ${r.note}`);
    const l = r.latency_1_connection;
    if (l) {
      lines.push(
        `- ${r.operation}, 1 connection: yonder p50 ${l.yonder.p50_ms} ms, p99 ${l.yonder.p99_ms} ms ` +
          `(target p99 < ${l.target_p99_ms} ms: ${l.met ? 'met' : 'missed'}); ceiling p50 ${l.ceiling.p50_ms} ms, p99 ${l.ceiling.p99_ms} ms`,
      );
    }
    if (r.yonder_non2xx || r.ceiling_non2xx) lines.push(`- ${r.operation}: NOT ALL 2xx: yonder ${r.yonder_non2xx}, ceiling ${r.ceiling_non2xx}`);
  }
  return lines.length ? `\n${lines.join('\n')}\n` : '';
}

function formatTable(rows) {
  const header = ['operation', 'yonder req/s', 'ceiling req/s', 'ratio', 'p50 ms', 'p99 ms', 'ceiling', 'yonder CPU us/req', 'req/s per yonder core'];
  const lines = rows.map((r) =>
    r.status === 'measured'
      ? [
          r.operation,
          String(r.yonder_rps),
          String(r.ceiling_rps),
          `${r.ratio.toFixed(2)}x`,
          String(r.p50_ms),
          String(r.p99_ms),
          r.ceiling,
          String(r.yonder_cpu_us_per_request ?? ''),
          String(r.yonder_rps_per_core ?? ''),
        ]
      : [r.operation, r.status, '', '', '', '', '', '', ''],
  );
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [fmt(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(fmt)].join('\n');
}

await main();
