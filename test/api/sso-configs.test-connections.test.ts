import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
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

  it('with IDENTITY_PROVIDERS_ALLOW_PRIVATE off, IdP endpoints on this host are refused without a call; its own discovery still answers', async () => {
    let calls = 0;
    const local = createServer((_request, response) => {
      calls++;
      response.end('{}');
    });
    await new Promise<void>((resolve) => local.listen(0, '127.0.0.1', resolve));
    const port = (local.address() as AddressInfo).port;
    const strict = await listeningYonder({ config: { identityProvidersAllowPrivate: false } });
    try {
      const created = async (payload: Record<string, unknown>) =>
        (await strict.y.request('POST', strict.y.realmPath('/sso-configs'), { body: { sso_config: { display_name: 'Strict', payload } } })).body;
      const idp = await created({
        type: 'generic_oidc_idp',
        client_id: 'c',
        identifying_claim_name: 'email',
        identity_attribute: 'email',
        authorization_endpoint: `http://127.0.0.1:${port}/authorize`,
        token_endpoint: `http://localhost:${port}/token`,
        jwks_endpoint: `http://[::ffff:127.0.0.1]:${port}/jwks`,
      });
      const tested = await strict.y.request('POST', strict.y.realmPath(`/sso-configs/${idp.id}/test`));
      expect(tested.status, tested.text).toBe(200);
      for (const result of tested.body.identity_providers) {
        expect(result).toMatchObject({ is_success: false, status_code: 'unreachable' });
        expect(result.error_context).toMatch(/refused/);
      }
      expect(tested.body.identity_providers).toHaveLength(3);
      expect(calls).toBe(0);

      const app = await created({
        type: 'generic_oidc',
        redirect_uris: ['https://rp.example/cb'],
        scopes: ['openid'],
        confidentiality: 'public',
        pkce: 's256',
      });
      const own = await strict.y.request('POST', strict.y.realmPath(`/sso-configs/${app.id}/test`));
      expect(own.body.oidc_applications[0]).toMatchObject({ is_success: true, status_code: '200' });
    } finally {
      await strict.y.close();
      local.close();
    }
  });
});
