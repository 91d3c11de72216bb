#!/usr/bin/env node
// Profiles yonder under one operation:
// `node bench/profile.mjs get|create|list|scim-filter|addMembers|evaluate|token|code-exchange|userinfo [sqlite|postgres]`.
// Starts the built server with --cpu-prof on a temp store, drives it for 5 s with autocannon, and
// prints the top frames by self time (and by file) from the profile it wrote.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { newBannerFile, readBanner } from './first-start.mjs';
import { codeExchangeRequest, mintCodes, setupOidc, userinfoRequest } from './setup-oidc.mjs';
import { addMembersRequest, clientFromBanner, evaluateRequest, setupAddMembers, setupPolicyEvaluate, tokenRequest } from './setups.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const op = process.argv[2] ?? 'get';
const engine = process.argv[3] ?? 'sqlite';
const dir = mkdtempSync(join(tmpdir(), 'yonder-prof-'));
const port = 20000 + Math.floor(Math.random() * 20000);
const databaseUrl =
  engine === 'postgres'
    ? `${process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test'}?options=${encodeURIComponent(`-c search_path=${process.env.PROFILE_SCHEMA ?? 'public'}`)}`
    : `sqlite:${join(dir, 'y.db')}`;
const bannerFile = newBannerFile();
const child = spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, join(ROOT, 'dist/cli/main.js'), 'serve'], {
  env: {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    YONDER_FIRST_START_FILE: bannerFile,
    // The OpenID Connect modes' codes come from many addresses (X-Forwarded-For), as in bench/run.mjs.
    ...(op === 'code-exchange' || op === 'userinfo' ? { TRUST_PROXY: '127.0.0.1' } : {}),
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
while (readBanner(bannerFile) === undefined) await new Promise((r) => setTimeout(r, 100));
const out = readBanner(bannerFile);
await new Promise((r) => setTimeout(r, 300));
const take = (k) => new RegExp(`export ${k}=(\\S+)`).exec(out)[1];
const base = `/v1/tenants/${take('TENANT_ID')}/realms/${take('REALM_ID')}`;
const headers = { authorization: `Bearer ${take('YONDER_TOKEN')}`, 'content-type': 'application/json' };
const url = `http://127.0.0.1:${port}`;
const probe = await fetch(`${url}${base}/identities`, {
  method: 'POST',
  headers,
  body: JSON.stringify({ identity: { display_name: 'p', traits: { type: 'traits_v0', username: 'probe' } } }),
});
const id = (await probe.json()).id;
// The set-up (seeding, a 10k-group policy) runs before the load window the profile is read over.
const target = { url, databaseUrl, ctx: { tenantId: take('TENANT_ID'), headers, client: clientFromBanner(out) } };
const oidc = op === 'code-exchange' || op === 'userinfo' ? await setupOidc(target) : undefined;
// A code is single-use: as many are made before the load as it sends (the last 5 s are profiled).
const CODES = 2000;
if (op === 'code-exchange') await mintCodes(oidc, CODES);
const requests = {
  'code-exchange': op === 'code-exchange' ? codeExchangeRequest(oidc) : undefined,
  userinfo: op === 'userinfo' ? userinfoRequest(oidc) : undefined,
  addMembers: op === 'addMembers' ? addMembersRequest(await setupAddMembers(target, { identities: 20_000 })) : undefined,
  evaluate: op === 'evaluate' ? evaluateRequest(await setupPolicyEvaluate(target)) : undefined,
  token: tokenRequest(target.ctx),
  get: { method: 'GET', path: `${base}/identities/${id}` },
  list: { method: 'GET', path: `${base}/identities?filter=${encodeURIComponent('traits.username eq "probe"')}` },
  'scim-filter': { method: 'GET', path: `${base}/scim/v2/Users?filter=${encodeURIComponent('userName eq "probe"')}` },
  create: {
    method: 'POST',
    path: `${base}/identities`,
    body: JSON.stringify({ identity: { display_name: 'B', traits: { type: 'traits_v0', username: 'u-[<id>]' } } }),
  },
};
const result = await autocannon({
  url,
  connections: 10,
  duration: 5,
  headers,
  requests: [requests[op]],
  idReplacement: true,
  ...(op === 'code-exchange' ? { amount: CODES } : {}),
});
process.stdout.write(`${op} on ${engine}: ${result.requests.average} req/s, p99 ${result.latency.p99} ms, non2xx ${result.non2xx}\n`);
child.kill('SIGINT');
await new Promise((r) => child.on('exit', r));

const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
const profile = JSON.parse(readFileSync(join(dir, file), 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = profile.timeDeltas;
// Only the load window: the last 5 s before the profile ended (start-up compiles schemas, which
// would otherwise dominate).
const from = profile.endTime - 5_000_000;
let t = profile.startTime;
for (let i = 0; i < profile.samples.length; i++) {
  t += dt[i] ?? 0;
  if (t < from) continue;
  self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (dt[i] ?? 0));
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
const byFrame = new Map();
const byFile = new Map();
for (const [nodeId, us] of self) {
  const { callFrame: f } = byId.get(nodeId);
  const short = f.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/dist\//, 'dist/');
  const key = `${f.functionName || '(anonymous)'} ${short}:${f.lineNumber + 1}`;
  byFrame.set(key, (byFrame.get(key) ?? 0) + us);
  const pkg = short.startsWith('dist/')
    ? short
    : short
        .split('/')
        .slice(0, short.startsWith('@') ? 2 : 1)
        .join('/') || f.functionName;
  byFile.set(pkg, (byFile.get(pkg) ?? 0) + us);
}
const top = (m, n) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, us]) => `  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`)
    .join('\n');
process.stdout.write(`top frames by self time:\n${top(byFrame, 25)}\nby package/file:\n${top(byFile, 15)}\n`);
if (process.env.KEEP_PROFILE) {
  const { copyFileSync } = await import('node:fs');
  copyFileSync(join(dir, file), process.env.KEEP_PROFILE);
}
rmSync(dir, { recursive: true, force: true });
