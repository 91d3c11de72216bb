import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { RATE_LIMITS } from '../../src/domain/access/rate-limit.js';
import { MANAGEMENT_SCOPES } from '../../src/domain/access/scopes.js';
import { TestYonder, describeApi, engine } from '../support/harness.js';
import { type Families, PROMETHEUS_TEXT, family, parseScrape, sampleValue } from '../support/metrics.js';
import { basicAuth, createClientApplication, postForm } from '../support/oauth-client.js';
import { enrollThrough, mintConsoleToken, signInWith } from '../support/console.js';
import * as oidc from '../support/oidc.js';

const METRICS_TOKEN = 'scraper-secret-0123456789abcdef0123456789abcdef';
const IDENTITY_ROUTE = '/v1/tenants/:tenant_id/realms/:realm_id/identities/:identity_id';

async function scrape(y: TestYonder, token: string | null = null): Promise<Families> {
  const reply = await y.request('GET', '/metrics', { token });
  expect(reply.status, reply.text).toBe(200);
  expect(String(reply.headers['content-type'])).toMatch(PROMETHEUS_TEXT);
  return parseScrape(reply.text);
}

describeApi('GET /metrics with METRICS=on', () => {
  let y: TestYonder;
  beforeAll(async () => {
    y = await TestYonder.start(undefined, { config: { metrics: 'on' } });
  });
  afterAll(async () => y?.close());

  it('counts requests by route template and status, never by the URL with its ids', async () => {
    const created = await y.request('POST', y.realmPath('/identities'), {
      body: { identity: { display_name: 'Counted', traits: { type: 'traits_v0', username: 'counted' } } },
    });
    expect(created.status, created.text).toBe(200);
    const labels = { method: 'GET', route: IDENTITY_ROUTE, status: '200' };
    const before = sampleValue(await scrape(y), 'yonder_http_requests_total', labels);
    for (let i = 0; i < 3; i++) expect((await y.request('GET', y.realmPath(`/identities/${created.body.id}`))).status).toBe(200);
    const after = await scrape(y);

    expect(sampleValue(after, 'yonder_http_requests_total', labels)).toBe(before + 3);
    expect(family(after, 'yonder_http_request_duration_seconds').type).toBe('HISTOGRAM');
    expect(sampleValue(after, 'yonder_http_request_duration_seconds_count', labels)).toBe(before + 3);
    expect(sampleValue(after, 'yonder_http_request_duration_seconds_bucket', { ...labels, le: '+Inf' })).toBe(before + 3);
    const routes = family(after, 'yonder_http_requests_total').metrics.map((m) => m.labels?.route ?? '');
    expect(routes.filter((route) => route.includes(created.body.id) || route.includes(y.tenantId))).toEqual([]);
  });

  it('counts SCIM operations, tokens issued and group-commit batches', async () => {
    const before = await scrape(y);
    expect((await y.request('GET', y.realmPath('/scim/v2/Users'))).status).toBe(200);
    await y.mintToken(MANAGEMENT_SCOPES);
    const creates = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        y.request('POST', y.realmPath('/identities'), {
          body: { identity: { display_name: `batched ${i}`, traits: { type: 'traits_v0', username: `batched-${i}` } } },
        }),
      ),
    );
    for (const reply of creates) expect(reply.status, reply.text).toBe(200);
    const after = await scrape(y);

    const scim = { resource: 'Users', method: 'GET', status: '200' };
    expect(sampleValue(after, 'yonder_scim_operations_total', scim)).toBe(sampleValue(before, 'yonder_scim_operations_total', scim) + 1);
    expect(sampleValue(after, 'yonder_tokens_issued_total', { kind: 'api' })).toBe(
      sampleValue(before, 'yonder_tokens_issued_total', { kind: 'api' }) + 1,
    );
    // However the creates were batched, every one of them was in a batch.
    const rows = (families: Families) => sampleValue(families, 'yonder_group_commit_batch_size_sum', { table: 'identities' });
    expect(rows(after) - rows(before)).toBe(8);
  });

  it('counts hosted sign-ins by outcome and reason, and console tokens', async () => {
    const verify = `/hosted/tenants/${y.tenantId}/realms/${y.realmId}/sign-in/verify`;
    const failed = await y.request('POST', verify, { token: null, body: { challenge_id: 'no-such-challenge', response: {} } });
    expect(failed.status).toBeGreaterThanOrEqual(400);
    const config = await y.request('GET', '/console/api/config', { token: null });
    const { passkey } = await enrollThrough(y, y.bootstrap.consoleLink ?? '');
    const cookie = await signInWith(y, passkey, y.adminRealmId, config.body.console_application_id);
    expect((await mintConsoleToken(y, cookie)).status).toBe(200);

    const families = await scrape(y);
    expect(sampleValue(families, 'yonder_sign_ins_total', { outcome: 'failed', reason: failed.body.reason })).toBe(1);
    expect(sampleValue(families, 'yonder_sign_ins_total', { outcome: 'succeeded' })).toBe(1);
    expect(sampleValue(families, 'yonder_tokens_issued_total', { kind: 'console' })).toBe(1);
  });

  it("counts the sign-in steps of OpenID Connect's interaction like the hosted page's", async () => {
    const app = await oidc.createOidcApplication(y);
    const pending = oidc.locationOf(
      await new oidc.Browser(y).request('GET', oidc.authorizeUrl(app, { clientId: app.clientId, challenge: oidc.pkcePair().challenge })),
    );
    expect(pending).toContain('/interaction/');
    const before = await scrape(y);
    const failed = await y.request('POST', `${new URL(pending, 'http://localhost').pathname}/verify`, {
      token: null,
      body: { challenge_id: 'no-such-challenge', response: {} },
    });
    expect(failed.status, failed.text).toBeGreaterThanOrEqual(400);
    const labels = { outcome: 'failed', reason: failed.body.reason };
    expect(sampleValue(await scrape(y), 'yonder_sign_ins_total', labels)).toBe(sampleValue(before, 'yonder_sign_ins_total', labels) + 1);
  });

  it('counts requests a rate limit refused, by route template', async () => {
    const { limit } = RATE_LIMITS.clientFailuresPerAddress;
    const client = await createClientApplication(y);
    const statuses: number[] = [];
    for (let i = 0; i < limit + 2; i++) {
      const reply = await postForm(
        y,
        `${client.path}/token`,
        { grant_type: 'client_credentials' },
        basicAuth(client.clientId, 'wrong'),
        '203.0.113.90',
      );
      statuses.push(reply.status);
    }
    expect(statuses.filter((status) => status === 429)).toHaveLength(2);
    const refusals = family(await scrape(y), 'yonder_rate_limit_refusals_total').metrics;
    expect(refusals).toEqual([
      { labels: { route: expect.stringMatching(/^\/v1\/tenants\/:tenant_id\/realms\/:realm_id\/applications\/:application_id/) }, value: '2' },
    ]);
  });

  it('carries the process metrics, event-loop lag among them, and on PostgreSQL the pool', async () => {
    const families = await scrape(y);
    const names = families.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['process_cpu_user_seconds_total', 'nodejs_eventloop_lag_seconds', 'nodejs_heap_size_used_bytes']));
    if (engine === 'postgres') expect(sampleValue(families, 'yonder_store_pool_connections', { state: 'total' })).toBeGreaterThan(0);
    else expect(names).not.toContain('yonder_store_pool_connections');
  });
});

describeApi('GET /metrics with METRICS=off and METRICS=token', () => {
  let off: TestYonder;
  let guarded: TestYonder;
  beforeAll(async () => {
    off = await TestYonder.start();
    guarded = await TestYonder.start(undefined, { config: { metrics: 'token', metricsToken: METRICS_TOKEN } });
  });
  afterAll(async () => {
    await off?.close();
    await guarded?.close();
  });

  it('is not there when metrics are off (the default)', async () => {
    expect(off.yonder.config.metrics).toBe('off');
    expect((await off.request('GET', '/metrics', { token: null })).status).toBe(404);
  });

  it('refuses a scrape without METRICS_TOKEN, or with a management token, and answers one with it', async () => {
    expect((await guarded.request('GET', '/metrics', { token: null })).status).toBe(401);
    expect((await guarded.request('GET', '/metrics', { token: `${METRICS_TOKEN}x` })).status).toBe(401);
    expect((await guarded.request('GET', '/metrics')).status).toBe(401);
    const families = await scrape(guarded, METRICS_TOKEN);
    expect(sampleValue(families, 'yonder_http_requests_total', { route: '/metrics', status: '401' })).toBe(3);
  });

  it('METRICS=token will not start without a long enough METRICS_TOKEN', () => {
    expect(() => loadConfig({ METRICS: 'token' })).toThrow(/METRICS_TOKEN/);
    expect(() => loadConfig({ METRICS: 'token', METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
    expect(() => loadConfig({ METRICS: 'sometimes' })).toThrow(/METRICS must be/);
    expect(loadConfig({ METRICS: 'token', METRICS_TOKEN }).metricsToken).toBe(METRICS_TOKEN);
  });
});
