import { afterAll, beforeAll, expect, it } from 'vitest';
import { listeningYonder } from '../support/browser.js';
import { type TestYonder, describeApi } from '../support/harness.js';

/**
 * `POST .../sso-configs/{id}/test` really fetches what a config depends on: here a yonder
 * listening on a port (its PUBLIC_URL), so the OIDC application's discovery answers for real, and
 * an identity-provider config's endpoints answer 200, 404 or nothing at all.
 */
describeApi('SSO configs: /test fetches discovery and IdP endpoints', () => {
  let y: TestYonder;
  let url: string;
  beforeAll(async () => {
    ({ y, url } = await listeningYonder());
  });
  afterAll(async () => y?.close());

  const create = async (payload: Record<string, unknown>) => {
    const reply = await y.request('POST', y.realmPath('/sso-configs'), { body: { sso_config: { display_name: 'Tested', payload } } });
    expect(reply.status, reply.text).toBe(200);
    return reply.body as { id: string; payload: Record<string, string> };
  };

  it("reports the OIDC application's discovery as fetched: 200", async () => {
    const config = await create({
      type: 'generic_oidc',
      redirect_uris: ['https://rp.example/cb'],
      scopes: ['openid'],
      confidentiality: 'public',
      pkce: 's256',
    });
    const tested = await y.request('POST', y.realmPath(`/sso-configs/${config.id}/test`));
    expect(tested.status, tested.text).toBe(200);
    expect(tested.body).toEqual({
      identity_providers: [],
      oidc_applications: [{ application_id: config.payload.application_id, display_name: 'Tested', is_success: true, status_code: '200' }],
    });
  });

  it('reports each IdP endpoint as it answered: a JWKS that is there, a token endpoint that is not, a host that is down', async () => {
    const config = await create({
      type: 'generic_oidc_idp',
      client_id: 'c',
      identifying_claim_name: 'email',
      identity_attribute: 'email',
      authorization_endpoint: 'http://localhost:1/authorize',
      token_endpoint: `${url}/no-such-token-endpoint`,
      jwks_endpoint: `${url}/.well-known/jwks.json`,
    });
    const tested = await y.request('POST', y.realmPath(`/sso-configs/${config.id}/test`));
    expect(tested.status, tested.text).toBe(200);
    const results = tested.body.identity_providers.map((r: { is_success: boolean; status_code: string }) => [r.is_success, r.status_code]);
    expect(results).toEqual([
      [false, 'unreachable'],
      [false, '404'],
      [true, '200'],
    ]);
  });
});
