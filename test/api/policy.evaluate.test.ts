import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestYonder, describeApi } from '../support/harness.js';

/**
 * The seed's example: an "Administrators" group, an "Admin Console" application, and the rule
 * "allow Administrators to access Admin Console", evaluated through the API.
 */
describeApi('policy: evaluation', () => {
  let y: TestYonder;
  let realmId: string;
  let path: (rest: string) => string;
  let administrators: string;
  let adminConsole: string;
  let otherApp: string;

  beforeAll(async () => {
    y = await TestYonder.start();
    const realm = await y.request('POST', `/v1/tenants/${y.tenantId}/realms`, { body: { realm: { display_name: 'Seed' } } });
    realmId = realm.body.id;
    path = (rest) => y.realmPath(rest, realmId);
    administrators = (await y.request('POST', path('/groups'), { body: { group: { display_name: 'Administrators' } } })).body.id;
    const app = (display_name: string) =>
      y.request('POST', path('/applications'), { body: { application: { display_name, protocol_config: { type: 'oidc' } } } });
    adminConsole = (await app('Admin Console')).body.id;
    otherApp = (await app('Pet Shop')).body.id;
    const current = await y.request('GET', path('/policy'));
    const put = await y.request('PUT', path('/policy'), {
      body: {
        policy: {
          version: current.body.version,
          rules: [
            {
              id: 'watch-console',
              name: 'watch Admin Console sign-ins',
              transaction: 'authentication',
              action: 'MONITOR',
              conditions: { applications: [adminConsole] },
            },
            {
              id: 'allow-admins',
              name: 'allow Administrators to access Admin Console',
              transaction: 'authentication',
              action: 'ALLOW',
              conditions: { groups: [administrators], applications: [adminConsole] },
            },
            {
              id: 'deny-console',
              name: 'nobody else gets into the Admin Console',
              transaction: 'authentication',
              action: 'DENY',
              conditions: { applications: [adminConsole] },
              deny_message: 'Admin Console is for Administrators only',
            },
          ],
        },
      },
    });
    expect(put.status, put.text).toBe(200);
  });
  afterAll(async () => y?.close());

  const evaluate = (body: unknown, token?: string) => y.request('POST', path('/policy:evaluate'), { body, ...(token ? { token } : {}) });

  it('allows a member of Administrators into the Admin Console', async () => {
    const member = await y.createIdentity('admin-member', {}, realmId);
    await y.request('POST', path(`/groups/${administrators}:addMembers`), { body: { identity_ids: [member.id] } });
    const reply = await evaluate({ identity_id: member.id, application_id: adminConsole, transaction: 'authentication' });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body).toEqual({
      decision: 'ALLOW',
      rule_id: 'allow-admins',
      monitored_rule_ids: ['watch-console'],
      policy_version: 2,
    });
  });

  it("denies a non-member with the rule's deny message", async () => {
    const outsider = await y.createIdentity('outsider', {}, realmId);
    const reply = await evaluate({ identity_id: outsider.id, application_id: adminConsole, transaction: 'authentication' });
    expect(reply.body).toEqual({
      decision: 'DENY',
      rule_id: 'deny-console',
      monitored_rule_ids: ['watch-console'],
      deny_message: 'Admin Console is for Administrators only',
      policy_version: 2,
    });
  });

  it('denies a suspended member whatever the rules say', async () => {
    const member = await y.createIdentity('suspended-admin', {}, realmId);
    await y.request('POST', path(`/groups/${administrators}:addMembers`), { body: { identity_ids: [member.id] } });
    await y.request('PATCH', path(`/identities/${member.id}`), { body: { identity: { status: 'suspended' } } });
    const reply = await evaluate({ identity_id: member.id, application_id: adminConsole, transaction: 'authentication' });
    expect(reply.body).toMatchObject({ decision: 'DENY', rule_id: 'suspended', deny_message: 'identity is suspended' });
  });

  it('denies by default when no rule decides (another application, or enrollment)', async () => {
    const member = await y.createIdentity('admin-elsewhere', {}, realmId);
    await y.request('POST', path(`/groups/${administrators}:addMembers`), { body: { identity_ids: [member.id] } });
    const other = await evaluate({ identity_id: member.id, application_id: otherApp, transaction: 'authentication' });
    expect(other.body).toMatchObject({ decision: 'DENY', rule_id: 'default', monitored_rule_ids: [] });
    const enroll = await evaluate({ identity_id: member.id, transaction: 'credential_enrollment' });
    expect(enroll.body).toMatchObject({ decision: 'DENY', rule_id: 'default' });
  });

  it('a new realm allows every active identity to enroll and authenticate', async () => {
    const someone = await y.createIdentity('anyone');
    const auth = await y.request('POST', y.realmPath('/policy:evaluate'), {
      body: { identity_id: someone.id, transaction: 'authentication' },
    });
    expect(auth.body).toMatchObject({ decision: 'ALLOW', rule_id: 'allow-authentication', policy_version: 1 });
    const enroll = await y.request('POST', y.realmPath('/policy:evaluate'), {
      body: { identity_id: someone.id, transaction: 'credential_enrollment' },
    });
    expect(enroll.body).toMatchObject({ decision: 'ALLOW', rule_id: 'allow-credential-enrollment' });
  });

  it('refuses unknown or foreign identities and applications with 404, and bad bodies with 400', async () => {
    const stranger = await y.createIdentity('stranger-eval');
    const member = await y.createIdentity('eval-local', {}, realmId);
    const foreignIdentity = await evaluate({ identity_id: stranger.id, transaction: 'authentication' });
    expect(foreignIdentity.status).toBe(404);
    expect(foreignIdentity.body.details[0]).toMatchObject({ resource_type: 'Identity', id: stranger.id });
    const unknownApp = await evaluate({
      identity_id: member.id,
      application_id: '00000000-0000-4000-8000-000000000000',
      transaction: 'authentication',
    });
    expect(unknownApp.status).toBe(404);
    expect(unknownApp.body.details[0]).toMatchObject({ resource_type: 'Application' });
    // An application of another realm of the tenant is not this realm's.
    const foreignApp = (
      await y.request('POST', y.realmPath('/applications'), {
        body: { application: { display_name: 'Elsewhere', protocol_config: { type: 'oidc' } } },
      })
    ).body.id;
    const foreign = await evaluate({ identity_id: member.id, application_id: foreignApp, transaction: 'authentication' });
    expect(foreign.status).toBe(404);
    expect(foreign.body.details[0]).toMatchObject({ resource_type: 'Application', id: foreignApp });
    // An unknown realm is named before the identity, whether or not the identity is of another realm.
    for (const identityId of [member.id, '00000000-0000-4000-8000-000000000000']) {
      const noRealm = await y.request('POST', y.realmPath('/policy:evaluate', '0000000000000000'), {
        body: { identity_id: identityId, transaction: 'authentication' },
      });
      expect(noRealm.status).toBe(404);
      expect(noRealm.body.details[0]).toMatchObject({ resource_type: 'Realm' });
    }
    const badTransaction = await evaluate({ identity_id: member.id, transaction: 'login' });
    expect(badTransaction.status).toBe(400);
    expect(badTransaction.body.details[0].field_violations[0].field).toBe('transaction');
    expect((await evaluate({ transaction: 'authentication' })).status).toBe(400);
    const malformed = await y.request('POST', path('/policy:evaluate'), { rawBody: '{"identity_id":' });
    expect(malformed.status).toBe(400);
  });

  it('needs the policy:evaluate scope', async () => {
    const member = await y.createIdentity('scope-check', {}, realmId);
    const readOnly = await y.mintToken(['policy:read']);
    expect((await evaluate({ identity_id: member.id, transaction: 'authentication' }, readOnly)).status).toBe(403);
    const evaluator = await y.mintToken(['policy:evaluate']);
    expect((await evaluate({ identity_id: member.id, transaction: 'authentication' }, evaluator)).status).toBe(200);
  });
});
