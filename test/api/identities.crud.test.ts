import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestYonder, describeApi } from '../support/harness.js';

describeApi('identities: create, read, update, delete', () => {
  let y: TestYonder;
  beforeAll(async () => {
    y = await TestYonder.start();
  });
  afterAll(async () => y?.close());

  it('POST /identities returns 200 with the bare identity in the contract shape', async () => {
    const reply = await y.request('POST', y.realmPath('/identities'), {
      body: {
        identity: {
          display_name: 'Test Identity',
          traits: { type: 'traits_v0', username: 'test', primary_email_address: 'test@example.com' },
        },
      },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      realm_id: y.realmId,
      tenant_id: y.tenantId,
      display_name: 'Test Identity',
      status: 'active',
      enrollment_status: 'UNENROLLED',
      traits: { type: 'traits_v0', username: 'test', primary_email_address: 'test@example.com' },
    });
    expect(reply.body.id).toMatch(/^[0-9a-f]{16}$/);
    expect(reply.body.create_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z$/);
    expect(reply.body.update_time).toBe(reply.body.create_time);
  });

  it('GET /identities/{id} returns what was created', async () => {
    const created = await y.createIdentity('getme', { traits: { type: 'traits_v0', username: 'getme', title: 'Dr' } });
    const reply = await y.request('GET', y.realmPath(`/identities/${created.id}`));
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual(created);
  });

  it('PATCH /identities/{id} merges trait keys, removes a key given null, and keeps the rest', async () => {
    const created = await y.createIdentity('patchme', {
      traits: { type: 'traits_v0', username: 'patchme', given_name: 'Pat', family_name: 'Mee' },
    });
    const reply = await y.request('PATCH', y.realmPath(`/identities/${created.id}`), {
      body: { identity: { status: 'suspended', traits: { type: 'traits_v0', title: 'Chief', family_name: null } } },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe('suspended');
    expect(reply.body.traits).toEqual({ type: 'traits_v0', username: 'patchme', given_name: 'Pat', title: 'Chief' });
    expect(reply.body.update_time >= reply.body.create_time).toBe(true);
    const again = await y.request('GET', y.realmPath(`/identities/${created.id}`));
    expect(again.body).toEqual(reply.body);
  });

  it('PATCH without traits.type is refused and changes nothing', async () => {
    const created = await y.createIdentity('typeless');
    const reply = await y.request('PATCH', y.realmPath(`/identities/${created.id}`), {
      body: { identity: { display_name: 'Changed', traits: { title: 'x' } } },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.details[0].field_violations).toContainEqual({ field: 'identity.traits.type', description: 'missing' });
    expect((await y.request('GET', y.realmPath(`/identities/${created.id}`))).body.display_name).toBe('typeless');
  });

  it('a GET of the identity sent back as a PATCH is accepted (read-only fields are ignored)', async () => {
    const created = await y.createIdentity('roundtrip');
    const reply = await y.request('PATCH', y.realmPath(`/identities/${created.id}`), {
      body: { identity: { ...created, id: 'ffffffffffffffff', display_name: 'Round Trip' } },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.id).toBe(created.id);
    expect(reply.body.display_name).toBe('Round Trip');
  });

  it('DELETE /identities/{id} returns 200 with an empty body and no JSON content type; then 404', async () => {
    const created = await y.createIdentity('deleteme');
    const reply = await y.request('DELETE', y.realmPath(`/identities/${created.id}`), {
      headers: { 'content-type': 'application/json' },
    });
    expect(reply.status).toBe(200);
    expect(reply.text).toBe('');
    expect(String(reply.headers['content-type'] ?? '')).not.toContain('json');
    const gone = await y.request('GET', y.realmPath(`/identities/${created.id}`));
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({
      code: 'not_found',
      message: 'identity not found',
      details: [{ type: 'ResourceInfo', resource_type: 'Identity', id: created.id, description: 'identity not found' }],
    });
  });
});
