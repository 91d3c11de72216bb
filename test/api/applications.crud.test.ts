import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestYonder, describeApi } from '../support/harness.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describeApi('applications: create, read, update, delete', () => {
  let y: TestYonder;
  let petApi: string;
  beforeAll(async () => {
    y = await TestYonder.start();
    // `allowed_scopes` must be scopes of the application's resource server (issue 4).
    const server = await y.request('POST', y.realmPath('/resource-servers'), {
      body: { resource_server: { display_name: 'Pet API', identifier: 'https://api.mypetapp.com', scopes: ['pets:read', 'pets:write'] } },
    });
    petApi = server.body.id;
  });
  afterAll(async () => y?.close());

  const petApp = {
    display_name: 'Pet Application',
    get resource_server_id() {
      return petApi;
    },
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

  it('POST /applications returns 200 with a UUID id, the protocol configuration, a client id and a secret shown once', async () => {
    const reply = await y.request('POST', y.realmPath('/applications'), {
      body: { application: { ...petApp, protocol_config: { ...petApp.protocol_config, client_secret: 'ignored' } } },
    });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body.id).toMatch(UUID);
    const { client_id, client_secret, ...config } = reply.body.protocol_config;
    expect(client_id).toMatch(/^[\w-]{24}$/);
    expect(client_secret).toMatch(/^[\w-]{43}$/);
    expect(reply.body).toEqual({
      id: reply.body.id,
      realm_id: y.realmId,
      tenant_id: y.tenantId,
      resource_server_id: petApi,
      display_name: 'Pet Application',
      is_managed: false,
      protocol_config: reply.body.protocol_config,
    });
    expect(config).toEqual({ ...petApp.protocol_config, token_endpoint_auth_method: 'client_secret_basic' });
    // Shown once: a later read without applications:read-secrets has no secret (the admin token's has it).
    const got = await y.request('GET', y.realmPath(`/applications/${reply.body.id}`), { token: await y.mintToken(['applications:read']) });
    const { client_secret: _, ...shown } = reply.body.protocol_config;
    expect(got.body).toEqual({ ...reply.body, protocol_config: shown });
    expect((await y.request('GET', y.realmPath(`/applications/${reply.body.id}`))).body).toEqual(reply.body);
  });

  it('POST /applications refuses an unknown protocol type, a missing config and malformed JSON', async () => {
    const unknown = await y.request('POST', y.realmPath('/applications'), {
      body: { application: { display_name: 'x', protocol_config: { type: 'ws_fed' } } },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details[0].field_violations[0].field).toBe('application.protocol_config.type');
    // A SAML service provider needs at least where its assertions go and who it is.
    const saml = await y.request('POST', y.realmPath('/applications'), {
      body: { application: { display_name: 'x', protocol_config: { type: 'saml' } } },
    });
    expect(saml.status).toBe(400);
    expect(saml.body.details[0].field_violations.map((v: { field: string }) => v.field)).toEqual([
      'application.protocol_config.acs_url',
      'application.protocol_config.audience_url',
    ]);
    const missing = await y.request('POST', y.realmPath('/applications'), { body: { application: { display_name: 'x' } } });
    expect(missing.status).toBe(400);
    const malformed = await y.request('POST', y.realmPath('/applications'), { rawBody: '{"application"' });
    expect(malformed.status).toBe(400);
  });

  it('refuses redirect URIs that are not absolute, carry a fragment or use a scheme that runs in the browser, and stores nothing', async () => {
    const count = async () => (await y.request('GET', y.realmPath('/applications'))).body.total_size;
    const before = await count();
    const bad = ['/callback', 'https://app.example/cb#frag', 'javascript:alert(1)', 'data:text/html,hi'];
    const reply = await y.request('POST', y.realmPath('/applications'), {
      body: { application: { ...petApp, protocol_config: { ...petApp.protocol_config, redirect_uris: ['https://app.example/ok', ...bad] } } },
    });
    expect(reply.status, reply.text).toBe(400);
    const fields = reply.body.details[0].field_violations.map((v: { field: string }) => v.field);
    expect(fields).toEqual([1, 2, 3, 4].map((i) => `application.protocol_config.redirect_uris.${i}`));
    expect(await count()).toBe(before);
    // A native app's private-use scheme and a loopback address are redirect URIs RFC 8252 expects.
    const native = await y.request('POST', y.realmPath('/applications'), {
      body: {
        application: {
          ...petApp,
          protocol_config: { ...petApp.protocol_config, redirect_uris: ['com.example.app:/oauth2redirect', 'http://127.0.0.1:8765/cb'] },
        },
      },
    });
    expect(native.status, native.text).toBe(200);
  });

  it('GET /applications pages at most 100 and PATCH changes only what is given', async () => {
    const created = await y.request('POST', y.realmPath('/applications'), { body: { application: { ...petApp, resource_server_id: petApi } } });
    const patched = await y.request('PATCH', y.realmPath(`/applications/${created.body.id}`), {
      body: { application: { display_name: 'Renamed', is_managed: true } },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ display_name: 'Renamed', is_managed: false, protocol_config: petApp.protocol_config });
    expect(patched.body.protocol_config.client_secret).toBeUndefined();
    const list = await y.request('GET', y.realmPath('/applications?page_size=500'));
    expect(list.status).toBe(200);
    expect(list.body.total_size).toBe(list.body.applications.length);
    expect(list.body.applications.some((a: { id: string }) => a.id === created.body.id)).toBe(true);
  });

  it('DELETE /applications/{id} returns 200 with an empty body; then 404 with the contract shape', async () => {
    const created = await y.request('POST', y.realmPath('/applications'), { body: { application: { ...petApp, resource_server_id: petApi } } });
    const reply = await y.request('DELETE', y.realmPath(`/applications/${created.body.id}`));
    expect(reply.status).toBe(200);
    expect(reply.text).toBe('');
    const gone = await y.request('GET', y.realmPath(`/applications/${created.body.id}`));
    expect(gone.status).toBe(404);
    expect(gone.body.details[0]).toMatchObject({ type: 'ResourceInfo', resource_type: 'Application', id: created.body.id });
  });
});
