import { afterAll, beforeAll, expect, it } from 'vitest';
import { MANAGEMENT_SCOPES } from '../../src/domain/access/scopes.js';
import { TestYonder, describeApi } from '../support/harness.js';
import { basicAuth, postForm } from '../support/oauth-client.js';

/**
 * SSO configs: each type is validated, stored and answered as the contract says; the type is
 * fixed; `generic_oidc` and `scim` make real applications (and take them away again); lists filter
 * by type and `is_migrated`, order by name, and page.
 */
describeApi('SSO configs: create, read, list, update, delete', () => {
  let y: TestYonder;
  beforeAll(async () => {
    y = await TestYonder.start();
  });
  afterAll(async () => y?.close());

  const create = (display_name: string, payload: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    y.request('POST', y.realmPath('/sso-configs'), { body: { sso_config: { display_name, payload, ...extra } } });

  it('a bookmark is stored and echoed; a payload missing a field of its type is a 400 naming it', async () => {
    const created = await create('Wiki', { type: 'bookmark', login_link: 'https://wiki.example/', is_tile_visible: true });
    expect(created.status, created.text).toBe(200);
    expect(created.body).toEqual({
      id: expect.any(String),
      display_name: 'Wiki',
      payload: { type: 'bookmark', login_link: 'https://wiki.example/', is_tile_visible: true },
    });
    const read = await y.request('GET', y.realmPath(`/sso-configs/${created.body.id}`));
    expect(read.body).toEqual(created.body);

    const missing = await create('Bad', { type: 'bookmark' });
    expect(missing.status).toBe(400);
    expect(missing.body.details[0].field_violations).toEqual([{ field: 'sso_config.payload.login_link', description: 'missing' }]);
    const unknownType = await create('Bad', { type: 'carrier_pigeon' });
    expect(unknownType.status).toBe(400);
    expect(unknownType.body.details[0].field_violations[0].field).toBe('sso_config.payload.type');
  });

  it('the type is fixed: a PATCH naming another type is refused; fields not sent stay', async () => {
    const created = await create('Docs', { type: 'bookmark', login_link: 'https://docs.example/' });
    const path = y.realmPath(`/sso-configs/${created.body.id}`);
    const other = await y.request('PATCH', path, { body: { sso_config: { payload: { type: 'scim' } } } });
    expect(other.status).toBe(400);
    const patched = await y.request('PATCH', path, {
      body: { sso_config: { display_name: 'Docs 2', payload: { type: 'bookmark', icon: 'https://docs.example/i.png' } } },
    });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body.payload).toEqual({ type: 'bookmark', login_link: 'https://docs.example/', icon: 'https://docs.example/i.png' });
    expect(patched.body.display_name).toBe('Docs 2');
  });

  it('generic_oidc makes an OpenID Connect application: its discovery is served, its secret shown once, and delete takes it away', async () => {
    const created = await create('Portal', {
      type: 'generic_oidc',
      redirect_uris: ['https://portal.example/cb'],
      scopes: ['openid', 'email'],
      confidentiality: 'confidential',
      pkce: 's256',
      trusted_origins: ['https://portal.example'],
    });
    expect(created.status, created.text).toBe(200);
    const payload = created.body.payload;
    expect(payload.client_secret).toEqual(expect.any(String));
    expect(payload.oidc_configuration.issuer).toBe(`http://localhost:8080${y.realmPath(`/applications/${payload.application_id}`)}`);
    const app = await y.request('GET', y.realmPath(`/applications/${payload.application_id}`));
    expect(app.body.protocol_config).toMatchObject({
      type: 'oidc',
      redirect_uris: ['https://portal.example/cb'],
      pkce: 's256',
      client_id: payload.client_id,
    });
    expect(app.body.authenticator_config_id).toBe(payload.authenticator_config_id);
    const discovery = await y.request('GET', `${y.realmPath(`/applications/${payload.application_id}`)}/.well-known/openid-configuration`, {
      token: null,
    });
    expect(discovery.status).toBe(200);
    expect(discovery.body.issuer).toBe(payload.oidc_configuration.issuer);

    const read = await y.request('GET', y.realmPath(`/sso-configs/${created.body.id}`));
    expect(read.body.payload.client_secret).toBeUndefined();
    expect((await y.request('GET', y.realmPath(`/applications/${payload.application_id}/sso-configs-id`))).body).toEqual({
      sso_config_id: created.body.id,
    });

    // Editing the config edits the application.
    const patched = await y.request('PATCH', y.realmPath(`/sso-configs/${created.body.id}`), {
      body: { sso_config: { payload: { type: 'generic_oidc', redirect_uris: ['https://portal.example/cb2'] } } },
    });
    expect(patched.status, patched.text).toBe(200);
    const app2 = await y.request('GET', y.realmPath(`/applications/${payload.application_id}`));
    expect(app2.body.protocol_config.redirect_uris).toEqual(['https://portal.example/cb2']);
    // The application is the config's: it is deleted with it, not on its own.
    expect((await y.request('DELETE', y.realmPath(`/applications/${payload.application_id}`))).status).toBe(409);
    expect((await y.request('DELETE', y.realmPath(`/sso-configs/${created.body.id}`))).status).toBe(200);
    expect((await y.request('GET', y.realmPath(`/applications/${payload.application_id}`))).status).toBe(404);
    expect((await y.request('GET', y.realmPath(`/authenticator-configs/${payload.authenticator_config_id}`))).status).toBe(404);
    expect((await y.request('GET', y.realmPath(`/sso-configs/${created.body.id}`))).status).toBe(404);
  });

  it('generic_saml makes a SAML application: its metadata is served, an edit reaches it, delete takes it away', async () => {
    const saml = {
      type: 'generic_saml',
      acs_url: 'https://sp.example/acs',
      override_recipient_and_destination: false,
      audience_url: 'https://sp.example/metadata',
      default_relay_state: '',
      name_format: 'email_address',
      authentication_context: 'x509',
      subject_user_name_attribute: 'email',
      sign_envelope: true,
      sign_assertions: true,
      signature_algorithm: 'rsa_sha256',
      digest_algorithm: 'sha256',
      encrypt_assertions: false,
      assertion_validity_duration_seconds: 300,
      sp_signature_certificates: [],
      enable_single_log_out: false,
      validate_signed_requests: false,
      additional_user_attributes: [],
      single_logout_sign_request_and_response: false,
      is_tile_visible: true,
    };
    const created = await create('Wiki SAML', saml);
    expect(created.status, created.text).toBe(200);
    const { application_id, idp_initiated_url } = created.body.payload;
    expect(idp_initiated_url).toBe(`http://localhost:8080${y.realmPath(`/applications/${application_id}/saml/start`)}`);
    const app = await y.request('GET', y.realmPath(`/applications/${application_id}`));
    expect(app.body.protocol_config).toMatchObject({ type: 'saml', acs_url: 'https://sp.example/acs' });
    expect(app.body.protocol_config.is_tile_visible).toBeUndefined();
    expect((await y.request('GET', y.realmPath(`/applications/${application_id}/saml/metadata`), { token: null })).status).toBe(200);
    const patched = await y.request('PATCH', y.realmPath(`/sso-configs/${created.body.id}`), {
      body: { sso_config: { payload: { type: 'generic_saml', acs_url: 'https://sp.example/acs2' } } },
    });
    expect(patched.status, patched.text).toBe(200);
    expect((await y.request('GET', y.realmPath(`/applications/${application_id}`))).body.protocol_config.acs_url).toBe('https://sp.example/acs2');
    // What the SAML application refuses, the config refuses, and nothing is left behind.
    const encrypted = await create('Encrypted', { ...saml, encrypt_assertions: true });
    expect(encrypted.status).toBe(400);
    expect((await y.request('DELETE', y.realmPath(`/sso-configs/${created.body.id}`))).status).toBe(200);
    expect((await y.request('GET', y.realmPath(`/applications/${application_id}`))).status).toBe(404);
  });

  it('a bad redirect URI of generic_oidc is a 400 and leaves nothing behind', async () => {
    const before = (await y.request('GET', y.realmPath('/applications'))).body.total_size;
    const refused = await create('Bad', {
      type: 'generic_oidc',
      redirect_uris: ['javascript:alert(1)'],
      scopes: [],
      confidentiality: 'public',
      pkce: 's256',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.details[0].field_violations[0].field).toBe('sso_config.payload.redirect_uris.0');
    expect((await y.request('GET', y.realmPath('/applications'))).body.total_size).toBe(before);
  });

  it("scim answers credentials that get a token for yonder's SCIM server in this realm, and no more than the caller holds", async () => {
    const created = await create('Okta provisioning', { type: 'scim' });
    expect(created.status, created.text).toBe(200);
    const { client_id, client_secret, scim_url, token_endpoint } = created.body.payload;
    expect(scim_url).toBe(`http://localhost:8080${y.realmPath('/scim/v2')}`);
    const tokenPath = new URL(token_endpoint).pathname;
    const token = await postForm(y, tokenPath, { grant_type: 'client_credentials' }, basicAuth(client_id, client_secret));
    expect(token.status, token.text).toBe(200);
    expect(token.body.scope.split(' ')).toContain('scim:users:read');
    const users = await y.request('GET', `${new URL(scim_url).pathname}/Users`, { token: token.body.access_token });
    expect(users.status, users.text).toBe(200);
    // The token is of this realm only, and SCIM only.
    expect((await y.request('GET', y.realmPath('/identities'), { token: token.body.access_token })).status).toBe(403);
    expect((await y.request('GET', `${y.realmPath('/scim/v2', y.adminRealmId)}/Users`, { token: token.body.access_token })).status).toBe(403);

    const withoutScim = await y.mintToken(MANAGEMENT_SCOPES.filter((s) => !s.startsWith('scim:')));
    const refused = await y.request('POST', y.realmPath('/sso-configs'), {
      token: withoutScim,
      body: { sso_config: { display_name: 'x', payload: { type: 'scim' } } },
    });
    expect(refused.status).toBe(403);
  });

  it('stored-only types keep their fields and never echo a third party secret', async () => {
    const idp = await create('Upstream', {
      type: 'generic_oidc_idp',
      client_id: 'up-client',
      client_secret: 'up-secret-value',
      identifying_claim_name: 'email',
      identity_attribute: 'email',
      authorization_endpoint: 'https://idp.example/authorize',
      token_endpoint: 'https://idp.example/token',
      jwks_endpoint: 'https://idp.example/jwks',
    });
    expect(idp.status, idp.text).toBe(200);
    expect(idp.text).not.toContain('up-secret-value');
    expect(idp.body.payload).toMatchObject({ client_id: 'up-client', identity_provider_id: idp.body.id, pkce: 'disabled' });
    const okta = await create('Okta', {
      type: 'okta_sso_bi_idp',
      pkce: 's256',
      okta_registration: { domain: 'https://x.okta.com', okta_token: 'okta-secret-token' },
    });
    expect(okta.status, okta.text).toBe(200);
    expect(okta.text).not.toContain('okta-secret-token');
    expect(okta.body.payload.okta_registration).toEqual({ domain: 'https://x.okta.com' });
  });

  it('lists filter by type and is_migrated, order by name, and page', async () => {
    const realm = await y.request('POST', `/v1/tenants/${y.tenantId}/realms`, { body: { realm: { display_name: 'SSO list realm' } } });
    const path = y.realmPath('/sso-configs', realm.body.id);
    for (const name of ['Charlie', 'Alpha', 'Bravo']) {
      const made = await y.request('POST', path, {
        body: { sso_config: { display_name: name, payload: { type: 'bookmark', login_link: `https://${name}.example/` } } },
      });
      expect(made.status, made.text).toBe(200);
    }
    await y.request('POST', path, { body: { sso_config: { display_name: 'Migrated', is_migrated: true, payload: { type: 'nametag_oauth2' } } } });
    const byName = await y.request('GET', `${path}?order_by=display_name&type=bookmark&page_size=2`);
    expect(byName.status, byName.text).toBe(200);
    expect(byName.body.sso_configs.map((c: { display_name: string }) => c.display_name)).toEqual(['Alpha', 'Bravo']);
    expect(byName.body.total_size).toBe(3);
    const next = await y.request('GET', `${path}?order_by=display_name&type=bookmark&page_token=${byName.body.next_page_token}`);
    expect(next.body.sso_configs.map((c: { display_name: string }) => c.display_name)).toEqual(['Charlie']);
    expect(next.body.next_page_token).toBeUndefined();
    const migrated = await y.request('GET', `${path}?is_migrated=true`);
    expect(migrated.body.sso_configs.map((c: { display_name: string }) => c.display_name)).toEqual(['Migrated']);
    const twoTypes = await y.request('GET', `${path}?type[]=bookmark&type[]=nametag_oauth2`);
    expect(twoTypes.body.total_size).toBe(4);
  });
});
