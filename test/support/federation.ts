import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TestYonder } from './harness.js';
import { enrollThrough } from './console.js';
import { type OidcApp, createOidcApplication } from './oidc.js';
import { freePort } from './process.js';
import type { SoftAuthenticator } from './soft-authenticator.js';

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
 * A second yonder as the upstream identity provider: its own store (a fresh SQLite file or
 * PostgreSQL schema, as the suite's engine), listening on a free port at `origin` so that the
 * downstream's relying party calls it over HTTP, with an OpenID Connect application in its
 * Default realm (its redirect URIs added once the downstream providers exist: `allowRedirects`).
 * Both yonders are on `localhost`, so a real browser sends each the other's cookies (the session
 * cookie has one name and path on both): each ignores a session it did not issue, and the trips
 * tested need no downstream session while they pass through the upstream.
 */
export async function upstreamYonder(): Promise<{ upstream: TestYonder; origin: string; app: OidcApp }> {
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const upstream = await TestYonder.start(undefined, { config: { publicUrl: origin } });
  await upstream.app.listen({ port, host: 'localhost' });
  const app = await createOidcApplication(upstream, { redirect_uris: ['https://placeholder.example/callback'] });
  return { upstream, origin, app };
}

/** A person of the upstream's Default realm with a software passkey, to sign in there. */
export async function upstreamPerson(upstream: TestYonder, origin: string, username: string, email: string): Promise<SoftAuthenticator> {
  const person = await upstream.createIdentity(username, { traits: { type: 'traits_v0', username, primary_email_address: email } });
  const job = await upstream.request('POST', upstream.realmPath(`/identities/${person.id}/credential-binding-jobs`), {
    body: { job: { delivery_method: 'RETURN' } },
  });
  if (job.status !== 200) throw new Error(`binding job: ${job.status} ${job.text}`);
  return (await enrollThrough(upstream, job.body.credential_binding_link, origin)).passkey;
}

/**
 * A proxy in front of the upstream's token endpoint that rewrites the ID token's `email` claim
 * to `email`, keeping the upstream's signature (which then no longer matches): answers its token
 * URL. Close the server when done.
 */
export async function tamperingTokenProxy(upstreamTokenUrl: string, email: string): Promise<{ server: Server; tokenUrl: string }> {
  const server = createServer(async (request, response) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    const real = await fetch(upstreamTokenUrl, {
      method: 'POST',
      headers: { 'content-type': String(request.headers['content-type']), authorization: String(request.headers.authorization ?? '') },
      body,
    });
    const tokens = (await real.json()) as { id_token?: string };
    const [header, payload, signature] = (tokens.id_token ?? '..').split('.');
    const claims = { ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString() || '{}'), email };
    tokens.id_token = [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
    response.writeHead(real.status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(tokens));
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', () => resolve()));
  return { server, tokenUrl: `http://localhost:${(server.address() as AddressInfo).port}/token` };
}
