import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestYonder, describeApi } from '../support/harness.js';

describeApi('tenant and realms', () => {
  let y: TestYonder;
  const realms = () => `/v1/tenants/${y.tenantId}/realms`;
  beforeAll(async () => {
    y = await TestYonder.start();
  });
  afterAll(async () => y?.close());

  it('GET /tenants/{t} returns the tenant; PATCH renames it and ignores read-only fields', async () => {
    const before = await y.request('GET', `/v1/tenants/${y.tenantId}`);
    expect(before.status).toBe(200);
    expect(Object.keys(before.body).sort()).toEqual(['create_time', 'display_name', 'id', 'update_time']);
    const after = await y.request('PATCH', `/v1/tenants/${y.tenantId}`, {
      body: { tenant: { display_name: 'Acme', id: 'ffffffffffffffff' } },
    });
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ id: y.tenantId, display_name: 'Acme', create_time: before.body.create_time });
    expect((await y.request('PATCH', `/v1/tenants/${y.tenantId}`, { body: { tenant: { display_name: '' } } })).status).toBe(400);
  });

  it('a fresh tenant has an admin realm and a realm named "Default"', async () => {
    const list = await y.request('GET', realms());
    expect(list.status).toBe(200);
    const names = list.body.realms.map((r: { display_name: string }) => r.display_name).sort();
    expect(names).toEqual(['Admin', 'Default']);
    expect(list.body.total_size).toBe(2);
    expect(list.body).not.toHaveProperty('next_page_token');
  });

  it('POST /realms creates a realm; GET, PATCH and DELETE work on it', async () => {
    const created = await y.request('POST', realms(), { body: { realm: { display_name: 'Staging', classification: 'SECURE_WORKFORCE' } } });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ tenant_id: y.tenantId, display_name: 'Staging', classification: 'SECURE_WORKFORCE' });
    const id = created.body.id;
    expect((await y.request('GET', `${realms()}/${id}`)).body).toEqual(created.body);
    const patched = await y.request('PATCH', `${realms()}/${id}`, { body: { realm: { display_name: 'Stage' } } });
    expect(patched.body.display_name).toBe('Stage');
    expect(patched.body.classification).toBe('SECURE_WORKFORCE');
    const deleted = await y.request('DELETE', `${realms()}/${id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.text).toBe('');
    expect((await y.request('GET', `${realms()}/${id}`)).status).toBe(404);
  });

  it('DELETE of a realm that holds identities gets 409 realm has children, and works once it is empty', async () => {
    const realm = (await y.request('POST', realms(), { body: { realm: { display_name: 'Busy' } } })).body;
    const identity = await y.createIdentity('resident', {}, realm.id);
    const refused = await y.request('DELETE', `${realms()}/${realm.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({ code: 'conflict', message: 'realm has children' });
    await y.request('DELETE', y.realmPath(`/identities/${identity.id}`, realm.id));
    expect((await y.request('DELETE', `${realms()}/${realm.id}`)).status).toBe(200);
  });

  it('the admin realm cannot be deleted', async () => {
    const reply = await y.request('DELETE', `${realms()}/${y.adminRealmId}`);
    expect(reply.status).toBe(409);
    expect((await y.request('GET', `${realms()}/${y.adminRealmId}`)).status).toBe(200);
  });

  it('bad realm bodies are field violations; unknown realms are 404', async () => {
    const bad = await y.request('POST', realms(), { body: { realm: { display_name: 'x', classification: 'OTHER' } } });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field_violations[0].field).toBe('realm.classification');
    expect((await y.request('POST', realms(), { body: { display_name: 'unwrapped' } })).status).toBe(400);
    expect((await y.request('GET', `${realms()}/0000000000000000`)).status).toBe(404);
    expect((await y.request('PATCH', `${realms()}/0000000000000000`, { body: { realm: { display_name: 'n' } } })).status).toBe(404);
    expect((await y.request('DELETE', `${realms()}/0000000000000000`)).status).toBe(404);
  });

  it('realms page with page_size', async () => {
    for (let i = 0; i < 5; i++) await y.request('POST', realms(), { body: { realm: { display_name: `R${i}` } } });
    const seen: string[] = [];
    let token = '';
    do {
      const page = await y.request('GET', `${realms()}?page_size=2${token ? `&page_token=${token}` : ''}`);
      seen.push(...page.body.realms.map((r: { id: string }) => r.id));
      token = page.body.next_page_token ?? '';
    } while (token);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe((await y.request('GET', realms())).body.total_size);
  });
});

describeApi('identities:batchDelete', () => {
  let y: TestYonder;
  beforeAll(async () => {
    y = await TestYonder.start();
  });
  afterAll(async () => y?.close());
  const batchDelete = (ids: unknown) => y.request('POST', y.realmPath('/identities:batchDelete'), { body: { ids } });

  it('deletes all the given identities and answers 200 with an empty body', async () => {
    const ids = (await Promise.all(['b1', 'b2', 'b3'].map((u) => y.createIdentity(u)))).map((i) => i.id);
    const reply = await batchDelete(ids);
    expect(reply.status).toBe(200);
    expect(reply.text).toBe('');
    for (const id of ids) expect((await y.request('GET', y.realmPath(`/identities/${id}`))).status).toBe(404);
  });

  it("one unknown id (or another realm's) deletes nothing and lists the unknown ids", async () => {
    const keep = (await Promise.all(['k1', 'k2'].map((u) => y.createIdentity(u)))).map((i) => i.id);
    const other = (await y.request('POST', `/v1/tenants/${y.tenantId}/realms`, { body: { realm: { display_name: 'O' } } })).body;
    const foreign = await y.createIdentity('foreign', {}, other.id);
    const reply = await batchDelete([...keep, '0000000000000000', foreign.id]);
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({
      code: 'not_found',
      message: 'identities not found',
      details: [
        {
          type: 'BatchOperationErrors',
          description: 'errors encountered performing batch operation',
          errors: [{ Description: 'identities not found', IDs: ['0000000000000000', foreign.id], ResourceType: 'Identity' }],
        },
      ],
    });
    for (const id of keep) expect((await y.request('GET', y.realmPath(`/identities/${id}`))).status).toBe(200);
    expect((await y.request('GET', y.realmPath(`/identities/${foreign.id}`, other.id))).status).toBe(200);
  });

  it('empty, repeated, too many or mistyped ids get 400', async () => {
    const one = await y.createIdentity('dup');
    expect((await batchDelete([])).status).toBe(400);
    expect((await batchDelete([one.id, one.id])).status).toBe(400);
    expect((await batchDelete(Array.from({ length: 1001 }, (_, i) => i.toString(16).padStart(16, '0')))).status).toBe(400);
    expect((await batchDelete('abc')).status).toBe(400);
    expect((await batchDelete([1, 2])).status).toBe(400);
    expect((await y.request('GET', y.realmPath(`/identities/${one.id}`))).status).toBe(200);
  });

  it('1,000 ids in one call are deleted together', async () => {
    const ids: string[] = [];
    for (let batch = 0; batch < 10; batch++) {
      const made = await Promise.all(Array.from({ length: 100 }, (_, i) => y.createIdentity(`bulk${batch}-${i}`)));
      ids.push(...made.map((m) => m.id));
    }
    expect((await batchDelete(ids)).status).toBe(200);
    const left = await y.request('GET', y.realmPath('/identities?filter=traits.username sw "bulk"'));
    expect(left.body.total_size).toBe(0);
  }, 60_000);
});

describeApi('operational endpoints', () => {
  let y: TestYonder;
  beforeAll(async () => {
    y = await TestYonder.start();
  });
  afterAll(async () => y?.close());

  it('/healthz and /readyz answer without a token', async () => {
    expect((await y.request('GET', '/healthz', { token: null })).body).toEqual({ status: 'ok' });
    expect((await y.request('GET', '/readyz', { token: null })).body).toEqual({ status: 'ok' });
  });

  it("/openapi.json documents every v1 route with its scope, in the contract's path spelling", async () => {
    const doc = (await y.request('GET', '/openapi.json', { token: null })).body;
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.components.securitySchemes.BearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    const batch = doc.paths['/v1/tenants/{tenant_id}/realms/{realm_id}/identities:batchDelete'];
    expect(batch.post.security).toEqual([{ BearerAuth: ['identities:delete'] }]);
    for (const [path, item] of Object.entries<Record<string, { security?: unknown }>>(doc.paths)) {
      if (!path.startsWith('/v1/')) continue;
      for (const operation of Object.values(item)) expect(operation.security, path).toBeDefined();
    }
  });

  it('/docs serves the interactive reference with security headers on its HTML', async () => {
    const reply = await y.request('GET', '/docs/', { token: null });
    expect(reply.status).toBe(200);
    expect(reply.text).toContain('swagger');
    expect(String(reply.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    expect(String(reply.headers['content-security-policy'])).not.toContain('upgrade-insecure-requests');
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect(reply.headers['x-frame-options']).toBe('DENY');
    expect(reply.headers['referrer-policy']).toBe('no-referrer');
  });

  it('every response carries a request id, and a sane incoming one is echoed', async () => {
    const reply = await y.request('GET', '/healthz', { token: null, headers: { 'x-request-id': 'abc-123' } });
    expect(reply.headers['x-request-id']).toBe('abc-123');
    const fresh = await y.request('GET', '/healthz', { token: null, headers: { 'x-request-id': 'bad id\n' } });
    expect(fresh.headers['x-request-id']).not.toBe('bad id\n');
  });
});
