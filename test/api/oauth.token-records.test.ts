import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestYonder, describeApi } from '../support/harness.js';
import { basicAuth, createClientApplication, postForm } from '../support/oauth-client.js';

describeApi('OAuth tokens: records, revocation, introspection, rate limit', () => {
  let y: TestYonder;
  let other: TestYonder;
  let appPath: string;
  let auth: string;

  beforeAll(async () => {
    y = await TestYonder.start();
    // A second process on the same database (same tenant, its own token cache, if any).
    other = await TestYonder.start(y.databaseLocation);
    const client = y.bootstrap.managementClient!;
    appPath = y.realmPath(`/applications/${client.applicationId}`, y.adminRealmId);
    auth = basicAuth(client.clientId, client.clientSecret);
  });
  afterAll(async () => {
    await other?.stop();
    await y?.close();
  });

  const issue = async (scope = 'identities:read') => {
    const reply = await postForm(y, `${appPath}/token`, { grant_type: 'client_credentials', scope }, auth);
    expect(reply.status, reply.text).toBe(200);
    return reply.body.access_token as string;
  };
  const jtiOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).jti as string;

  it('GET /applications/{app}/tokens lists an issued token by its jti', async () => {
    const token = await issue('identities:read groups:read');
    const list = await y.request('GET', `${appPath}/tokens`);
    expect(list.status, list.text).toBe(200);
    const listed = list.body.tokens.find((t: { id: string }) => t.id === jtiOf(token));
    expect(listed).toMatchObject({
      scopes: ['identities:read', 'groups:read'],
      token_suffix: token.slice(-4),
      token_format: 'self_contained',
      token_type: 'access',
    });
    expect(listed.expires - listed.issued_at).toBe(90 * 24 * 3600);
  });

  it('GET /applications/{app}/tokens?principal_type&principal_id lists only the tokens of that principal; bad values are 400', async () => {
    const appId = y.bootstrap.managementClient!.applicationId;
    const jti = jtiOf(await issue());
    const ids = async (query: string) => {
      const reply = await y.request('GET', `${appPath}/tokens?${query}`);
      expect(reply.status, reply.text).toBe(200);
      expect(reply.body.total_size).toBe(reply.body.tokens.length);
      return reply.body.tokens.map((t: { id: string }) => t.id) as string[];
    };
    expect(await ids(`principal_type=application&principal_id=${appId}`)).toContain(jti);
    // A client-credentials token's principal is the application itself, never an identity.
    expect(await ids(`principal_type=identity&principal_id=${appId}`)).toEqual([]);
    expect(await ids('principal_type=application&principal_id=0123456789abcdef')).toEqual([]);
    for (const query of [
      'principal_type=bogus&principal_id=x',
      `principal_id=${appId}`,
      'principal_type=application',
      'principal_type=identity&principal_id=',
    ]) {
      const reply = await y.request('GET', `${appPath}/tokens?${query}`);
      expect(reply.status, `${query}: ${reply.text}`).toBe(400);
      expect(reply.body.code).toBe('bad_request');
    }
  });

  it('DELETE /applications/{app}/tokens/{id}: the next call is 401 on this process, and on every process within a second', async () => {
    const token = await issue();
    expect((await y.request('GET', y.realmPath('/identities'), { token })).status).toBe(200);
    expect((await other.request('GET', other.realmPath('/identities'), { token })).status).toBe(200);
    const deleted = await y.request('DELETE', `${appPath}/tokens/${jtiOf(token)}`);
    expect(deleted.status).toBe(200);
    expect(deleted.text).toBe('');
    expect((await y.request('GET', y.realmPath('/identities'), { token })).status).toBe(401);
    // Another process may trust a token it verified for at most a second (the verification cache).
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await other.request('GET', other.realmPath('/identities'), { token })).status).toBe(401);
    const list = await y.request('GET', `${appPath}/tokens`);
    expect(list.body.tokens.some((t: { id: string }) => t.id === jtiOf(token))).toBe(false);
    expect((await y.request('DELETE', `${appPath}/tokens/${jtiOf(token)}`)).status).toBe(404);
  });

  it('tokens of one application are not listed or deletable under another', async () => {
    const robot = await createClientApplication(y);
    const token = await issue();
    expect((await y.request('DELETE', `${robot.path}/tokens/${jtiOf(token)}`)).status).toBe(404);
    expect((await y.request('GET', `${robot.path}/tokens`)).body.tokens).toEqual([]);
    expect((await y.request('GET', y.realmPath('/applications/nope/tokens'))).status).toBe(404);
  });

  it('POST /applications/{app}/revoke (RFC 7009) revokes; unknown tokens also answer 200', async () => {
    const token = await issue();
    const reply = await postForm(y, `${appPath}/revoke`, { token, token_type_hint: 'access_token' }, auth);
    expect(reply.status).toBe(200);
    expect((await y.request('GET', y.realmPath('/identities'), { token })).status).toBe(401);
    expect((await postForm(y, `${appPath}/revoke`, { token: 'garbage' }, auth)).status).toBe(200);
    expect((await postForm(y, `${appPath}/revoke`, { token }, basicAuth('x', 'y'))).status).toBe(401);
    expect((await postForm(y, `${appPath}/revoke`, {}, auth)).body.error).toBe('invalid_request');
  });

  it('POST /realms/{r}/introspect (RFC 7662) answers the claims of a live token and active:false otherwise', async () => {
    const token = await issue('identities:read');
    const introspect = y.realmPath('/introspect', y.adminRealmId);
    const live = await postForm(y, introspect, { token }, auth);
    expect(live.status, live.text).toBe(200);
    expect(live.body).toMatchObject({
      active: true,
      scope: 'identities:read',
      client_id: y.bootstrap.managementClient!.clientId,
      token_type: 'Bearer',
      bi_t: y.tenantId,
      aud: ['beyondidentity'],
      jti: jtiOf(token),
    });
    await y.request('DELETE', `${appPath}/tokens/${jtiOf(token)}`);
    expect((await postForm(y, introspect, { token }, auth)).body).toEqual({ active: false });
    expect((await postForm(y, introspect, { token: 'x.y.z' }, auth)).body).toEqual({ active: false });
    expect((await postForm(y, introspect, { token }, null)).status).toBe(401);
  });

  it("POST /applications/{app}/tokens creates a named token with chosen scopes, within the caller's", async () => {
    const reply = await y.request('POST', `${appPath}/tokens`, {
      body: { token: { display_name: 'CI identities', scopes: ['identities:read', 'identities:create'], expires_after: 3600 } },
    });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body).toMatchObject({ display_name: 'CI identities', scopes: ['identities:read', 'identities:create'], token_type: 'access' });
    expect(reply.body.expires - reply.body.issued_at).toBe(3600);
    const token = reply.body.access_token;
    expect((await y.request('GET', y.realmPath('/identities'), { token })).status).toBe(200);
    expect((await y.request('GET', y.realmPath('/groups'), { token })).status).toBe(403);
    const listed = await y.request('GET', `${appPath}/tokens`);
    expect(listed.body.tokens.find((t: { id: string }) => t.id === reply.body.id).display_name).toBe('CI identities');

    const weak = await y.mintToken(['tokens:create', 'identities:read']);
    const escalate = await y.request('POST', `${appPath}/tokens`, {
      token: weak,
      body: { token: { display_name: 'more', scopes: ['identities:delete'] } },
    });
    expect(escalate.status).toBe(403);
    const unknown = await y.request('POST', `${appPath}/tokens`, { body: { token: { display_name: 'x', scopes: ['pets:feed'] } } });
    expect(unknown.status).toBe(400);
    const empty = await y.request('POST', `${appPath}/tokens`, { body: { token: { display_name: 'x', scopes: [] } } });
    expect(empty.status).toBe(400);
    const tooLong = await y.request('POST', `${appPath}/tokens`, {
      body: { token: { display_name: 'x', scopes: ['tenants:read'], expires_after: 91 * 24 * 3600 } },
    });
    expect(tooLong.status).toBe(400);
  });

  it('POST /applications/{app}/tokens with realm_id mints a token that works in that realm only', async () => {
    const reply = await y.request('POST', `${appPath}/tokens`, {
      body: { token: { display_name: 'SCIM for Default', scopes: ['identities:read'], realm_id: y.realmId } },
    });
    expect(reply.status, reply.text).toBe(200);
    const token = reply.body.access_token;
    expect((await y.request('GET', y.realmPath('/identities'), { token })).status).toBe(200);
    expect((await y.request('GET', y.realmPath('/identities', y.adminRealmId), { token })).status).toBe(403);

    const unknownRealm = await y.request('POST', `${appPath}/tokens`, {
      body: { token: { display_name: 'x', scopes: ['identities:read'], realm_id: 'no-such-realm' } },
    });
    expect(unknownRealm.status).toBe(400);
    expect(unknownRealm.body.details[0].field_violations[0].field).toBe('token.realm_id');

    // A realm-restricted caller can neither widen its token to the tenant nor point it at another realm.
    const robot = await createClientApplication(y);
    const restricted = await y.mintToken(['tokens:create', 'pets:read'], { realmId: y.realmId });
    const minted = await y.request('POST', `${robot.path}/tokens`, {
      token: restricted,
      body: { token: { display_name: 'narrow', scopes: ['pets:read'] } },
    });
    expect(minted.status, minted.text).toBe(200);
    const claims = JSON.parse(Buffer.from(minted.body.access_token.split('.')[1], 'base64url').toString());
    expect(claims.bi_r).toBe(y.realmId);
    const widened = await y.request('POST', `${robot.path}/tokens`, {
      token: restricted,
      body: { token: { display_name: 'wide', scopes: ['pets:read'], realm_id: y.adminRealmId } },
    });
    expect(widened.status).toBe(403);
  });

  it('a token of another resource server does not work on the management API', async () => {
    const robot = await createClientApplication(y);
    const reply = await postForm(y, `${robot.path}/token`, { grant_type: 'client_credentials' }, basicAuth(robot.clientId, robot.clientSecret));
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body.scope).toBe('pets:read pets:write');
    expect((await y.request('GET', y.realmPath('/identities'), { token: reply.body.access_token })).status).toBe(401);
  });

  it('50 wrong secrets in a row from one address get 429 with Retry-After, counted across processes; that address is then locked out', async () => {
    const robot = await createClientApplication(y);
    const statuses: number[] = [];
    let retryAfter: unknown;
    for (let i = 0; i < 50; i++) {
      const process = i % 2 === 0 ? y : other;
      const reply = await postForm(process, `${robot.path}/token`, { grant_type: 'client_credentials' }, basicAuth(robot.clientId, `wrong-${i}`));
      statuses.push(reply.status);
      if (reply.status === 429) retryAfter = reply.headers['retry-after'];
    }
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(20).every((s) => s === 429)).toBe(true);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(Number(retryAfter)).toBeLessThanOrEqual(300);
    // Past the limit even the right secret waits from that address: the check comes before the secret's.
    const right = await postForm(y, `${robot.path}/token`, { grant_type: 'client_credentials' }, basicAuth(robot.clientId, robot.clientSecret));
    expect(right.status).toBe(429);
    // From another address the client is not locked out (test/api/rate-limits.test.ts has the rest).
    const elsewhere = await postForm(
      y,
      `${robot.path}/token`,
      { grant_type: 'client_credentials' },
      basicAuth(robot.clientId, robot.clientSecret),
      '198.51.100.77',
    );
    expect(elsewhere.status).toBe(200);
  });
});
