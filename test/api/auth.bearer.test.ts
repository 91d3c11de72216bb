import { SignJWT, generateKeyPair } from 'jose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { nowTimestamp } from '../../src/domain/time.js';
import { VERIFIED_TOKEN_TTL_MS } from '../../src/platform/tokens/token-service.js';
import { TestYonder, describeApi } from '../support/harness.js';

describeApi('bearer tokens: 401 for bad tokens, 403 for the wrong tenant, realm or scope', () => {
  let y: TestYonder;
  let realmB: string;
  const identityBody = (username: string) => ({
    identity: { display_name: username, traits: { type: 'traits_v0', username } },
  });

  beforeAll(async () => {
    y = await TestYonder.start();
    realmB = (await y.request('POST', `/v1/tenants/${y.tenantId}/realms`, { body: { realm: { display_name: 'B' } } })).body.id;
  });
  afterAll(async () => y?.close());

  it('no token gets 401 unauthorized with a WWW-Authenticate header', async () => {
    const reply = await y.request('GET', y.realmPath('/identities'), { token: null });
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual({
      code: 'unauthorized',
      message: 'this API needs a bearer token: send Authorization: Bearer followed by an access token',
    });
    expect(reply.headers['www-authenticate']).toBe('Bearer');
  });

  it('401 comes before body validation: an unauthenticated malformed body learns nothing', async () => {
    const reply = await y.request('POST', y.realmPath('/identities'), { token: null, rawBody: '{nope' });
    expect(reply.status).toBe(401);
  });

  it('a malformed, a badly signed, an expired and a non-Bearer token each get 401', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const header = JSON.parse(Buffer.from(y.token.split('.')[0] ?? '', 'base64url').toString());
    const payload = JSON.parse(Buffer.from(y.token.split('.')[1] ?? '', 'base64url').toString());
    const forged = await new SignJWT(payload).setProtectedHeader(header).sign(privateKey);
    // Expired a minute ago when it was signed: no waiting for a clock to pass it.
    const expired = await y.mintToken(['identities:read'], { ttlSeconds: -60 });
    for (const headerValue of ['Bearer nope', `Bearer ${forged}`, `Bearer ${expired}`, `Basic ${y.token}`, 'Bearer', '']) {
      const reply = await y.request('GET', y.realmPath('/identities'), { token: null, headers: { authorization: headerValue } });
      expect(reply.status, headerValue.slice(0, 20)).toBe(401);
    }
  });

  it('a token whose signature is fine but whose payload was altered gets 401', async () => {
    const [h, p, s] = y.token.split('.');
    const payload = JSON.parse(Buffer.from(p ?? '', 'base64url').toString());
    payload.scope = `${payload.scope} extra:scope`;
    const altered = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    expect((await y.request('GET', y.realmPath('/identities'), { token: altered })).status).toBe(401);
  });

  it('a token revoked by this process gets 401 from the next request on', async () => {
    const token = await y.mintToken(['identities:read']);
    expect((await y.request('GET', y.realmPath('/identities'), { token })).status).toBe(200);
    const jti = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()).jti as string;
    expect(await y.yonder.tokens.revoke(jti, nowTimestamp())).toBe(true);
    expect((await y.request('GET', y.realmPath('/identities'), { token })).status).toBe(401);
  });

  it('a token revoked by another process (straight in the store) gets 401 within a second', async () => {
    const token = await y.mintToken(['identities:read']);
    expect((await y.request('GET', y.realmPath('/identities'), { token })).status).toBe(200);
    const jti = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()).jti as string;
    expect(await y.yonder.store.tokens.revoke(jti, nowTimestamp())).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, VERIFIED_TOKEN_TTL_MS + 50));
    expect((await y.request('GET', y.realmPath('/identities'), { token })).status).toBe(401);
  });

  it('a token restricted to realm A gets 403 on realm B, and on tenant-wide routes', async () => {
    const token = await y.mintToken(['identities:read', 'identities:create', 'realms:read'], { realmId: y.realmId });
    expect((await y.request('GET', y.realmPath('/identities'), { token })).status).toBe(200);
    const other = await y.request('GET', y.realmPath('/identities', realmB), { token });
    expect(other.status).toBe(403);
    expect(other.body).toEqual({
      code: 'forbidden',
      message: `The token is restricted to one realm (${y.realmId}); this request is outside it.`,
    });
    expect((await y.request('POST', y.realmPath('/identities', realmB), { token, body: identityBody('x') })).status).toBe(403);
    expect((await y.request('GET', `/v1/tenants/${y.tenantId}/realms`, { token })).status).toBe(403);
  });

  it('a token without identities:create gets 403 on POST /identities and creates nothing', async () => {
    const token = await y.mintToken(['identities:read']);
    const reply = await y.request('POST', y.realmPath('/identities'), { token, body: identityBody('noscope') });
    expect(reply.status).toBe(403);
    expect(reply.body.message).toBe('The token lacks the scope this request needs: identities:create.');
    // A route needing two scopes names both.
    const both = await y.request('GET', y.realmPath('/resource-servers/x/roles/y:listScopes'), { token });
    expect(both.body.message).toBe('The token lacks the scope this request needs: roles:read and resource-servers:read.');
    const list = await y.request('GET', y.realmPath('/identities?filter=traits.username eq "noscope"'), { token });
    expect(list.body.total_size).toBe(0);
  });

  it('a valid token used on another tenant id gets 403', async () => {
    const reply = await y.request('GET', '/v1/tenants/0000000000000000/realms');
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual({ code: 'forbidden', message: 'The token is not for this tenant.' });
    expect((await y.request('GET', '/v1/tenants/0000000000000000')).status).toBe(403);
  });

  it('the token verifies against the published JWKS and carries Beyond Identity claims', async () => {
    const { createLocalJWKSet, jwtVerify } = await import('jose');
    const jwks = await y.request('GET', '/.well-known/jwks.json', { token: null });
    expect(jwks.status).toBe(200);
    const { payload, protectedHeader } = await jwtVerify(y.token, createLocalJWKSet(jwks.body));
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({ bi_t: y.tenantId, aud: ['beyondidentity'] });
    expect(typeof payload.jti).toBe('string');
    expect(String(payload.scope).split(' ')).toContain('identities:create');
    expect(payload.iss).toMatch(new RegExp(`/v1/tenants/${y.tenantId}/realms/${y.adminRealmId}/applications/`));
    for (const key of jwks.body.keys) expect(key).not.toHaveProperty('d');
  });
});
