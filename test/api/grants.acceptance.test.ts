import { afterAll, beforeAll, expect, it } from 'vitest';
import { MANAGEMENT_SCOPES } from '../../src/domain/access/scopes.js';
import { type Reply, TestYonder, describeApi } from '../support/harness.js';
import { adminRealmFixtures } from '../support/management.js';
import { TEST_ORIGIN, enrollThrough, mintConsoleToken, signInWith } from '../support/console.js';
import { basicAuth, postForm } from '../support/oauth-client.js';

/**
 * Issue 14's attacks on grants, replayed as the report narrates them: narrow tokens restricted to
 * the admin realm, and console tokens of people whose roles give them a few scopes. Each climb is
 * refused with 403, and afterwards the operator's secret and tokens work as before.
 */
describeApi('grants acceptance: the escalation paths of issue 14 are closed', () => {
  let y: TestYonder;
  let managementServer: string;
  let tenantAdministrator: string;
  let administrators: string;
  let adminIdentity: string;
  let consoleApp: string;
  /** A token the operator minted before the attacks (as `yonder token create` would). */
  let operatorToken: string;

  const admin = (rest: string) => y.realmPath(rest, y.adminRealmId);
  const management = () => y.bootstrap.managementClient!;
  const role = (id: string, verb: string) => admin(`/resource-servers/${managementServer}/roles/${id}:${verb}`);
  const scopesOf = (reply: Reply) => String(reply.body.scope).split(' ').sort();

  function expectRefused(reply: Reply): void {
    expect(reply.status, reply.text).toBe(403);
    expect(reply.body.code).toBe('forbidden');
    expect(reply.body.message).toMatch(/would grant/);
  }

  /**
   * A person of the admin realm allowed into the console through a group of their own, whose role
   * gives `scopes`: as an operator would set up a help desk. Answers their identity id and a
   * console token minted from a real passkey sign-in.
   */
  async function consolePerson(username: string, scopes: readonly string[]): Promise<{ id: string; token: string; cookie: string }> {
    const group = await y.request('POST', admin('/groups'), { body: { group: { display_name: `${username} desk` } } });
    const person = await y.request('POST', admin('/identities'), {
      body: { identity: { display_name: username, traits: { type: 'traits_v0', username } } },
    });
    expect((await y.request('POST', admin(`/groups/${group.body.id}:addMembers`), { body: { identity_ids: [person.body.id] } })).status).toBe(200);
    const desk = await y.request('POST', admin(`/resource-servers/${managementServer}/roles`), {
      body: { role: { display_name: `${username} role` } },
    });
    expect((await y.request('POST', role(desk.body.id, 'addScopes'), { body: { scopes } })).status).toBe(200);
    expect((await y.request('POST', role(desk.body.id, 'addMembers'), { body: { group_ids: [group.body.id] } })).status).toBe(200);
    const policy = (await y.request('GET', admin('/policy'))).body;
    const allow = (transaction: string, applications: string[]) => ({
      name: `allow ${username} (${transaction})`,
      transaction,
      action: 'ALLOW',
      conditions: { groups: [group.body.id], applications, identities: [] },
    });
    const put = await y.request('PUT', admin('/policy'), {
      body: {
        policy: { version: policy.version, rules: [...policy.rules, allow('authentication', [consoleApp]), allow('credential_enrollment', [])] },
      },
    });
    expect(put.status, put.text).toBe(200);
    const job = await y.request('POST', admin(`/identities/${person.body.id}/credential-binding-jobs`), {
      body: { job: { delivery_method: 'RETURN', post_binding_redirect_uri: `${TEST_ORIGIN}/console/` } },
    });
    expect(job.status, job.text).toBe(200);
    const { passkey } = await enrollThrough(y, job.body.credential_binding_link);
    const cookie = await signInWith(y, passkey, y.adminRealmId, consoleApp);
    const minted = await mintConsoleToken(y, cookie);
    expect(minted.status, minted.text).toBe(200);
    expect(scopesOf(minted)).toEqual([...scopes].sort());
    return { id: person.body.id, token: minted.body.access_token, cookie };
  }

  beforeAll(async () => {
    y = await TestYonder.start();
    consoleApp = (await y.request('GET', '/console/api/config', { token: null })).body.console_application_id;
    ({ managementServer, tenantAdministrator, administrators, adminIdentity } = await adminRealmFixtures(y));
    operatorToken = await y.mintToken(MANAGEMENT_SCOPES, { ttlSeconds: 90 * 24 * 3600 });
  });

  afterAll(async () => y?.close());

  it("High 1: an admin-realm token with only applications:update cannot take the managed app's secret", async () => {
    const token = await y.mintToken(['applications:update'], { realmId: y.adminRealmId });
    const rotated = await y.request('POST', admin(`/applications/${management().applicationId}:rotateSecret`), { token });
    expectRefused(rotated);
    expect(rotated.body).not.toHaveProperty('protocol_config');
  });

  it("High 1, by reading: an admin-realm token with applications:read applications:read-secrets is not shown the managed app's secret", async () => {
    const token = await y.mintToken(['applications:read', 'applications:read-secrets'], { realmId: y.adminRealmId });
    const one = await y.request('GET', admin(`/applications/${management().applicationId}`), { token });
    expect(one.status, one.text).toBe(200);
    expect(one.body.protocol_config).not.toHaveProperty('client_secret');
    const list = await y.request('GET', admin('/applications'), { token });
    expect(list.text).not.toContain(management().clientSecret);
  });

  it('High 2: an admin-realm token with applications:create resource-servers:read cannot make an all-scope, 10-year application', async () => {
    const token = await y.mintToken(['applications:create', 'resource-servers:read'], { realmId: y.adminRealmId });
    const created = await y.request('POST', admin('/applications'), {
      token,
      body: {
        application: {
          display_name: 'Backdoor',
          resource_server_id: managementServer,
          protocol_config: {
            type: 'oauth2',
            grant_type: ['client_credentials'],
            allowed_scopes: [...MANAGEMENT_SCOPES],
            token_configuration: { expires_after: 315360000 },
          },
        },
      },
    });
    expectRefused(created);
    const apps = await y.request('GET', admin('/applications'));
    expect(apps.body.applications.map((a: { display_name: string }) => a.display_name)).not.toContain('Backdoor');
  });

  it('Medium: a console token with roles:update identities:read groups:read resource-servers:read roles:read cannot join Tenant Administrator or widen its own role', async () => {
    const scopes = ['roles:update', 'identities:read', 'groups:read', 'resource-servers:read', 'roles:read'];
    const mallory = await consolePerson('mallory', scopes);
    expectRefused(await y.request('POST', role(tenantAdministrator, 'addMembers'), { token: mallory.token, body: { identity_ids: [mallory.id] } }));
    const own = await y.request('GET', admin(`/identities/${mallory.id}:listRoles?resource_server_id=${managementServer}`));
    expect(own.body.roles).toEqual([]);
    const deskRole = (await y.request('GET', admin(`/resource-servers/${managementServer}/roles`))).body.roles.find(
      (r: { display_name: string }) => r.display_name === 'mallory role',
    );
    expectRefused(await y.request('POST', role(deskRole.id, 'addScopes'), { token: mallory.token, body: { scopes: [...MANAGEMENT_SCOPES] } }));
    // Signing in again gives the same few scopes: nothing was gained.
    expect(scopesOf(await mintConsoleToken(y, mallory.cookie))).toEqual([...scopes].sort());
  });

  it('Medium: a console token with groups:update identities:read cannot join Administrators', async () => {
    const eve = await consolePerson('eve', ['groups:update', 'identities:read']);
    expectRefused(await y.request('POST', admin(`/groups/${administrators}:addMembers`), { token: eve.token, body: { identity_ids: [eve.id] } }));
    expect(scopesOf(await mintConsoleToken(y, eve.cookie))).toEqual(['groups:update', 'identities:read']);
  });

  it('Medium: credential-binding-jobs:create restricted to the admin realm cannot make a link for admin', async () => {
    const token = await y.mintToken(['credential-binding-jobs:create'], { realmId: y.adminRealmId });
    const job = await y.request('POST', admin(`/identities/${adminIdentity}/credential-binding-jobs`), {
      token,
      body: { job: { delivery_method: 'RETURN', post_binding_redirect_uri: `${TEST_ORIGIN}/console/` } },
    });
    expectRefused(job);
    expect(job.body).not.toHaveProperty('credential_binding_link');
  });

  it("afterwards: the operator's secret still mints a tenant-wide, all-scope token, and their earlier token works", async () => {
    const issued = await postForm(
      y,
      admin(`/applications/${management().applicationId}/token`),
      { grant_type: 'client_credentials' },
      basicAuth(management().clientId, management().clientSecret),
    );
    expect(issued.status, issued.text).toBe(200);
    expect(scopesOf(issued)).toEqual([...MANAGEMENT_SCOPES].sort());
    expect((await y.request('GET', `/v1/tenants/${y.tenantId}`, { token: operatorToken })).status).toBe(200);
    expect((await y.request('GET', `/v1/tenants/${y.tenantId}`, { token: issued.body.access_token })).status).toBe(200);
  });
});
