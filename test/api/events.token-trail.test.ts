import { afterAll, beforeAll, expect, it } from 'vitest';
import { REDACTED } from '../../src/domain/audit/redact.js';
import { TestYonder, describeApi } from '../support/harness.js';
import { basicAuth, createClientApplication, postForm } from '../support/oauth-client.js';

/**
 * Issue 9's audit trail for token writes: a token issued by the token endpoint or the named-token
 * endpoint, a token deleted, a token revoked by RFC 7009, a client secret rotated. Each is one
 * event in the issuing application's realm, written with the change; none carries a token or a
 * secret; rejected requests leave none.
 */
describeApi('events: the audit trail of tokens and client secrets', () => {
  let y: TestYonder;
  let robot: Awaited<ReturnType<typeof createClientApplication>>;

  beforeAll(async () => {
    y = await TestYonder.start();
    robot = await createClientApplication(y);
  });
  afterAll(async () => y?.close());

  const jtiOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()).jti as string;

  async function eventsOf(resourceId: string, realmId = y.realmId) {
    const reply = await y.request('GET', y.realmPath(`/events?resource_id=${resourceId}`, realmId));
    expect(reply.status, reply.text).toBe(200);
    return reply.body.events as any[];
  }
  const count = async (realmId = y.realmId) => (await y.request('GET', y.realmPath('/events?page_size=1', realmId))).body.total_size as number;

  it('the token endpoint records token.issued, by the client, with no token in it', async () => {
    const reply = await postForm(
      y,
      `${robot.path}/token`,
      { grant_type: 'client_credentials', scope: 'pets:read' },
      basicAuth(robot.clientId, robot.clientSecret),
    );
    expect(reply.status, reply.text).toBe(200);
    const jti = jtiOf(reply.body.access_token);
    const [event, ...more] = await eventsOf(jti);
    expect(more).toEqual([]);
    expect(event).toMatchObject({
      type: 'token.issued',
      resource_type: 'token',
      resource_id: jti,
      realm_id: y.realmId,
      actor: { type: 'client', application_id: robot.id },
      address: '127.0.0.1',
      before: null,
      after: { id: jti, scopes: ['pets:read'], application_id: robot.id, issued_by: 'client_credentials', revoked_at: null },
    });
    const text = JSON.stringify(event);
    expect(text).not.toContain(reply.body.access_token);
    expect(text).not.toContain(reply.body.access_token.split('.')[2]);
    expect(text).not.toContain(robot.clientSecret);
    // The actor filter finds what the client did by its application id.
    const byClient = await y.request('GET', y.realmPath(`/events?actor=${robot.id}`));
    expect(byClient.body.events.map((e: { resource_id: string }) => e.resource_id)).toContain(jti);
  });

  it('a refused token request records nothing', async () => {
    const before = await count();
    expect(
      (
        await postForm(
          y,
          `${robot.path}/token`,
          { grant_type: 'client_credentials', scope: 'pets:feed' },
          basicAuth(robot.clientId, robot.clientSecret),
        )
      ).status,
    ).toBe(400);
    expect((await postForm(y, `${robot.path}/token`, { grant_type: 'client_credentials' }, basicAuth(robot.clientId, 'wrong'))).status).toBe(401);
    expect(await count()).toBe(before);
  });

  it('the named-token endpoint records token.issued by the calling token; DELETE records token.deleted once', async () => {
    const management = y.bootstrap.tenant.management_application_id;
    const appPath = y.realmPath(`/applications/${management}`, y.adminRealmId);
    const created = await y.request('POST', `${appPath}/tokens`, { body: { token: { display_name: 'CI', scopes: ['identities:read'] } } });
    expect(created.status, created.text).toBe(200);
    const jti = created.body.id;
    expect((await y.request('DELETE', `${appPath}/tokens/${jti}`)).status).toBe(200);
    expect((await y.request('DELETE', `${appPath}/tokens/${jti}`)).status).toBe(404);

    const events = (await eventsOf(jti, y.adminRealmId)).reverse();
    expect(events.map((e) => e.type)).toEqual(['token.issued', 'token.deleted']);
    const [issued, deleted] = events;
    expect(issued).toMatchObject({
      actor: { type: 'token', jti: jtiOf(y.token) },
      after: { id: jti, display_name: 'CI', scopes: ['identities:read'], issued_by: 'create_token' },
    });
    expect(deleted).toMatchObject({ type: 'token.deleted', before: { id: jti, revoked_at: null }, after: null, actor: { type: 'token' } });
    expect(JSON.stringify(events)).not.toContain(created.body.access_token);
  });

  it('RFC 7009 revocation records token.revoked by the client; unknown or foreign tokens record nothing', async () => {
    const issued = await postForm(y, `${robot.path}/token`, { grant_type: 'client_credentials' }, basicAuth(robot.clientId, robot.clientSecret));
    const token = issued.body.access_token as string;
    expect((await postForm(y, `${robot.path}/revoke`, { token }, basicAuth(robot.clientId, robot.clientSecret))).status).toBe(200);
    const before = await count();
    // Again, garbage, and a token of another application: all 200, none a change.
    expect((await postForm(y, `${robot.path}/revoke`, { token }, basicAuth(robot.clientId, robot.clientSecret))).status).toBe(200);
    expect((await postForm(y, `${robot.path}/revoke`, { token: 'x.y.z' }, basicAuth(robot.clientId, robot.clientSecret))).status).toBe(200);
    expect((await postForm(y, `${robot.path}/revoke`, { token: y.token }, basicAuth(robot.clientId, robot.clientSecret))).status).toBe(200);
    expect(await count()).toBe(before);

    const [revoked] = await eventsOf(jtiOf(token));
    expect(revoked).toMatchObject({
      type: 'token.revoked',
      actor: { type: 'client', application_id: robot.id },
      before: { id: jtiOf(token), revoked_at: null },
      after: { id: jtiOf(token), revoked_at: expect.any(String) },
    });
    expect(JSON.stringify(revoked)).not.toContain(token);
  });

  it(':rotateSecret records application.secret_rotated with neither the secret nor its hash; a refused rotation records nothing', async () => {
    const rotated = await y.request('POST', `${robot.path}:rotateSecret`);
    expect(rotated.status, rotated.text).toBe(200);
    const secret = rotated.body.protocol_config.client_secret as string;
    const events = await eventsOf(robot.id);
    const event = events.find((e) => e.type === 'application.secret_rotated');
    expect(event).toMatchObject({
      resource_type: 'application',
      actor: { type: 'token', jti: jtiOf(y.token) },
      before: { id: robot.id, client_secret_hash: REDACTED },
      after: { id: robot.id, client_secret_hash: REDACTED },
    });
    const trail = (await y.request('GET', y.realmPath('/events?page_size=200'))).text;
    expect(trail).not.toContain(secret);
    expect(trail).not.toContain(robot.clientSecret);

    const before = await count();
    const weak = await y.mintToken(['applications:read']);
    expect((await y.request('POST', `${robot.path}:rotateSecret`, { token: weak })).status).toBe(403);
    const spa = await y.request('POST', y.realmPath('/applications'), {
      body: { application: { display_name: 'SPA', protocol_config: { type: 'oidc', confidentiality: 'public' } } },
    });
    expect(spa.status, spa.text).toBe(200);
    const afterCreate = await count();
    expect(afterCreate).toBe(before + 1);
    expect((await y.request('POST', y.realmPath(`/applications/${spa.body.id}:rotateSecret`))).status).toBe(409);
    expect(await count()).toBe(afterCreate);
  });
});
