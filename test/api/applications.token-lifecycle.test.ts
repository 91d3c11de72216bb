import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { TestYonder, describeApi } from '../support/harness.js';
import { adminRealmFixtures } from '../support/management.js';
import { basicAuth, postForm } from '../support/oauth-client.js';

const jtiOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()).jti as string;

/**
 * A token issued through an application lives no longer, and carries no more, than the
 * application allows: deleting the application revokes its tokens in the same transaction, and a
 * scope taken out of `allowed_scopes` is gone from the tokens issued before (the record is read on
 * every request; another process trusts what it verified for at most a second).
 */
describeApi('applications: tokens do not outlive or outgrow their application', () => {
  let y: TestYonder;
  let other: TestYonder;
  let managementServer: string;

  const admin = (rest: string) => y.realmPath(rest, y.adminRealmId);
  /** Until another process, past its one-second trust, answers `status`; bounded so a hang fails. */
  const eventually = (check: () => Promise<number>, status: number) =>
    vi.waitFor(async () => expect(await check()).toBe(status), { timeout: 20_000, interval: 100 });

  async function robot(allowed: string[]) {
    const created = await y.request('POST', admin('/applications'), {
      body: {
        application: {
          display_name: 'Robot',
          resource_server_id: managementServer,
          protocol_config: { type: 'oauth2', grant_type: ['client_credentials'], allowed_scopes: allowed },
        },
      },
    });
    expect(created.status, created.text).toBe(200);
    const { client_id: clientId, client_secret: secret } = created.body.protocol_config;
    const path = admin(`/applications/${created.body.id}`);
    const issue = async (scope?: string) => {
      const form = { grant_type: 'client_credentials', ...(scope ? { scope } : {}) };
      const reply = await postForm(y, `${path}/token`, form, basicAuth(clientId, secret));
      expect(reply.status, reply.text).toBe(200);
      return reply.body.access_token as string;
    };
    return { id: created.body.id as string, path, issue, basic: basicAuth(clientId, secret) };
  }

  beforeAll(async () => {
    y = await TestYonder.start();
    other = await TestYonder.start(y.databaseLocation);
    ({ managementServer } = await adminRealmFixtures(y));
  });
  afterAll(async () => {
    await other?.stop();
    await y?.close();
  });

  it('DELETE of an application revokes its tokens at once, on every process', async () => {
    const app = await robot(['identities:read']);
    const issued = await app.issue();
    const named = await y.request('POST', `${app.path}/tokens`, { body: { token: { display_name: 'named', scopes: ['identities:read'] } } });
    expect(named.status, named.text).toBe(200);
    const tokens = [issued, named.body.access_token as string];
    for (const token of tokens) {
      expect((await y.request('GET', admin('/identities'), { token })).status).toBe(200);
      expect((await other.request('GET', admin('/identities'), { token })).status).toBe(200);
    }
    expect((await y.request('DELETE', app.path)).status).toBe(200);
    for (const token of tokens) {
      expect((await y.request('GET', admin('/identities'), { token })).status).toBe(401);
      await eventually(async () => (await other.request('GET', admin('/identities'), { token })).status, 401);
      // Revoked, not forgotten: the record stays for the audit trail, marked revoked.
      expect((await y.yonder.store.tokens.get(jtiOf(token)))?.revoked_at).not.toBeNull();
    }
    // The application is gone, and so is its token list.
    expect((await y.request('GET', `${app.path}/tokens`)).status).toBe(404);
  });

  it('a token of an application deleted before this rule (record left unrevoked) is refused too', async () => {
    const app = await robot(['identities:read']);
    const token = await app.issue();
    // As an older yonder left it: the application row deleted, the token record untouched.
    await y.yonder.store.applications.delete(y.adminRealmId, app.id);
    await eventually(async () => (await other.request('GET', admin('/identities'), { token })).status, 401);
  });

  it('a scope removed from allowed_scopes is gone from tokens issued before; the others keep working', async () => {
    const app = await robot(['identities:read', 'groups:read']);
    const token = await app.issue('identities:read groups:read');
    expect((await other.request('GET', admin('/groups'), { token })).status).toBe(200);
    const narrowed = await y.request('PATCH', app.path, {
      body: { application: { protocol_config: { type: 'oauth2', grant_type: ['client_credentials'], allowed_scopes: ['identities:read'] } } },
    });
    expect(narrowed.status, narrowed.text).toBe(200);
    expect((await y.request('GET', admin('/groups'), { token })).status).toBe(403);
    expect((await y.request('GET', admin('/identities'), { token })).status).toBe(200);
    await eventually(async () => (await other.request('GET', admin('/groups'), { token })).status, 403);
    // Introspection says what the token can still do.
    const introspected = await postForm(y, admin('/introspect'), { token }, app.basic);
    expect(introspected.status, introspected.text).toBe(200);
    expect(introspected.body).toMatchObject({ active: true, scope: 'identities:read' });
    const listed = (await y.request('GET', `${app.path}/tokens`)).body.tokens.find((t: { id: string }) => t.id === jtiOf(token));
    expect(listed.scopes).toEqual(['identities:read']);
  });

  it('rotating a secret leaves tokens issued earlier working; DELETE .../tokens/{id} revokes one', async () => {
    const app = await robot(['identities:read']);
    const token = await app.issue();
    expect((await y.request('POST', `${app.path}:rotateSecret`)).status).toBe(200);
    expect((await y.request('GET', admin('/identities'), { token })).status).toBe(200);
    expect((await y.request('DELETE', `${app.path}/tokens/${jtiOf(token)}`)).status).toBe(200);
    expect((await y.request('GET', admin('/identities'), { token })).status).toBe(401);
  });

  it("the operator's tokens (command line, Management API application) keep every scope", async () => {
    const cli = await y.mintToken(['tenants:read', 'identities:read']);
    expect((await y.request('GET', `/v1/tenants/${y.tenantId}`, { token: cli })).status).toBe(200);
    const management = y.bootstrap.managementClient!;
    const issued = await postForm(
      y,
      admin(`/applications/${management.applicationId}/token`),
      { grant_type: 'client_credentials' },
      basicAuth(management.clientId, management.clientSecret),
    );
    expect(issued.status, issued.text).toBe(200);
    expect((await y.request('GET', `/v1/tenants/${y.tenantId}`, { token: issued.body.access_token })).status).toBe(200);
  });
});
