import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestYonder, describeApi } from '../support/harness.js';
import {
  Browser,
  type OidcApp,
  REDIRECT_URI,
  authorize,
  authorizeUrl,
  createOidcApplication,
  personWithPasskey,
  pkcePair,
  tokenRequest,
} from '../support/oidc.js';
import type { SoftAuthenticator } from '../support/soft-authenticator.js';

/**
 * OpenID Connect on passkeys, case by case after the OpenID Foundation's basic certification plan
 * (its conformance suite cannot run here): a confidential application created through v1 with
 * Beyond Identity's body, a person with a passkey, the hosted passkey page as the sign-in step.
 */
describeApi('OpenID Connect: basic certification plan modules', () => {
  let y: TestYonder;
  let app: OidcApp;
  let person: { id: string; passkey: SoftAuthenticator };

  beforeAll(async () => {
    y = await TestYonder.start();
    app = await createOidcApplication(y, { enable_refresh_tokens: true });
    person = await personWithPasskey(y, 'ada', { primary_email_address: 'ada@example.com', given_name: 'Ada', family_name: 'Lovelace' });
  });
  afterAll(async () => y?.close());

  it('oidcc-server: code flow with PKCE; the ID token verifies against discovery and the JWKS', async () => {
    const browser = new Browser(y);
    const pkce = pkcePair();
    const back = await authorize(browser, authorizeUrl(app, { clientId: app.clientId, challenge: pkce.challenge }), person.passkey);
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URI);
    expect(back.searchParams.get('state')).toBe('state-1');
    expect(back.searchParams.get('iss')).toBe(app.issuer);
    const code = back.searchParams.get('code') ?? '';
    const tokens = await tokenRequest(y, app, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: pkce.verifier });
    expect(tokens.status, tokens.text).toBe(200);
    const discovery = await y.request('GET', `${app.path}/.well-known/openid-configuration`, { token: null });
    expect(discovery.status, discovery.text).toBe(200);
    expect(discovery.body).toMatchObject({
      issuer: app.issuer,
      authorization_endpoint: `${app.issuer}/authorize`,
      userinfo_endpoint: `${app.issuer}/userinfo`,
    });
    const jwks = await y.request('GET', new URL(discovery.body.jwks_uri).pathname, { token: null });
    const { payload } = await jwtVerify(tokens.body.id_token, createLocalJWKSet(jwks.body), {
      issuer: app.issuer,
      audience: app.clientId,
      algorithms: ['RS256'],
    });
    expect(payload).toMatchObject({ sub: person.id, nonce: 'nonce-1', email: 'ada@example.com', given_name: 'Ada' });
    console.log(payload, decodeJwt(tokens.body.access_token), tokens.body);
  });
});
