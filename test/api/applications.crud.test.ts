import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestYonder, describeApi } from '../support/harness.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describeApi('applications: create, read, update, delete', () => {
  let y: TestYonder;
  beforeAll(async () => {
    y = await TestYonder.start();
  });
  afterAll(async () => y?.close());

  const petApp = {
    display_name: 'Pet Application',
    protocol_config: {
      type: 'oidc',
      allowed_scopes: ['pets:read', 'pets:write'],
      confidentiality: 'confidential',
      grant_type: ['authorization_code'],
      redirect_uris: ['https://auth.mypetapp.com/callback'],
      token_configuration: { subject_field: 'id', expires_after: 86400, token_signing_algorithm: 'RS256' },
      pkce: 'disabled',
      token_format: 'self_contained',
    },
  };

  it('POST /applications returns 200 with a UUID id and the protocol configuration as given', async () => {
    const reply = await y.request('POST', y.realmPath('/applications'), {
      body: { application: { ...petApp, protocol_config: { ...petApp.protocol_config, client_secret: 'ignored' } } },
    });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body.id).toMatch(UUID);
    expect(reply.body).toEqual({
      id: reply.body.id,
      realm_id: y.realmId,
      tenant_id: y.tenantId,
      display_name: 'Pet Application',
      is_managed: false,
      protocol_config: petApp.protocol_config,
    });
    const got = await y.request('GET', y.realmPath(`/applications/${reply.body.id}`));
    expect(got.body).toEqual(reply.body);
  });

  it('POST /applications refuses an unknown protocol type, a missing config and malformed JSON', async () => {
    const saml = await y.request('POST', y.realmPath('/applications'), {
      body: { application: { display_name: 'x', protocol_config: { type: 'saml' } } },
    });
    expect(saml.status).toBe(400);
    expect(saml.body.details[0].field_violations[0].field).toBe('application.protocol_config.type');
    const missing = await y.request('POST', y.realmPath('/applications'), { body: { application: { display_name: 'x' } } });
    expect(missing.status).toBe(400);
    const malformed = await y.request('POST', y.realmPath('/applications'), { rawBody: '{"application"' });
    expect(malformed.status).toBe(400);
  });

  it('GET /applications pages at most 100 and PATCH changes only what is given', async () => {
    const created = await y.request('POST', y.realmPath('/applications'), { body: { application: petApp } });
    const patched = await y.request('PATCH', y.realmPath(`/applications/${created.body.id}`), {
      body: { application: { display_name: 'Renamed', is_managed: true } },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ display_name: 'Renamed', is_managed: false, protocol_config: petApp.protocol_config });
    const list = await y.request('GET', y.realmPath('/applications?page_size=500'));
    expect(list.status).toBe(200);
    expect(list.body.total_size).toBe(list.body.applications.length);
    expect(list.body.applications.some((a: { id: string }) => a.id === created.body.id)).toBe(true);
  });

  it('DELETE /applications/{id} returns 200 with an empty body; then 404 with the contract shape', async () => {
    const created = await y.request('POST', y.realmPath('/applications'), { body: { application: petApp } });
    const reply = await y.request('DELETE', y.realmPath(`/applications/${created.body.id}`));
    expect(reply.status).toBe(200);
    expect(reply.text).toBe('');
    const gone = await y.request('GET', y.realmPath(`/applications/${created.body.id}`));
    expect(gone.status).toBe(404);
    expect(gone.body.details[0]).toMatchObject({ type: 'ResourceInfo', resource_type: 'Application', id: created.body.id });
  });
});
