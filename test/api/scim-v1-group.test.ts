import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestYonder, describeApi } from '../support/harness.js';
import { ERROR, createScimGroup, createScimUser, patchOp, scimMemberIds, scimPath } from '../support/scim.js';

/** A SCIM Group is a v1 group: SCIM and the v1 API read and write one truth. */
describeApi('SCIM and v1 groups are one truth', () => {
  let y: TestYonder;
  beforeAll(async () => {
    y = await TestYonder.start();
  });
  afterAll(async () => y?.close());

  const v1Members = async (groupId: string) =>
    (await y.request('GET', y.realmPath(`/groups/${groupId}:listMembers?page_size=200`))).body.identities.map((i: { id: string }) => i.id).sort();

  it('a SCIM group shows in v1 GET /groups with its members, in the unchanged v1 shape', async () => {
    const a = await createScimUser(y, { userName: 'ov.a' });
    const b = await createScimUser(y, { userName: 'ov.b' });
    const g = await createScimGroup(y, { displayName: 'From SCIM', externalId: 'okta-00g1', members: [{ value: a.id }, { value: b.id }] });
    const list = await y.request('GET', y.realmPath('/groups?page_size=200'));
    const found = list.body.groups.find((x: { id: string }) => x.id === g.id);
    expect(found).toEqual({
      id: g.id,
      realm_id: y.realmId,
      tenant_id: y.tenantId,
      display_name: 'From SCIM',
      description: '',
      create_time: g.meta.created,
      update_time: expect.any(String),
    });
    expect(await v1Members(g.id)).toEqual([a.id, b.id].sort());
    const ofA = await y.request('GET', y.realmPath(`/identities/${a.id}:listGroups`));
    expect(ofA.body.groups.map((x: { id: string }) => x.id)).toEqual([g.id]);
  });

  it('a v1 group and its v1 members show in SCIM, and SCIM changes keep the v1 description', async () => {
    const created = await y.request('POST', y.realmPath('/groups'), { body: { group: { display_name: 'From v1', description: 'kept' } } });
    const groupId: string = created.body.id;
    const member = await y.createIdentity('ov.v1member');
    await y.request('POST', y.realmPath(`/groups/${groupId}:addMembers`), { body: { identity_ids: [member.id] } });
    const r = await y.request('GET', scimPath(y, `/Groups?filter=${encodeURIComponent('displayName eq "from V1"')}`));
    expect(r.body.totalResults).toBe(1);
    expect(r.body.Resources[0]).toMatchObject({
      id: groupId,
      displayName: 'From v1',
      members: [{ value: member.id, display: 'ov.v1member', type: 'User' }],
    });
    expect((await y.request('GET', scimPath(y, `/Users/${member.id}`))).body.groups).toEqual([
      expect.objectContaining({ value: groupId, display: 'From v1' }),
    ]);

    await y.request('PATCH', scimPath(y, `/Groups/${groupId}`), { body: patchOp({ op: 'replace', path: 'displayName', value: 'Renamed by SCIM' }) });
    await y.request('PUT', scimPath(y, `/Groups/${groupId}`), { body: { displayName: 'Put by SCIM', members: [] } });
    const v1 = await y.request('GET', y.realmPath(`/groups/${groupId}`));
    expect(v1.body).toMatchObject({ display_name: 'Put by SCIM', description: 'kept' });
    expect(await v1Members(groupId)).toEqual([]);
  });

  it('a User found by a filter or a page lists the same groups as GET /Users/{id}, in group id order, names as written', async () => {
    const user = await createScimUser(y, { userName: 'ov.groups' });
    const loner = await createScimUser(y, { userName: 'ov.groupless' });
    for (const displayName of ['Ünïcode "quoted" team', 'Second group', 'Third, with a comma']) {
      await createScimGroup(y, { displayName, members: [{ value: user.id }] });
    }
    const single = (await y.request('GET', scimPath(y, `/Users/${user.id}`))).body;
    expect(single.groups.map((g: { value: string }) => g.value)).toEqual(single.groups.map((g: { value: string }) => g.value).sort());
    expect(single.groups).toHaveLength(3);
    for (const filter of ['userName eq "ov.groups"', 'userName sw "ov.groups"', `id eq "${user.id}"`]) {
      const found = await y.request('GET', scimPath(y, `/Users?filter=${encodeURIComponent(filter)}`));
      expect(found.body.Resources, filter).toEqual([single]);
    }
    const lonerAlone = (await y.request('GET', scimPath(y, `/Users/${loner.id}`))).body;
    const page = (await y.request('GET', scimPath(y, '/Users?count=1000'))).body.Resources;
    expect(page.find((u: { id: string }) => u.id === user.id)).toEqual(single);
    expect(page.find((u: { id: string }) => u.id === loner.id)).toEqual(lonerAlone);
    const projected = await y.request('GET', scimPath(y, `/Users?filter=${encodeURIComponent('userName eq "ov.groups"')}&attributes=groups`));
    expect(projected.body.Resources).toEqual([{ schemas: single.schemas, id: user.id, groups: single.groups }]);
  });

  it('group names are unique across both APIs, ignoring case', async () => {
    await y.request('POST', y.realmPath('/groups'), { body: { group: { display_name: 'Shared Group' } } });
    const r = await y.request('POST', scimPath(y, '/Groups'), { body: { displayName: 'SHARED group' } });
    expect(r.status).toBe(409);
    expect(r.body.scimType).toBe('uniqueness');
  });

  it('SCIM DELETE removes a group that has members (v1 would refuse), and its memberships with it', async () => {
    const u = await createScimUser(y, { userName: 'ov.deleted.member' });
    const g = await createScimGroup(y, { displayName: 'Deleted With Members', members: [{ value: u.id }] });
    expect((await y.request('DELETE', y.realmPath(`/groups/${g.id}`))).status).toBe(409);
    expect((await y.request('DELETE', scimPath(y, `/Groups/${g.id}`))).status).toBe(204);
    expect((await y.request('GET', y.realmPath(`/groups/${g.id}`))).status).toBe(404);
    expect((await y.request('GET', y.realmPath(`/identities/${u.id}:listGroups`))).body.groups).toEqual([]);
  });

  it('SCIM DELETE of a group a policy rule names is 409, and the group keeps its members', async () => {
    const u = await createScimUser(y, { userName: 'ov.policy.member' });
    const g = await createScimGroup(y, { displayName: 'In Policy', members: [{ value: u.id }] });
    const current = await y.request('GET', y.realmPath('/policy'));
    const put = await y.request('PUT', y.realmPath('/policy'), {
      body: {
        policy: {
          version: current.body.version,
          rules: [{ id: 'uses-group', name: 'uses group', transaction: 'authentication', action: 'ALLOW', conditions: { groups: [g.id] } }],
        },
      },
    });
    expect(put.status).toBe(200);
    const r = await y.request('DELETE', scimPath(y, `/Groups/${g.id}`));
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ schemas: [ERROR], status: '409' });
    expect(r.body).not.toHaveProperty('scimType');
    expect(r.body.detail).toContain('"uses group" (uses-group)');
    expect(await scimMemberIds(y, g.id)).toEqual([u.id]);
  });
});
