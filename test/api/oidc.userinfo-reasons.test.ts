import { SignJWT, decodeJwt, decodeProtectedHeader, generateKeyPair } from 'jose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TokenService } from '../../src/platform/tokens/token-service.js';
import { TestYonder, describeApi } from '../support/harness.js';
import { Browser, type OidcApp, codeForm, createOidcApplication, personWithPasskey, tokenRequest } from '../support/oidc.js';
import type { SoftAuthenticator } from '../support/soft-authenticator.js';

/**
 * Userinfo's 401 says why the access token was refused, as the v1 API's do (expired, revoked,
 * another application's, a key this server does not have), in the body and in WWW-Authenticate.
 * A key another node made by a rotation is found, not taken for a stranger's.
 */
describeApi('OpenID Connect userinfo: a 401 says why', () => {
  let y: TestYonder;
  let app: OidcApp;
  let other: OidcApp;
  let passkey: SoftAuthenticator;
  let browser: Browser;

  beforeAll(async () => {
    y = await TestYonder.start();
    app = await createOidcApplication(y);
    other = await createOidcApplication(y);
    ({ passkey } = await personWithPasskey(y, 'ada'));
    browser = new Browser(y);
  });
  afterAll(async () => y?.close());

  async function accessToken(): Promise<string> {
    const tokens = await tokenRequest(y, app, await codeForm(browser, app, passkey));
    expect(tokens.status, tokens.text).toBe(200);
    return tokens.body.access_token;
  }

  async function refusal(target: OidcApp, token: string | null): Promise<string> {
    const reply = await y.request('GET', `${target.path}/userinfo`, { token });
    expect(reply.status, reply.text).toBe(401);
    const description = String(reply.body.error_description);
    if (token) {
      expect(reply.body.error).toBe('invalid_token');
      expect(reply.headers['www-authenticate']).toBe(`Bearer realm="yonder", error="invalid_token", error_description="${description}"`);
      expect(reply.text).not.toContain(token);
    }
    return description;
  }

  const managementToken = (tokens: TokenService, ttlSeconds: number) =>
    tokens.mint(y.yonder.store, { tenant: y.bootstrap.tenant, scopes: ['identities:read'], ttlSeconds, displayName: 'not for userinfo' });

  it("a live token is answered; revoked, or sent to another application's userinfo, it is refused saying so", async () => {
    const token = await accessToken();
    expect((await y.request('GET', `${app.path}/userinfo`, { token })).status).toBe(200);
    expect(await refusal(other, token)).toMatch(/issued to another application/);
    expect((await y.request('DELETE', `${app.path}/tokens/${decodeJwt(token).jti}`)).status).toBe(200);
    expect(await refusal(app, token)).toMatch(/has been revoked/);
  });

  it('an expired token, one signed with a stranger key, and none at all each say what is wrong', async () => {
    const { token: expired } = await managementToken(y.yonder.tokens, -60);
    expect(await refusal(app, expired)).toMatch(/has expired/);
    const { privateKey } = await generateKeyPair('RS256');
    const foreign = await new SignJWT(decodeJwt(expired)).setProtectedHeader({ alg: 'RS256', kid: 'another-server-key' }).sign(privateKey);
    expect(await refusal(app, foreign)).toMatch(/signed with a key this server does not have/);
    expect(await refusal(app, null)).toMatch(/send it as Authorization: Bearer/);
  });

  it('a token signed with the key another node made by a rotation is read, not refused as a stranger', async () => {
    const otherNode = new TokenService(y.yonder.store, y.yonder.config.publicUrl, y.yonder.masterKey);
    await otherNode.init();
    const { kid } = await otherNode.rotate();
    const { token } = await managementToken(otherNode, 600);
    expect(decodeProtectedHeader(token).kid).toBe(kid);
    // Read, so refused for what it is: a management token, not one of this application.
    expect(await refusal(app, token)).toMatch(/issued to another application/);
    expect((await y.yonder.tokens.signedClaims(token))?.jti).toBe(decodeJwt(token).jti);
  });
});
