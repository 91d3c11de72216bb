import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import * as client from 'openid-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { OIDC_AUTHORIZE_LIMIT, authorizeChecks } from '../../src/services/oidc/rate-limits.js';
import { signInWith } from '../support/console.js';
import { TestYonder, describeApi } from '../support/harness.js';
import { basicAuth, postForm } from '../support/oauth-client.js';
import {
  Browser,
  type OidcApp,
  REDIRECT_URI,
  authorize,
  authorizeUrl,
  codeForm,
  createOidcApplication,
  locationOf,
  personWithPasskey,
  pkcePair,
  relyingPartyFetch,
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
  /** One signed-in browser, kept across cases that need a session. */
  let browser: Browser;

  /** Code flow from a fresh authorization to the token response. */
  async function signIn(
    target: OidcApp = app,
    options: { browser?: Browser; passkey?: SoftAuthenticator | undefined; scope?: string; extra?: Record<string, string> } = {},
  ) {
    const pkce = pkcePair();
    const through = options.browser ?? new Browser(y);
    const url = authorizeUrl(target, {
      clientId: target.clientId,
      challenge: pkce.challenge,
      ...(options.scope ? { scope: options.scope } : {}),
      ...(options.extra ? { extra: options.extra } : {}),
    });
    const back = await authorize(through, url, 'passkey' in options ? options.passkey : person.passkey);
    const code = back.searchParams.get('code') ?? '';
    expect(code, back.href).not.toBe('');
    const tokens = await tokenRequest(y, target, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: pkce.verifier,
    });
    expect(tokens.status, tokens.text).toBe(200);
    return { back, code, pkce, tokens: tokens.body as Record<string, string> };
  }

  const userinfo = (target: OidcApp, token: string) => y.request('GET', `${target.path}/userinfo`, { token });

  beforeAll(async () => {
    y = await TestYonder.start();
    app = await createOidcApplication(y, { enable_refresh_tokens: true });
    person = await personWithPasskey(y, 'ada', { primary_email_address: 'ada@example.com', given_name: 'Ada', family_name: 'Lovelace' });
    browser = new Browser(y);
  });
  afterAll(async () => y?.close());

  it('oidcc-server: code flow with PKCE; the ID token verifies against discovery and the JWKS', async () => {
    const { back, tokens } = await signIn(app, { browser });
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URI);
    expect(back.searchParams.get('state')).toBe('state-1');
    expect(back.searchParams.get('iss')).toBe(app.issuer);
    const discovery = await y.request('GET', `${app.path}/.well-known/openid-configuration`, { token: null });
    expect(discovery.status, discovery.text).toBe(200);
    expect(discovery.body).toMatchObject({
      issuer: app.issuer,
      authorization_endpoint: `${app.issuer}/authorize`,
      token_endpoint: `${app.issuer}/token`,
      userinfo_endpoint: `${app.issuer}/userinfo`,
      jwks_uri: `${app.issuer}/.well-known/jwks.json`,
      revocation_endpoint: `${app.issuer}/revoke`,
      end_session_endpoint: `${app.issuer}/end_session`,
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
      id_token_signing_alg_values_supported: ['RS256'],
    });
    expect(discovery.body.introspection_endpoint).toBe(y.realmPath('/introspect').replace(/^/, 'http://localhost:8080'));
    const jwks = await y.request('GET', new URL(discovery.body.jwks_uri).pathname, { token: null });
    const { payload, protectedHeader } = await jwtVerify(tokens.id_token ?? '', createLocalJWKSet(jwks.body), {
      issuer: app.issuer,
      audience: app.clientId,
      algorithms: ['RS256'],
    });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({ sub: person.id, nonce: 'nonce-1', amr: ['hwk', 'user'], email: 'ada@example.com', given_name: 'Ada' });
    expect(typeof payload.auth_time).toBe('number');
    expect(typeof payload.sid).toBe('string');
  });

  it('oidcc-server with openid-client as the relying party: discovery, PKCE, state, nonce, ID token and userinfo checks', async () => {
    const configuration = await client.discovery(new URL(app.issuer), app.clientId, undefined, client.ClientSecretBasic(app.clientSecret), {
      [client.customFetch]: relyingPartyFetch(y),
      execute: [client.allowInsecureRequests],
    });
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: REDIRECT_URI,
      scope: 'openid profile email',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    const back = await authorize(browser, `${url.pathname}${url.search}`, person.passkey);
    const tokens = await client.authorizationCodeGrant(configuration, back, {
      pkceCodeVerifier: verifier,
      expectedState: state,
      expectedNonce: nonce,
    });
    expect(tokens.claims()?.sub).toBe(person.id);
    const info = await client.fetchUserInfo(configuration, tokens.access_token, person.id);
    expect(info).toMatchObject({ sub: person.id, email: 'ada@example.com' });
  });

  it("the access token is Beyond Identity-shaped, on record: listed as the identity's, introspected, revocable", async () => {
    const { tokens } = await signIn(app, { browser });
    const claims = decodeJwt(tokens.access_token ?? '');
    expect(claims).toMatchObject({
      iss: app.issuer,
      sub: person.id,
      aud: [app.clientId],
      azp: `tenants/${y.tenantId}/realms/${y.realmId}/applications/${app.id}`,
      bi_t: y.tenantId,
      bi_r: y.realmId,
      bi_p: `tenants/${y.tenantId}/realms/${y.realmId}/identities/${person.id}`,
      bi_ty: 'authorization_code',
    });
    const listed = await y.request('GET', `${app.path}/tokens?principal_type=identity&principal_id=${person.id}`);
    expect(listed.status, listed.text).toBe(200);
    expect(listed.body.tokens.map((t: { id: string }) => t.id)).toContain(claims.jti);
    const introspected = await postForm(
      y,
      y.realmPath('/introspect'),
      { token: tokens.access_token ?? '' },
      basicAuth(app.clientId, app.clientSecret ?? ''),
    );
    expect(introspected.body).toMatchObject({ active: true, sub: person.id, client_id: app.clientId });
    expect((await y.request('DELETE', `${app.path}/tokens/${claims.jti}`)).status).toBe(200);
    expect((await userinfo(app, tokens.access_token ?? '')).status).toBe(401);
  });

  it('oidcc-codereuse: a code works once; its replay is invalid_grant and revokes what it issued', async () => {
    const { code, pkce, tokens } = await signIn(app, { browser });
    expect((await userinfo(app, tokens.access_token ?? '')).status).toBe(200);
    const again = await tokenRequest(y, app, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: pkce.verifier });
    expect(again.status).toBe(400);
    expect(again.body.error).toBe('invalid_grant');
    expect(again.body).not.toHaveProperty('access_token');
    expect((await userinfo(app, tokens.access_token ?? '')).status).toBe(401);
  });

  it("Beyond Identity's expiration_time shortens the access token and custom_claims become bi_custom; out of range is invalid_request", async () => {
    const form = await codeForm(browser, app, person.passkey);
    const tooLong = await tokenRequest(y, app, { ...form, expiration_time: '999999' });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error).toBe('invalid_request');
    const reply = await tokenRequest(y, app, { ...form, expiration_time: '600', custom_claims: '{"tier":"gold"}' });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body.expires_in).toBe(600);
    const claims = decodeJwt(reply.body.access_token);
    expect(claims.exp! - claims.iat!).toBe(600);
    expect(claims.bi_custom).toEqual({ tier: 'gold' });
  });

  it('a wrong code_verifier is invalid_grant, with no token', async () => {
    const pkce = pkcePair();
    const back = await authorize(browser, authorizeUrl(app, { clientId: app.clientId, challenge: pkce.challenge }), person.passkey);
    const reply = await tokenRequest(y, app, {
      grant_type: 'authorization_code',
      code: back.searchParams.get('code') ?? '',
      redirect_uri: REDIRECT_URI,
      code_verifier: pkcePair().verifier,
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error).toBe('invalid_grant');
    expect(reply.body).not.toHaveProperty('access_token');
  });

  it('a live session signs in again without a new passkey ceremony (single sign-on)', async () => {
    const reply = await browser.request('GET', authorizeUrl(app, { clientId: app.clientId, challenge: pkcePair().challenge }));
    const next = new URL(locationOf(reply), 'http://localhost:8080');
    expect(next.pathname).not.toContain('/interaction/');
    expect(next.searchParams.get('code')).toBeTruthy();
  });

  it("a hosted sign-in session of the realm (the console's kind) signs in to the application without a ceremony", async () => {
    const fresh = new Browser(y);
    fresh.jar.add(await signInWith(y, person.passkey, y.realmId, null));
    const back = await authorize(fresh, authorizeUrl(app, { clientId: app.clientId, challenge: pkcePair().challenge }));
    expect(back.searchParams.get('code')).toBeTruthy();
  });

  it('the authorization endpoint takes POST (OpenID Connect Core 3.1.2.1): 303 to the same request as GET, where the session signs in', async () => {
    const url = authorizeUrl(app, { clientId: app.clientId, challenge: pkcePair().challenge });
    const [path, query = ''] = url.split('?');
    const posted = await browser.request('POST', path ?? '', {
      rawBody: query,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(posted.status, posted.text).toBe(303);
    expect(locationOf(posted)).toBe(url);
    const back = await authorize(browser, locationOf(posted), person.passkey);
    expect(back.searchParams.get('code')).toBeTruthy();
    const notAForm = await browser.request('POST', path ?? '', { rawBody: '{}', headers: { 'content-type': 'application/json' } });
    expect(notAForm.status).toBeGreaterThanOrEqual(400);
    expect(notAForm.status).toBeLessThan(500);
  });

  it('oidcc-prompt-none-not-logged-in: prompt=none without a session answers login_required to the client', async () => {
    const fresh = new Browser(y);
    const reply = await fresh.request(
      'GET',
      authorizeUrl(app, { clientId: app.clientId, challenge: pkcePair().challenge, extra: { prompt: 'none' } }),
    );
    const back = new URL(locationOf(reply));
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URI);
    expect(back.searchParams.get('error')).toBe('login_required');
    expect(back.searchParams.get('state')).toBe('state-1');
    expect(back.searchParams.has('code')).toBe(false);
  });

  it('prompt=consent: there is no consent screen; the authorization completes as far as policy and roles allow', async () => {
    const back = await authorize(
      browser,
      authorizeUrl(app, { clientId: app.clientId, challenge: pkcePair().challenge, extra: { prompt: 'consent' } }),
    );
    expect(back.searchParams.get('code')).toBeTruthy();
    const events = await y.request('GET', y.realmPath('/events?type=authorization.granted'));
    expect(events.body.events.some((e: { resource_id: string }) => e.resource_id === person.id)).toBe(true);
  });

  it('oidcc-prompt-login: prompt=login asks for the passkey again despite the session', async () => {
    const reply = await browser.request(
      'GET',
      authorizeUrl(app, { clientId: app.clientId, challenge: pkcePair().challenge, extra: { prompt: 'login' } }),
    );
    const page = await browser.request('GET', locationOf(reply));
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('Sign in with a passkey');
  });

  it('oidcc-max-age-1: a session older than max_age asks for the passkey again', async () => {
    await signIn(app, { browser });
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const reply = await browser.request(
      'GET',
      authorizeUrl(app, { clientId: app.clientId, challenge: pkcePair().challenge, extra: { max_age: '1' } }),
    );
    const page = await browser.request('GET', locationOf(reply));
    expect(page.status).toBe(200);
    expect(page.text).toContain('Sign in with a passkey');
  });

  it("oidcc-ensure-registered-redirect-uri: an unregistered redirect_uri gets yonder's error page, never a redirect", async () => {
    const reply = await new Browser(y).request(
      'GET',
      authorizeUrl(app, { clientId: app.clientId, challenge: pkcePair().challenge, redirectUri: 'https://evil.example/callback' }),
    );
    expect(reply.status).toBe(400);
    expect(reply.headers.location).toBeUndefined();
    expect(reply.headers['content-type']).toMatch(/^text\/html/);
    expect(reply.text).toContain('redirect_uri');
    const unknownClient = await new Browser(y).request('GET', authorizeUrl(app, { clientId: 'nobody', challenge: pkcePair().challenge }));
    expect(unknownClient.status).toBe(400);
    expect(unknownClient.headers.location).toBeUndefined();
  });

  it("oidcc-userinfo-get, -post-header, -post-body: the claims of the token's scopes", async () => {
    const { tokens } = await signIn(app, { browser });
    const token = tokens.access_token ?? '';
    const get = await userinfo(app, token);
    expect(get.status, get.text).toBe(200);
    expect(get.body).toEqual({
      sub: person.id,
      name: 'ada',
      given_name: 'Ada',
      family_name: 'Lovelace',
      preferred_username: 'ada',
      updated_at: expect.any(Number),
      email: 'ada@example.com',
    });
    const postHeader = await y.request('POST', `${app.path}/userinfo`, {
      token,
      rawBody: '',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(postHeader.body).toEqual(get.body);
    const postBody = await postForm(y, `${app.path}/userinfo`, { access_token: token }, null);
    expect(postBody.body).toEqual(get.body);
    const none = await y.request('GET', `${app.path}/userinfo`, { token: null });
    expect(none.status).toBe(401);
    expect(String(none.headers['www-authenticate'])).toMatch(/^Bearer/);
  });

  it('oidcc-scope-profile and oidcc-scope-email: claims follow the scopes asked for', async () => {
    const profileOnly = await signIn(app, { browser, scope: 'openid profile' });
    const profile = await userinfo(app, profileOnly.tokens.access_token ?? '');
    expect(profile.body).toMatchObject({ sub: person.id, name: 'ada', preferred_username: 'ada' });
    expect(profile.body).not.toHaveProperty('email');
    const emailOnly = await signIn(app, { browser, scope: 'openid email' });
    const email = await userinfo(app, emailOnly.tokens.access_token ?? '');
    expect(email.body).toEqual({ sub: person.id, email: 'ada@example.com' });
    expect(decodeJwt(emailOnly.tokens.id_token ?? '')).not.toHaveProperty('name');
  });

  it('oidcc-server-client-secret-post: the secret in the body authenticates as well as HTTP Basic; a wrong one does not', async () => {
    const pkce = pkcePair();
    const back = await authorize(browser, authorizeUrl(app, { clientId: app.clientId, challenge: pkce.challenge }), person.passkey);
    const code = back.searchParams.get('code') ?? '';
    const wrong = await tokenRequest(
      y,
      { ...app, clientSecret: 'not-the-secret' },
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: pkce.verifier },
      'post',
    );
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toBe('invalid_client');
    const right = await tokenRequest(
      y,
      app,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: pkce.verifier },
      'post',
    );
    expect(right.status, right.text).toBe(200);
    expect(typeof right.body.id_token).toBe('string');
  });

  it('oidcc-refresh-token: rotation; the old refresh token is refused, its reuse ends the family; another client cannot redeem it', async () => {
    const { code, tokens } = await signIn(app, { browser });
    expect(typeof tokens.refresh_token).toBe('string');
    // Codes and refresh tokens are kept by their hash: the store alone holds nothing to present.
    const stored = (model: string, id: string) => y.yonder.store.oidcInstances.find(app.id, model, id, new Date(0).toISOString());
    expect(await stored('RefreshToken', tokens.refresh_token ?? '')).toBeUndefined();
    expect(await stored('AuthorizationCode', code)).toBeUndefined();
    const other = await createOidcApplication(y, { enable_refresh_tokens: true });
    const foreign = await tokenRequest(y, other, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '' });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error).toBe('invalid_grant');
    const refreshed = await tokenRequest(y, app, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '' });
    expect(refreshed.status, refreshed.text).toBe(200);
    expect(refreshed.body.refresh_token).not.toBe(tokens.refresh_token);
    expect((await userinfo(app, refreshed.body.access_token)).status).toBe(200);
    const reused = await tokenRequest(y, app, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '' });
    expect(reused.status).toBe(400);
    expect(reused.body.error).toBe('invalid_grant');
    // The family is gone: the rotated refresh token and the access tokens of the grant too.
    const rotated = await tokenRequest(y, app, { grant_type: 'refresh_token', refresh_token: refreshed.body.refresh_token });
    expect(rotated.body.error).toBe('invalid_grant');
    expect((await userinfo(app, refreshed.body.access_token)).status).toBe(401);
  });

  it('RFC 7009 on a refresh token ends its grant: the refresh token and its access token stop working', async () => {
    const { tokens } = await signIn(app, { browser });
    const revoked = await postForm(y, `${app.path}/revoke`, { token: tokens.refresh_token ?? '' }, basicAuth(app.clientId, app.clientSecret ?? ''));
    expect(revoked.status).toBe(200);
    const refreshed = await tokenRequest(y, app, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '' });
    expect(refreshed.body.error).toBe('invalid_grant');
    expect((await userinfo(app, tokens.access_token ?? '')).status).toBe(401);
  });

  it('RFC 7009 §2.1: a public client revokes its own tokens naming itself by client_id; naming another client is invalid_client', async () => {
    const spa = await createOidcApplication(y, { confidentiality: 'public', enable_refresh_tokens: true });
    const pkce = pkcePair();
    const code = await authorize(browser, authorizeUrl(spa, { clientId: spa.clientId, challenge: pkce.challenge }), person.passkey);
    const form = {
      grant_type: 'authorization_code',
      code: code.searchParams.get('code') ?? '',
      redirect_uri: REDIRECT_URI,
      code_verifier: pkce.verifier,
    };
    const tokens = (await tokenRequest(y, spa, form, 'none')).body;
    expect(tokens.refresh_token).toBeTruthy();
    // Another client's id (the confidential app's) does not let anyone revoke at this path, nor does none.
    for (const named of [{ client_id: app.clientId }, {}] as Record<string, string>[]) {
      const refused = await postForm(y, `${spa.path}/revoke`, { token: tokens.refresh_token, ...named });
      expect(refused.status, JSON.stringify(named)).toBe(401);
      expect(refused.body.error).toBe('invalid_client');
    }
    // A confidential client still has to authenticate: its client_id alone is invalid_client.
    const confidential = await postForm(y, `${app.path}/revoke`, { token: 'whatever', client_id: app.clientId });
    expect(confidential.body.error).toBe('invalid_client');

    const revoked = await postForm(y, `${spa.path}/revoke`, { token: tokens.refresh_token, client_id: spa.clientId });
    expect(revoked.status, revoked.text).toBe(200);
    // Unrevoked, this refresh would answer new tokens.
    const refreshed = await tokenRequest(y, spa, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token }, 'none');
    expect(refreshed.body.error, refreshed.text).toBe('invalid_grant');
  });

  it('an application without enable_refresh_tokens issues no refresh token', async () => {
    const plain = await createOidcApplication(y);
    const { tokens } = await signIn(plain, { browser });
    expect(tokens).not.toHaveProperty('refresh_token');
  });

  it('a public client without PKCE is refused with invalid_request, and no code', async () => {
    const pub = await createOidcApplication(y, { confidentiality: 'public', pkce: 'disabled' });
    expect(pub.clientSecret).toBeUndefined();
    const reply = await browser.request('GET', authorizeUrl(pub, { clientId: pub.clientId }));
    const back = new URL(locationOf(reply));
    expect(back.searchParams.get('error')).toBe('invalid_request');
    expect(back.searchParams.has('code')).toBe(false);
    // With PKCE it signs in, and redeems its code with no secret.
    const pkce = pkcePair();
    const ok = await authorize(browser, authorizeUrl(pub, { clientId: pub.clientId, challenge: pkce.challenge }), person.passkey);
    const tokens = await tokenRequest(
      y,
      pub,
      { grant_type: 'authorization_code', code: ok.searchParams.get('code') ?? '', redirect_uri: REDIRECT_URI, code_verifier: pkce.verifier },
      'none',
    );
    expect(tokens.status, tokens.text).toBe(200);
  });

  it("CORS: a browser page of a redirect URI's origin may call the token endpoint and userinfo; another origin may not", async () => {
    const spa = await createOidcApplication(y, { confidentiality: 'public' });
    const preflight = await y.request('OPTIONS', `${spa.path}/token`, {
      token: null,
      headers: { origin: 'https://rp.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://rp.example');
    const form = { ...(await codeForm(browser, spa, person.passkey)), client_id: spa.clientId };
    const post = (origin: string) =>
      y.request('POST', `${spa.path}/token`, {
        token: null,
        rawBody: new URLSearchParams(form).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
      });
    const foreign = await post('https://evil.example');
    expect(foreign.status).toBe(400);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    const tokens = await post('https://rp.example');
    expect(tokens.status, tokens.text).toBe(200);
    expect(tokens.headers['access-control-allow-origin']).toBe('https://rp.example');
    const info = await y.request('GET', `${spa.path}/userinfo`, { token: tokens.body.access_token, headers: { origin: 'https://rp.example' } });
    expect(info.headers['access-control-allow-origin']).toBe('https://rp.example');
    const other = await y.request('GET', `${spa.path}/userinfo`, { token: tokens.body.access_token, headers: { origin: 'https://evil.example' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('PKCE `plain`, as Beyond Identity allows it, is verified as S256 of the plain challenge', async () => {
    const plainApp = await createOidcApplication(y, { confidentiality: 'public', pkce: 'plain' });
    const verifier = pkcePair().verifier;
    const back = await authorize(
      browser,
      authorizeUrl(plainApp, { clientId: plainApp.clientId, challenge: verifier, method: 'plain' }),
      person.passkey,
    );
    const code = back.searchParams.get('code') ?? '';
    expect(code, back.href).not.toBe('');
    const tokens = await tokenRequest(
      y,
      plainApp,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier },
      'none',
    );
    expect(tokens.status, tokens.text).toBe(200);
  });

  it('token_format referential: opaque access tokens, on record by their hash; userinfo, introspection and revocation work', async () => {
    const opaque = await createOidcApplication(y, { token_format: 'referential' });
    const { tokens } = await signIn(opaque, { browser });
    const token = tokens.access_token ?? '';
    expect(token).not.toContain('.');
    expect((await userinfo(opaque, token)).body.sub).toBe(person.id);
    const listed = await y.request('GET', `${opaque.path}/tokens?principal_type=identity&principal_id=${person.id}`);
    expect(listed.body.tokens).toHaveLength(1);
    expect(listed.body.tokens[0].id).not.toBe(token);
    const auth = basicAuth(opaque.clientId, opaque.clientSecret ?? '');
    expect((await postForm(y, y.realmPath('/introspect'), { token }, auth)).body).toMatchObject({
      active: true,
      sub: person.id,
      client_id: opaque.clientId,
    });
    expect((await postForm(y, `${opaque.path}/revoke`, { token }, auth)).status).toBe(200);
    expect((await userinfo(opaque, token)).status).toBe(401);
    expect((await postForm(y, y.realmPath('/introspect'), { token }, auth)).body).toEqual({ active: false });
  });

  it('subject_field email: sub is the email address in the ID token and at userinfo', async () => {
    const byEmail = await createOidcApplication(y, { token_configuration: { expires_after: 600, subject_field: 'email' } });
    const { tokens } = await signIn(byEmail, { browser });
    expect(decodeJwt(tokens.id_token ?? '').sub).toBe('ada@example.com');
    expect((await userinfo(byEmail, tokens.access_token ?? '')).body.sub).toBe('ada@example.com');
  });

  it('a suspended identity is refused at sign-in, at code exchange and at userinfo', async () => {
    const bob = await personWithPasskey(y, 'bob');
    const bobsBrowser = new Browser(y);
    const { tokens } = await signIn(app, { browser: bobsBrowser, passkey: bob.passkey });
    const pkce = pkcePair();
    const pending = await authorize(bobsBrowser, authorizeUrl(app, { clientId: app.clientId, challenge: pkce.challenge }));
    const suspend = await y.request('PATCH', y.realmPath(`/identities/${bob.id}`), { body: { identity: { status: 'suspended' } } });
    expect(suspend.status, suspend.text).toBe(200);
    const exchange = await tokenRequest(y, app, {
      grant_type: 'authorization_code',
      code: pending.searchParams.get('code') ?? '',
      redirect_uri: REDIRECT_URI,
      code_verifier: pkce.verifier,
    });
    expect(exchange.status).toBe(400);
    expect(exchange.body.error).toBe('invalid_grant');
    expect((await userinfo(app, tokens.access_token ?? '')).status).toBe(403);
    const again = await authorize(new Browser(y), authorizeUrl(app, { clientId: app.clientId, challenge: pkcePair().challenge }), bob.passkey);
    expect(again.searchParams.get('error')).toBe('access_denied');
    expect(again.searchParams.has('code')).toBe(false);
  });

  it('RP-initiated logout ends the session: the next authorization asks for the passkey again', async () => {
    const mine = new Browser(y);
    const { tokens } = await signIn(app, { browser: mine });
    const ask = await mine.request(
      'GET',
      `${app.path}/end_session?id_token_hint=${tokens.id_token}&post_logout_redirect_uri=${encodeURIComponent(REDIRECT_URI)}`,
    );
    expect(ask.status, ask.text).toBe(200);
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(ask.text)?.[1] ?? '';
    const confirm = await mine.request('POST', `${app.path}/end_session/confirm`, {
      rawBody: new URLSearchParams({ xsrf, logout: 'yes' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect([302, 303]).toContain(confirm.status);
    expect(locationOf(confirm)).toBe(REDIRECT_URI);
    const next = await mine.request('GET', authorizeUrl(app, { clientId: app.clientId, challenge: pkcePair().challenge }));
    expect(locationOf(next)).toContain('/interaction/');
  });
  it("id_token_hint naming the session's person signs in with prompt=none; another person's hint asks for login", async () => {
    const mine = new Browser(y);
    const { tokens } = await signIn(app, { browser: mine });
    const withHint = (hint: string) =>
      mine.request(
        'GET',
        authorizeUrl(app, { clientId: app.clientId, challenge: pkcePair().challenge, extra: { prompt: 'none', id_token_hint: hint } }),
      );
    const same = new URL(locationOf(await withHint(tokens.id_token ?? '')));
    expect(same.searchParams.get('error'), same.href).toBeNull();
    expect(same.searchParams.get('code')).toBeTruthy();
    const cyd = await personWithPasskey(y, 'cyd');
    const theirs = await signIn(app, { passkey: cyd.passkey });
    const other = new URL(locationOf(await withHint(theirs.tokens.id_token ?? '')));
    expect(other.searchParams.get('error')).toBe('login_required');
    expect(other.searchParams.has('code')).toBe(false);
  });

  it('/authorize is rate-limited per realm and address: past the limit 429 with Retry-After, other addresses unaffected', async () => {
    const url = authorizeUrl(app, { clientId: app.clientId, challenge: pkcePair().challenge });
    const from = (address: string) => y.request('GET', url, { token: null, remoteAddress: address });
    // All but the last three of the window counted already (the counter the requests themselves take),
    // so the test sends six requests, not six hundred.
    const [check] = authorizeChecks(y.realmId, '203.0.113.171');
    const now = Math.floor(Date.now() / 1000);
    for (let i = 0; i < OIDC_AUTHORIZE_LIMIT.limit - 3; i++) await y.yonder.store.rateLimits.hit(check!.key, now, OIDC_AUTHORIZE_LIMIT.windowSeconds);
    const replies = await Promise.all(Array.from({ length: 6 }, () => from('203.0.113.171')));
    const refused = replies.filter((r) => r.status === 429);
    expect(refused).toHaveLength(3);
    expect(Number(refused[0]?.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused[0]?.headers.location).toBeUndefined();
    expect(replies.filter((r) => r.status === 303)).toHaveLength(3);
    expect((await from('203.0.113.172')).status).toBe(303);
  });

  it('CORS: discovery, the JWKS and revocation answer preflights; revocation only for trusted origins', async () => {
    const config = await y.request('POST', y.realmPath('/authenticator-configs'), {
      body: {
        authenticator_config: {
          display_name: 'Web with a trusted origin',
          config: { type: 'hosted_web', authentication_methods: [{ type: 'webauthn_passkey' }], trusted_origins: ['https://spa.example'] },
        },
      },
    });
    expect(config.status, config.text).toBe(200);
    const spa = await createOidcApplication(y, { confidentiality: 'public' }, { authenticator_config_id: config.body.id });
    const preflight = (path: string, origin: string, method = 'GET') =>
      y.request('OPTIONS', `${spa.path}${path}`, { token: null, headers: { origin, 'access-control-request-method': method } });
    for (const path of ['/.well-known/openid-configuration', '/.well-known/jwks.json']) {
      const reply = await preflight(path, 'https://spa.example');
      expect(reply.status, `${path} ${reply.text}`).toBe(204);
      expect(reply.headers['access-control-allow-origin'], path).toBeTruthy();
      const get = await y.request('GET', `${spa.path}${path}`, { token: null, headers: { origin: 'https://spa.example' } });
      expect(get.headers['access-control-allow-origin'], path).toBeTruthy();
    }
    const revokePreflight = await preflight('/revoke', 'https://spa.example', 'POST');
    expect(revokePreflight.status).toBe(204);
    expect(revokePreflight.headers['access-control-allow-origin']).toBe('https://spa.example');
    expect(String(revokePreflight.headers['access-control-allow-methods'])).toContain('POST');
    expect((await preflight('/revoke', 'https://evil.example', 'POST')).headers['access-control-allow-origin']).toBeUndefined();
    const revoke = (origin: string) =>
      y.request('POST', `${spa.path}/revoke`, {
        token: null,
        rawBody: new URLSearchParams({ token: 'not-a-token', client_id: spa.clientId }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
      });
    expect((await revoke('https://spa.example')).headers['access-control-allow-origin']).toBe('https://spa.example');
    expect((await revoke('https://evil.example')).headers['access-control-allow-origin']).toBeUndefined();
  });

  it('a public client asking for a grant type yonder does not serve gets unsupported_grant_type, not invalid_client', async () => {
    const pub = await createOidcApplication(y, { confidentiality: 'public' });
    for (const grantType of ['password', 'urn:ietf:params:oauth:grant-type:device_code']) {
      const reply = await tokenRequest(y, pub, { grant_type: grantType }, 'none');
      expect(reply.status, `${grantType}: ${reply.text}`).toBe(400);
      expect(reply.body.error, grantType).toBe('unsupported_grant_type');
    }
    // A client id that names nobody is still invalid_client.
    const nobody = await tokenRequest(y, { ...pub, clientId: 'nobody' }, { grant_type: 'password' }, 'none');
    expect(nobody.body.error).toBe('invalid_client');
  });
});
