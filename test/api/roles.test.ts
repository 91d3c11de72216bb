import { afterAll, beforeAll, expect, it } from 'vitest';
import { contractUnavailableReason, expectMatchesContract } from '../support/contract.js';
import { type Reply, TestYonder, describeApi } from '../support/harness.js';

const REALM = '/v1/tenants/{tenant_id}/realms/{realm_id}';
const ROLES = `${REALM}/resource-servers/{resource_server_id}/roles`;
const ROLE = `${ROLES}/{role_id}`;
const checkContract = contractUnavailableReason() === null;

describeApi('roles: CRUD under a resource server, members and scopes', () => {
  let y: TestYonder;
  let serverId: string;
  beforeAll(async () => {
    y = await TestYonder.start();
    const server = await y.request('POST', y.realmPath('/resource-servers'), {
      body: { resource_server: { display_name: 'Pet API', identifier: 'https://pets.example', scopes: ['pets:read', 'pets:write'] } },
    });
    serverId = server.body.id;
  });
  afterAll(async () => y?.close());

  /** Calls the contract's `template` and checks the reply against it. */
  async function call(method: string, template: string, params: Record<string, string>, body?: unknown, query = ''): Promise<Reply> {
    const values: Record<string, string> = { tenant_id: y.tenantId, realm_id: y.realmId, resource_server_id: serverId, ...params };
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');
    const reply = await y.request(method, `${path}${query}`, body === undefined ? {} : { body });
    if (checkContract) expectMatchesContract(method, template, reply);
    return reply;
  }

  it('POST /roles takes the body key `role`; GET lists under `roles`; PATCH and DELETE follow', async () => {
    const created = await call('POST', ROLES, {}, { role: { display_name: 'Help Desk', description: 'Front line' } });
    expect(created.status, created.text).toBe(200);
    expect(created.body).toMatchObject({ display_name: 'Help Desk', description: 'Front line', resource_server_id: serverId, realm_id: y.realmId });
    expect(created.body.id).toMatch(/^[0-9a-f]{16}$/);
    const list = await y.request('GET', y.realmPath(`/resource-servers/${serverId}/roles`));
    expect(list.body).toMatchObject({ roles: [created.body], total_size: 1 });
    const role_id = created.body.id;
    expect((await call('GET', ROLE, { role_id })).body).toEqual(created.body);
    const patched = await call('PATCH', ROLE, { role_id }, { role: { display_name: 'Support' } });
    expect(patched.body).toMatchObject({ display_name: 'Support', description: 'Front line' });
    expect((await call('POST', ROLES, {}, { group: { display_name: 'x' } })).status).toBe(400);
    expect((await call('POST', ROLES, {}, { role: { display_name: '' } })).status).toBe(400);
    expect((await call('GET', ROLE, { role_id: '0123456789abcdef' })).status).toBe(404);
    expect((await call('DELETE', ROLE, { role_id })).status).toBe(200);
    expect((await call('DELETE', ROLE, { role_id })).status).toBe(404);
  });

  it(':addScopes, :listScopes, :deleteScopes keep to the resource server scopes', async () => {
    const role_id = (await call('POST', ROLES, {}, { role: { display_name: 'Readers' } })).body.id;
    expect((await call('POST', `${ROLE}:addScopes`, { role_id }, { scopes: ['pets:read'] })).status).toBe(200);
    expect((await call('POST', `${ROLE}:addScopes`, { role_id }, { scopes: ['pets:feed'] })).status).toBe(400);
    expect((await call('POST', `${ROLE}:addScopes`, { role_id }, { scopes: [] })).status).toBe(400);
    expect((await call('GET', `${ROLE}:listScopes`, { role_id })).body).toEqual({ scopes: ['pets:read'], total_size: 1 });
    expect((await call('POST', `${ROLE}:deleteScopes`, { role_id }, { scopes: ['pets:read'] })).status).toBe(200);
    expect((await call('GET', `${ROLE}:listScopes`, { role_id })).body.total_size).toBe(0);
    // A scope removed from the server leaves its roles.
    await call('POST', `${ROLE}:addScopes`, { role_id }, { scopes: ['pets:read', 'pets:write'] });
    await y.request('PATCH', y.realmPath(`/resource-servers/${serverId}`), { body: { resource_server: { scopes: ['pets:read'] } } });
    expect((await call('GET', `${ROLE}:listScopes`, { role_id })).body.scopes).toEqual(['pets:read']);
  });

  it(':addMembers, :listMembers, :deleteMembers, and identities/groups :listRoles', async () => {
    const role_id = (await call('POST', ROLES, {}, { role: { display_name: 'Members' } })).body.id;
    const identity = await y.createIdentity('role-member');
    const group = await y.request('POST', y.realmPath('/groups'), { body: { group: { display_name: 'Role Group' } } });
    const added = await call('POST', `${ROLE}:addMembers`, { role_id }, { identity_ids: [identity.id], group_ids: [group.body.id] });
    expect(added.status, added.text).toBe(200);
    expect((await call('POST', `${ROLE}:addMembers`, { role_id }, { identity_ids: [identity.id] })).status).toBe(200);
    expect((await call('POST', `${ROLE}:addMembers`, { role_id }, { identity_ids: ['0123456789abcdef'] })).status).toBe(404);
    expect((await call('POST', `${ROLE}:addMembers`, { role_id }, {})).status).toBe(400);
    const members = await call('GET', `${ROLE}:listMembers`, { role_id });
    expect(members.body).toMatchObject({ total_groups_size: 1, total_identities_size: 1 });
    expect(members.body.identities[0].id).toBe(identity.id);
    expect(members.body.identities[0].version).toBeUndefined();
    expect(members.body.groups[0].id).toBe(group.body.id);

    const identityRoles = await call(
      'GET',
      `${REALM}/identities/{identity_id}:listRoles`,
      { identity_id: identity.id },
      undefined,
      `?resource_server_id=${serverId}`,
    );
    expect(identityRoles.body.roles.map((r: { id: string }) => r.id)).toEqual([role_id]);
    const groupRoles = await call(
      'GET',
      `${REALM}/groups/{group_id}:listRoles`,
      { group_id: group.body.id },
      undefined,
      `?resource_server_id=${serverId}`,
    );
    expect(groupRoles.body.total_size).toBe(1);
    expect((await y.request('GET', y.realmPath(`/identities/${identity.id}:listRoles`))).status).toBe(400);

    expect((await call('POST', `${ROLE}:deleteMembers`, { role_id }, { identity_ids: [identity.id] })).status).toBe(200);
    expect((await call('GET', `${ROLE}:listMembers`, { role_id })).body.total_identities_size).toBe(0);
  });

  it('DELETE /roles/{id} answers 409 `role has children` while the role has scopes or members, then deletes it once emptied', async () => {
    const role_id = (await call('POST', ROLES, {}, { role: { display_name: 'Parents' } })).body.id;
    const identity = await y.createIdentity('role-child');
    await call('POST', `${ROLE}:addScopes`, { role_id }, { scopes: ['pets:read'] });
    const withScopes = await call('DELETE', ROLE, { role_id });
    expect(withScopes.status, withScopes.text).toBe(409);
    expect(withScopes.body).toEqual({ code: 'conflict', message: 'role has children' });
    await call('POST', `${ROLE}:deleteScopes`, { role_id }, { scopes: ['pets:read'] });
    await call('POST', `${ROLE}:addMembers`, { role_id }, { identity_ids: [identity.id] });
    const withMember = await call('DELETE', ROLE, { role_id });
    expect(withMember.status, withMember.text).toBe(409);
    expect(withMember.body).toEqual({ code: 'conflict', message: 'role has children' });
    expect((await call('GET', `${ROLE}:listMembers`, { role_id })).body.total_identities_size).toBe(1);
    await call('POST', `${ROLE}:deleteMembers`, { role_id }, { identity_ids: [identity.id] });
    expect((await call('DELETE', ROLE, { role_id })).status).toBe(200);
    expect((await call('GET', ROLE, { role_id })).status).toBe(404);
  });

  it('deleting an identity or a group ends its role memberships, so :listMembers counts only what exists', async () => {
    const role_id = (await call('POST', ROLES, {}, { role: { display_name: 'Leavers' } })).body.id;
    const identity = await y.createIdentity('role-leaver');
    const group = await y.request('POST', y.realmPath('/groups'), { body: { group: { display_name: 'Leaving Group' } } });
    await call('POST', `${ROLE}:addMembers`, { role_id }, { identity_ids: [identity.id], group_ids: [group.body.id] });
    expect((await y.request('DELETE', y.realmPath(`/identities/${identity.id}`))).status).toBe(200);
    expect((await y.request('DELETE', y.realmPath(`/groups/${group.body.id}`))).status).toBe(200);
    const members = await call('GET', `${ROLE}:listMembers`, { role_id });
    expect(members.body).toMatchObject({ total_groups_size: 0, total_identities_size: 0, identities: [], groups: [] });
  });
});
