import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestYonder, describeApi } from '../support/harness.js';

describeApi('policy: the bootstrap admin realm', () => {
  let y: TestYonder;
  beforeAll(async () => {
    y = await TestYonder.start();
  });
  afterAll(async () => y?.close());

  const admin = (rest: string) => y.realmPath(rest, y.adminRealmId);

  const adminConsoleId = async () =>
    (await y.request('GET', admin('/applications'))).body.applications.find((a: { display_name: string }) => a.display_name === 'Admin Console')
      .id as string;

  it('comes with exactly the Administrators group, the Admin Console application and the rule between them', async () => {
    const groups = await y.request('GET', admin('/groups'));
    expect(groups.body.groups.map((g: { display_name: string }) => g.display_name)).toEqual(['Administrators']);
    const apps = await y.request('GET', admin('/applications'));
    // Besides the Admin Console, the Management API application that issues tokens (issue 4).
    expect(apps.body.applications.map((a: { display_name: string }) => a.display_name).sort()).toEqual(['Admin Console', 'yonder Management API']);
    const groupId = groups.body.groups[0].id;
    const appId = await adminConsoleId();
    const policy = await y.request('GET', admin('/policy'));
    expect(policy.body.version).toBe(1);
    expect(policy.body.rules).toEqual([
      {
        id: 'allow-administrators-admin-console',
        name: 'allow Administrators to access Admin Console',
        description: 'Members of Administrators may sign in to the Admin Console.',
        transaction: 'authentication',
        action: 'ALLOW',
        conditions: { groups: [groupId], applications: [appId], identities: [] },
        deny_message: '',
      },
      {
        id: 'allow-administrators-enrollment',
        name: 'allow Administrators to enroll credentials',
        description: 'Members of Administrators may enroll a credential.',
        transaction: 'credential_enrollment',
        action: 'ALLOW',
        conditions: { groups: [groupId], applications: [], identities: [] },
        deny_message: '',
      },
    ]);
  });

  it('lets an Administrator into the Admin Console and keeps everybody else out', async () => {
    const groupId = (await y.request('GET', admin('/groups'))).body.groups[0].id;
    const appId = await adminConsoleId();
    const root = await y.createIdentity('root', {}, y.adminRealmId);
    const guest = await y.createIdentity('guest', {}, y.adminRealmId);
    await y.request('POST', admin(`/groups/${groupId}:addMembers`), { body: { identity_ids: [root.id] } });
    const evaluate = (identity_id: string, transaction = 'authentication') =>
      y.request('POST', admin('/policy:evaluate'), { body: { identity_id, application_id: appId, transaction } });
    expect((await evaluate(root.id)).body.decision).toBe('ALLOW');
    expect((await evaluate(root.id, 'credential_enrollment')).body.decision).toBe('ALLOW');
    expect((await evaluate(guest.id)).body).toMatchObject({ decision: 'DENY', rule_id: 'default' });
    expect((await evaluate(guest.id, 'credential_enrollment')).body.decision).toBe('DENY');
  });

  it('the Administrators group cannot be deleted while the policy names it', async () => {
    const groupId = (await y.request('GET', admin('/groups'))).body.groups[0].id;
    const reply = await y.request('DELETE', admin(`/groups/${groupId}`));
    expect(reply.status).toBe(409);
  });

  it("the admin realm's Admin Console is managed: PATCH and DELETE are refused with 409", async () => {
    const list = await y.request('GET', y.realmPath('/applications', y.adminRealmId));
    const consoleApp = list.body.applications.find((a: { display_name: string }) => a.display_name === 'Admin Console');
    expect(consoleApp.is_managed).toBe(true);
    const patch = await y.request('PATCH', y.realmPath(`/applications/${consoleApp.id}`, y.adminRealmId), {
      body: { application: { display_name: 'Mine' } },
    });
    expect(patch.status).toBe(409);
    expect((await y.request('DELETE', y.realmPath(`/applications/${consoleApp.id}`, y.adminRealmId))).status).toBe(409);
  });
});
