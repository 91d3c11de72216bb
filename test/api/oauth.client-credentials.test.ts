import { createLocalJWKSet, createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MANAGEMENT_SCOPES } from '../../src/domain/access/scopes.js';
import { type Reply, TestYonder, describeApi } from '../support/harness.js';
import { postForm } from '../support/oauth-client.js';

/**
 * What a script written for Beyond Identity does: `curl -u "$CLIENT_ID:$CLIENT_SECRET"
 * -d grant_type=client_credentials .../applications/$APP/token`, then calls the v1 API with the
 * token. The client id and secret come from the first-start banner (here: the bootstrap result).
 */
describeApi('OAuth client credentials: the token endpoint and the tokens it issues', () => {
  let y: TestYonder;
  let clientId: string;
  let clientSecret: string;
  let appPath: string;

  beforeAll(async () => {
    y = await TestYonder.start();
    const client = y.bootstrap.managementClient!;
    clientId = client.clientId;
    clientSecret = client.clientSecret;
    appPath = y.realmPath(`/applications/${client.applicationId}`, y.adminRealmId);
  });
  afterAll(async () => y?.close());

  function basic(id: string, secret: string): string {
    return `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
  }

  /** As curl sends `-u id:secret -d grant_type=...`. */
  function token(form: Record<string, string>, auth: string | null = basic(clientId, clientSecret), path = appPath): Promise<Reply> {
    return y.request('POST', `${path}/token`, {
      token: null,
      rawBody: new URLSearchParams(form).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(auth ? { authorization: auth } : {}) },
    });
  }

  it('POST /applications/{app}/token with Basic credentials returns an RFC 6749 token that creates an identity', async () => {
    const reply = await token({ grant_type: 'client_credentials' });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.body).toMatchObject({ token_type: 'Bearer', expires_in: 90 * 24 * 3600 });
    expect(reply.body.scope.split(' ').sort()).toEqual([...MANAGEMENT_SCOPES].sort());
    const created = await y.request('POST', y.realmPath('/identities'), {
      token: reply.body.access_token,
      body: { identity: { display_name: 'By Script', traits: { type: 'traits_v0', username: 'by-script' } } },
    });
    expect(created.status, created.text).toBe(200);
  });

  it('a token asked with only identities:read reads identities and gets 403 on create', async () => {
    const reply = await token({ grant_type: 'client_credentials', scope: 'identities:read' });
    expect(reply.status).toBe(200);
    expect(reply.body.scope).toBe('identities:read');
    const read = await y.request('GET', y.realmPath('/identities'), { token: reply.body.access_token });
    expect(read.status).toBe(200);
    const create = await y.request('POST', y.realmPath('/identities'), {
      token: reply.body.access_token,
      body: { identity: { display_name: 'No', traits: { type: 'traits_v0', username: 'no' } } },
    });
    expect(create.status).toBe(403);
    expect(create.body.code).toBe('forbidden');
  });

  it('client_secret_post works too; expiration_time shortens the lifetime', async () => {
    const reply = await token({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, expiration_time: '600' }, null);
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body.expires_in).toBe(600);
    const claims = decodeJwt(reply.body.access_token);
    expect(claims.exp! - claims.iat!).toBe(600);
  });

  it('the token verifies with jose against the published JWKS and carries bi_t, aud, scope and jti', async () => {
    const reply = await token({ grant_type: 'client_credentials', scope: 'identities:read groups:read' });
    const discovery = await y.request('GET', `${appPath}/.well-known/openid-configuration`, { token: null });
    expect(discovery.status).toBe(200);
    const issuer = `http://localhost:8080${appPath}`;
    expect(discovery.body).toMatchObject({ issuer, jwks_uri: `${issuer}/.well-known/jwks.json`, token_endpoint: `${issuer}/token` });
    const jwks = await y.request('GET', new URL(discovery.body.jwks_uri).pathname, { token: null });
    expect(jwks.status).toBe(200);
    const { payload, protectedHeader } = await jwtVerify(reply.body.access_token, createLocalJWKSet(jwks.body), {
      issuer,
      audience: 'beyondidentity',
      algorithms: ['RS256'],
    });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({ bi_t: y.tenantId, aud: ['beyondidentity'], scope: 'identities:read groups:read' });
    expect(typeof payload.jti).toBe('string');
  });

  it('discovery lists exactly what exists: no authorization endpoint, every listed endpoint served', async () => {
    const discovery = (await y.request('GET', `${appPath}/.well-known/openid-configuration`, { token: null })).body;
    // yonder has no authorization-code or implicit flow: nothing may point a client at one.
    expect(discovery).not.toHaveProperty('authorization_endpoint');
    expect(discovery).not.toHaveProperty('userinfo_endpoint');
    expect(discovery.response_types_supported).toEqual([]);
    expect(discovery.grant_types_supported).toEqual(['client_credentials']);
    const endpoints = Object.entries(discovery).filter(([key]) => key.endsWith('_endpoint') || key === 'jwks_uri');
    expect(endpoints.map(([key]) => key).sort()).toEqual(['introspection_endpoint', 'jwks_uri', 'revocation_endpoint', 'token_endpoint']);
    for (const [key, url] of endpoints) {
      const path = new URL(String(url)).pathname;
      const reply = key === 'jwks_uri' ? await y.request('GET', path, { token: null }) : await postForm(y, path, {}, null);
      // Served: the JWKS answers, the others ask for client authentication (not 404).
      expect(reply.status, key).toBe(key === 'jwks_uri' ? 200 : 401);
    }
  });

  it('the JWKS is served over HTTP for createRemoteJWKSet', async () => {
    await y.app.listen({ port: 0, host: '127.0.0.1' });
    const address = y.app.server.address() as { port: number };
    const reply = await token({ grant_type: 'client_credentials', scope: 'tenants:read' });
    const jwks = createRemoteJWKSet(new URL(`http://127.0.0.1:${address.port}${appPath}/.well-known/jwks.json`));
    const { payload } = await jwtVerify(reply.body.access_token, jwks, { audience: 'beyondidentity' });
    expect(payload.scope).toBe('tenants:read');
  });

  it('a wrong secret gets 401 invalid_client with WWW-Authenticate; no credentials too', async () => {
    const wrong = await token({ grant_type: 'client_credentials' }, basic(clientId, 'not-the-secret'));
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ error: 'invalid_client' });
    expect(String(wrong.headers['www-authenticate'])).toMatch(/^Basic /);
    const none = await token({ grant_type: 'client_credentials' }, null);
    expect(none.status).toBe(401);
    expect(none.body.error).toBe('invalid_client');
  });

  it('answers RFC 6749 errors: unsupported_grant_type, invalid_scope, invalid_request', async () => {
    expect((await token({ grant_type: 'password' })).body.error).toBe('unsupported_grant_type');
    const badScope = await token({ grant_type: 'client_credentials', scope: 'identities:read pets:feed' });
    expect(badScope.status).toBe(400);
    expect(badScope.body.error).toBe('invalid_scope');
    expect((await token({})).body.error).toBe('invalid_request');
    const tooLong = await token({ grant_type: 'client_credentials', expiration_time: String(91 * 24 * 3600) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error).toBe('invalid_request');
    const notNumber = await token({ grant_type: 'client_credentials', expiration_time: '1e3' });
    expect(notNumber.body.error).toBe('invalid_request');
    const repeated = await y.request('POST', `${appPath}/token`, {
      token: null,
      rawBody: 'grant_type=client_credentials&grant_type=client_credentials',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(clientId, clientSecret) },
    });
    expect(repeated.status).toBe(400);
    expect(repeated.body.error).toBe('invalid_request');
    const json = await y.request('POST', `${appPath}/token`, {
      token: null,
      rawBody: '{"grant_type":',
      headers: { authorization: basic(clientId, clientSecret) },
    });
    expect(json.status).toBe(400);
    expect(json.status).not.toBe(500);
  });

  it('the rest of the API stays JSON-only: a form body elsewhere is 415', async () => {
    const reply = await y.request('POST', y.realmPath('/identities'), {
      rawBody: 'identity=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(reply.status).toBe(415);
  });

  it('an unknown application answers 401 invalid_client, and its discovery 404', async () => {
    const path = y.realmPath('/applications/00000000-0000-4000-8000-000000000000', y.adminRealmId);
    expect((await token({ grant_type: 'client_credentials' }, basic(clientId, clientSecret), path)).status).toBe(401);
    expect((await y.request('GET', `${path}/.well-known/openid-configuration`, { token: null })).status).toBe(404);
  });

  it('tokens issued at once share a commit (group commit): each answered with its own token, its record and one token.issued event', async () => {
    const sizes: number[] = [];
    const stop = y.yonder.store.groupCommitBatches.add(({ table, size }) => {
      if (table === 'api_tokens') sizes.push(size);
    });
    try {
      const replies = await Promise.all(Array.from({ length: 12 }, () => token({ grant_type: 'client_credentials', scope: 'identities:read' })));
      expect(replies.map((r) => r.status)).toEqual(Array(12).fill(200));
      const jtis = replies.map((r) => decodeJwt(r.body.access_token).jti as string);
      expect(new Set(jtis).size).toBe(12);
      expect(Math.max(...sizes), `batch sizes ${sizes}`).toBeGreaterThan(1);
      for (const [i, jti] of jtis.entries()) {
        expect((await y.yonder.store.tokens.get(jti))?.scopes).toBe('identities:read');
        // Each token works at once: its record was committed before it was answered.
        expect((await y.request('GET', y.realmPath('/identities'), { token: replies[i]?.body.access_token })).status).toBe(200);
      }
      const events = await y.request('GET', y.realmPath('/events?type=token.issued&page_size=100', y.adminRealmId));
      const issued = events.body.events.map((e: { resource_id: string }) => e.resource_id);
      for (const jti of jtis) expect(issued.filter((id: string) => id === jti)).toHaveLength(1);
    } finally {
      stop();
    }
  });
});
