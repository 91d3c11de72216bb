import { afterAll, beforeAll, expect, it } from 'vitest';
import { MANAGEMENT_SCOPES } from '../../src/domain/access/scopes.js';
import { TestYonder, describeApi } from '../support/harness.js';

/**
 * Webhook endpoints (yonder's own API): create shows the secret once and keeps it sealed; URLs
 * inside the network are refused while WEBHOOKS_ALLOW_PRIVATE is off (the default); the routes are
 * tenant-wide, so a realm-restricted token is refused, and each needs its scope.
 */
describeApi('webhooks: endpoints', () => {
  let y: TestYonder;
  let base: string;
  beforeAll(async () => {
    y = await TestYonder.start();
    base = `/v1/tenants/${y.tenantId}/webhooks`;
  });
  afterAll(async () => y?.close());

  it('POST creates an endpoint, shows its secret once, and GET, PATCH, DELETE manage it', async () => {
    const created = await y.request('POST', base, {
      body: { webhook: { url: 'https://203.0.113.10/hooks/yonder', description: 'SIEM', event_types: ['identity.created'] } },
    });
    expect(created.status, created.text).toBe(200);
    expect(created.headers['cache-control']).toBe('no-store');
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(created.body.status).toMatchObject({ cursor_event_id: null, failure_count: 0, next_attempt_time: null });
    const id = created.body.id as string;

    const read = await y.request('GET', `${base}/${id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(Object.fromEntries(Object.entries(created.body).filter(([key]) => key !== 'secret')));
    expect(read.text).not.toContain(created.body.secret);
    const list = await y.request('GET', base);
    expect(list.body.webhooks.map((w: { id: string }) => w.id)).toContain(id);
    expect(list.text).not.toContain(created.body.secret);

    // Sealed at rest: the store holds no copy of the secret in clear.
    const stored = await y.yonder.store.webhooks.getEndpoint(y.tenantId, id);
    expect(stored?.secret_sealed).not.toContain(created.body.secret.slice(6));

    const patched = await y.request('PATCH', `${base}/${id}`, { body: { webhook: { enabled: false, event_types: [] } } });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body).toMatchObject({ enabled: false, event_types: [], description: 'SIEM' });

    const events = await y.request('GET', `/v1/tenants/${y.tenantId}/realms/${y.adminRealmId}/events?resource_id=${id}`);
    expect(events.body.events.map((e: { type: string }) => e.type)).toEqual(['webhook.updated', 'webhook.created']);
    expect(events.text).not.toContain(created.body.secret);

    expect((await y.request('DELETE', `${base}/${id}`)).status).toBe(200);
    expect((await y.request('GET', `${base}/${id}`)).status).toBe(404);
    expect((await y.request('DELETE', `${base}/${id}`)).status).toBe(404);
  });

  it('accepts a secret of the receiver’s choosing and refuses a malformed one', async () => {
    const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
    const given = await y.request('POST', base, { body: { webhook: { url: 'https://203.0.113.11/', secret } } });
    expect(given.status, given.text).toBe(200);
    expect(given.body.secret).toBe(secret);
    for (const bad of ['not-a-secret', 'whsec_c2hvcnQ=']) {
      const refused = await y.request('POST', base, { body: { webhook: { url: 'https://203.0.113.11/', secret: bad } } });
      expect(refused.status, bad).toBe(400);
    }
  });

  it('refuses loopback, private, link-local, CGNAT, ULA and metadata destinations, and other schemes, with 400', async () => {
    const before = (await y.request('GET', base)).body.total_size;
    for (const url of [
      'http://127.0.0.1:8080/',
      'http://localhost/',
      'http://[::1]/',
      'http://10.1.2.3/',
      'http://172.20.0.1/',
      'http://192.168.1.1/',
      'http://169.254.169.254/latest/meta-data/',
      'http://100.64.0.1/',
      'http://[fd12::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://metadata.google.internal/',
      'ftp://203.0.113.10/',
      'https://user:pass@203.0.113.10/',
      'not a url',
    ]) {
      const refused = await y.request('POST', base, { body: { webhook: { url } } });
      expect(refused.status, `${url}: ${refused.text}`).toBe(400);
      expect(refused.body.code).toBe('bad_request');
    }
    const patchTarget = (await y.request('POST', base, { body: { webhook: { url: 'https://203.0.113.12/' } } })).body.id;
    const patched = await y.request('PATCH', `${base}/${patchTarget}`, { body: { webhook: { url: 'http://127.0.0.1/' } } });
    expect(patched.status).toBe(400);
    expect((await y.request('GET', `${base}/${patchTarget}`)).body.url).toBe('https://203.0.113.12/');
    expect((await y.request('GET', base)).body.total_size).toBe(before + 1);
  });

  it('refuses unknown event types and unknown fields', async () => {
    expect((await y.request('POST', base, { body: { webhook: { url: 'https://203.0.113.10/', event_types: ['nope.nope'] } } })).status).toBe(400);
    expect((await y.request('POST', base, { body: { webhook: { url: 'https://203.0.113.10/', extra: 1 } } })).status).toBe(400);
  });

  it('needs its scope, and refuses a token restricted to one realm', async () => {
    const readOnly = await y.mintToken(['webhooks:read']);
    expect((await y.request('GET', base, { token: readOnly })).status).toBe(200);
    expect((await y.request('POST', base, { token: readOnly, body: { webhook: { url: 'https://203.0.113.10/' } } })).status).toBe(403);
    const realmToken = await y.mintToken(MANAGEMENT_SCOPES, { realmId: y.realmId });
    expect((await y.request('GET', base, { token: realmToken })).status).toBe(403);
    const otherTenant = `/v1/tenants/0000000000000000/webhooks`;
    expect((await y.request('GET', otherTenant)).status).toBe(403);
  });
});
