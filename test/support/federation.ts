import { TestYonder } from './harness.js';
import { type Managed, type OidcApp, createOidcApplication } from './oidc.js';
import { freePort } from './process.js';

/** An upstream's `oidc_idp` settings as Beyond Identity's console sends them. */
export function upstreamSettings(overrides: Record<string, unknown> = {}) {
  return {
    type: 'oidc_idp',
    client_id: 'upstream-client',
    client_secret: 'upstream-secret-do-not-leak',
    token_scopes: ['openid', 'email'],
    identity_attribute: 'email',
    pkce: 's256',
    jwks_url: 'https://upstream.example/jwks',
    token_url: 'https://upstream.example/token',
    authorize_url: 'https://upstream.example/authorize',
    identifying_claim_name: 'email',
    oauth_2_par_enabled: false,
    ...overrides,
  };
}

interface Requester {
  request(method: string, url: string, options?: { body?: unknown }): Promise<{ status: number; body: any; text: string }>;
  realmPath(rest?: string): string;
}

/**
 * In `downstream`'s realm, an identity provider for the upstream OpenID Connect application at
 * `issuerUrl` (its issuer, e.g. `http://localhost:PORT/v1/.../applications/{id}`), and a `console`
 * authenticator configuration verifying enrollments with it.
 */
export async function verifyingConfig(
  downstream: Requester,
  issuerUrl: string,
  client: { clientId: string; clientSecret: string | undefined },
  overrides: Record<string, unknown> = {},
): Promise<{ idpId: string; configId: string; redirectUrl: string }> {
  const idp = await downstream.request('POST', downstream.realmPath('/identity-providers'), {
    body: {
      display_name: 'Upstream yonder',
      protocol_config: upstreamSettings({
        client_id: client.clientId,
        client_secret: client.clientSecret,
        authorize_url: `${issuerUrl}/authorize`,
        token_url: `${issuerUrl}/token`,
        jwks_url: `${issuerUrl}/.well-known/jwks.json`,
        claims: JSON.stringify({ id_token: { email: { essential: true } } }),
        ...overrides,
      }),
    },
  });
  if (idp.status !== 200) throw new Error(`identity provider: ${idp.status} ${idp.text}`);
  const config = await downstream.request('POST', downstream.realmPath('/authenticator-configs'), {
    body: {
      authenticator_config: {
        display_name: 'Verified enrollment',
        config: { type: 'console', onboarding_configuration: { verification_method: { type: 'idp', idp_id: idp.body.id } } },
      },
    },
  });
  if (config.status !== 200) throw new Error(`authenticator config: ${config.status} ${config.text}`);
  return { idpId: idp.body.id, configId: config.body.id, redirectUrl: idp.body.protocol_config.redirect_url };
}

/** Adds redirect URIs (identity providers' callbacks) to the upstream application `appId` of `upstream`'s realm. */
export async function allowRedirects(upstream: Requester, appId: string, uris: string[]): Promise<void> {
  const path = upstream.realmPath(`/applications/${appId}`);
  const current = await upstream.request('GET', path);
  const protocol = current.body.protocol_config;
  const updated = await upstream.request('PATCH', path, {
    body: { application: { protocol_config: { ...protocol, redirect_uris: [...protocol.redirect_uris, ...uris] } } },
  });
  if (updated.status !== 200) throw new Error(`application: ${updated.status} ${updated.text}`);
}

/**
 * A yonder listening on a free port (the upstream must be reached over HTTP) with a realm
 * "Upstream" beside its Default realm, and that realm's OpenID Connect application (its redirect
 * URIs added once the downstream providers exist: see `allowRedirects`).
 */
export async function yonderWithUpstreamRealm(): Promise<{ y: TestYonder; origin: string; upstreamRealm: string; upstreamApp: OidcApp }> {
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const y = await TestYonder.start(undefined, { config: { publicUrl: origin } });
  await y.app.listen({ port, host: 'localhost' });
  const upstreamRealm = (await y.request('POST', `/v1/tenants/${y.tenantId}/realms`, { body: { realm: { display_name: 'Upstream' } } })).body.id;
  const up: Managed = {
    request: (method, url, options) => y.request(method, url, options),
    realmPath: (rest = '') => y.realmPath(rest, upstreamRealm),
  };
  const upstreamApp = await createOidcApplication(up, { redirect_uris: ['https://placeholder.example/callback'] });
  return { y, origin, upstreamRealm, upstreamApp };
}
