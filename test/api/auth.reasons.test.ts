import { SignJWT, generateKeyPair } from 'jose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { nowTimestamp } from '../../src/domain/time.js';
import { TestYonder, describeApi } from '../support/harness.js';

/**
 * A 401 says why, in words a person can act on (get a new token, ask for the right audience, use
 * the right server), in the v1 error's message and in WWW-Authenticate's error_description
 * (RFC 6750 §3), and never echoes the token it refuses.
 */
describeApi('bearer tokens: a 401 says why the token was refused', () => {
  let y: TestYonder;

  beforeAll(async () => {
    y = await TestYonder.start();
  });
  afterAll(async () => y?.close());

  const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString());
  const headerOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString());

  async function refusal(authorization: string, path = y.realmPath('/identities')) {
    const reply = await y.request('GET', path, { token: null, headers: { authorization } });
    expect(reply.status).toBe(401);
    const token = authorization.replace(/^\S+\s*/, '');
    if (token.length > 8) {
      expect(reply.text).not.toContain(token);
      expect(String(reply.headers['www-authenticate'])).not.toContain(token);
    }
    return reply;
  }

  it('GET /identities without a token says a bearer token is needed, with the bare challenge', async () => {
    const reply = await y.request('GET', y.realmPath('/identities'), { token: null });
    expect(reply.status).toBe(401);
    expect(reply.body.code).toBe('unauthorized');
    expect(reply.body.message).toMatch(/needs a bearer token/);
    expect(reply.headers['www-authenticate']).toBe('Bearer');
  });

  it('an expired token is refused as expired, in the message and in error_description', async () => {
    const expired = await y.mintToken(['identities:read'], { ttlSeconds: -60 });
    const reply = await refusal(`Bearer ${expired}`);
    expect(reply.body).toEqual({ code: 'unauthorized', message: 'the token has expired; get a new one' });
    expect(reply.headers['www-authenticate']).toBe('Bearer error="invalid_token", error_description="the token has expired; get a new one"');
  });

  it('a revoked token is refused as revoked', async () => {
    const token = await y.mintToken(['identities:read']);
    await y.yonder.tokens.revoke(claimsOf(token).jti, nowTimestamp());
    expect((await refusal(`Bearer ${token}`)).body.message).toBe('the token has been revoked; get a new one');
  });

  it('a token for another audience is refused naming the audience this API expects', async () => {
    const { token } = await y.yonder.tokens.sign({
      tenant: y.bootstrap.tenant,
      scopes: ['identities:read'],
      ttlSeconds: 600,
      displayName: 'elsewhere',
      issuer: { applicationId: y.bootstrap.tenant.management_application_id, realmId: y.adminRealmId, audience: 'https://api.example', subject: 's' },
    });
    expect((await refusal(`Bearer ${token}`)).body.message).toMatch(/not meant for this API: its audience \(aud\) must be beyondidentity/);
  });

  it('a token signed with a key this server does not have is refused as such', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const foreign = await new SignJWT(claimsOf(y.token)).setProtectedHeader({ ...headerOf(y.token), kid: 'another-server-key' }).sign(privateKey);
    expect((await refusal(`Bearer ${foreign}`)).body.message).toMatch(/signed with a key this server does not have/);
  });

  it('a token whose signature does not verify is refused as altered or signed elsewhere', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT(claimsOf(y.token)).setProtectedHeader(headerOf(y.token)).sign(privateKey);
    expect((await refusal(`Bearer ${forged}`)).body.message).toMatch(/signature does not verify/);
  });

  it('a malformed token and a non-Bearer scheme each say what is wrong', async () => {
    expect((await refusal('Bearer not-a-jwt')).body.message).toMatch(/malformed: it is not a signed JWT/);
    expect((await refusal(`Basic ${Buffer.from('user:password').toString('base64')}`)).body.message).toMatch(/must use the Bearer scheme/);
  });

  it('SCIM answers a refused token with the same reason, in the SCIM error shape', async () => {
    const expired = await y.mintToken(['scim'], { ttlSeconds: -60 });
    const reply = await refusal(`Bearer ${expired}`, y.realmPath('/scim/v2/Users'));
    expect(reply.body).toMatchObject({ status: '401', detail: 'the token has expired; get a new one' });
    expect(reply.headers['www-authenticate']).toBe('Bearer error="invalid_token", error_description="the token has expired; get a new one"');
  });
});
