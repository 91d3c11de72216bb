import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestYonder, describeApi } from '../support/harness.js';
import {
  CORE_GROUP,
  CORE_USER,
  ENTERPRISE_USER,
  ERROR,
  LIST_RESPONSE,
  createScimGroup,
  createScimUser,
  patchOp,
  scimMemberIds,
  scimPath,
} from '../support/scim.js';

/**
 * Microsoft Entra ID's documented requests: the canonical user and group samples (M1), both
 * PATCH modes for users and group members (M2),
 * `Add` on an existing work email (M3), the Test Connection probe (M4), and the externalId
 * lookup (M5).
 */
describeApi('SCIM: Microsoft Entra ID conformance', () => {
  let y: TestYonder;
  let token: string;
  beforeAll(async () => {
    y = await TestYonder.start();
    token = await y.mintToken(['scim:all']);
  });
  afterAll(async () => y?.close());

  const req = (method: string, rest: string, body?: unknown) =>
    y.request(method, scimPath(y, rest), { token, ...(body !== undefined ? { body } : {}), headers: { 'content-type': 'application/scim+json' } });

  describe('M1 canonical samples', () => {
    let id = '';
    const externalId = randomUUID();

    it('POST /Users with both schemas, externalId, meta and roles: [] → 201', async () => {
      const r = await req('POST', '/Users', {
        schemas: [CORE_USER, ENTERPRISE_USER],
        externalId,
        userName: 'Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1',
        active: true,
        emails: [{ primary: true, type: 'work', value: 'Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com' }],
        meta: { resourceType: 'User' },
        name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
        roles: [],
      });
      expect(r.status).toBe(201);
      expect(r.headers['content-type']).toMatch(/^application\/scim\+json/);
      expect(r.body).toMatchObject({
        externalId,
        userName: 'Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1',
        displayName: 'givenName familyName',
        active: true,
        meta: { resourceType: 'User' },
      });
      id = r.body.id;
    });

    it('GET /Users/{id} → 200; unknown → 404 with status as a string', async () => {
      expect((await req('GET', `/Users/${id}`)).status).toBe(200);
      const missing = await req('GET', '/Users/5171a35d82074e068ce2');
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({ schemas: [ERROR], status: '404' });
    });

    it('GET /Users?filter=userName eq "…" → ListResponse', async () => {
      const r = await req('GET', `/Users?filter=${encodeURIComponent('userName eq "Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1"')}`);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ schemas: [LIST_RESPONSE], totalResults: 1 });
      expect(r.body.Resources[0].id).toBe(id);
    });

    it('uniqueness attributes are filterable: emails[type eq "work"].value eq "…"', async () => {
      const f = 'emails[type eq "work"].value eq "TEST_USER_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com"';
      const r = await req('GET', `/Users?filter=${encodeURIComponent(f)}`);
      expect(r.body.totalResults).toBe(1);
    });

    it('Replace on a multi-valued value path and on name.familyName → 200', async () => {
      const r = await req(
        'PATCH',
        `/Users/${id}`,
        patchOp(
          { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@microsoft.com' },
          { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
        ),
      );
      expect(r.status).toBe(200);
      expect(r.body.emails).toEqual([{ value: 'updatedEmail@microsoft.com', type: 'work', primary: true }]);
      expect(r.body.name.familyName).toBe('updatedFamilyName');
    });

    it('Replace userName → 200', async () => {
      const r = await req(
        'PATCH',
        `/Users/${id}`,
        patchOp({ op: 'Replace', path: 'userName', value: '5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com' }),
      );
      expect(r.status).toBe(200);
      expect(r.body.userName).toBe('5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com');
    });

    it('Replace active false → 200 with the user, still returned while inactive', async () => {
      const r = await req('PATCH', `/Users/${id}`, patchOp({ op: 'Replace', path: 'active', value: false }));
      expect(r.status).toBe(200);
      expect(r.body.active).toBe(false);
      expect((await req('GET', `/Users/${id}`)).body.active).toBe(false);
    });

    it('DELETE /Users/{id} → 204, then 404', async () => {
      const r = await req('DELETE', `/Users/${id}`);
      expect(r.status).toBe(204);
      expect(r.text).toBe('');
      expect((await req('GET', `/Users/${id}`)).status).toBe(404);
    });

    it('GET /Schemas is a ListResponse of Schema resources that does not advertise password (M6)', async () => {
      const r = await req('GET', '/Schemas');
      expect(r.status).toBe(200);
      expect(r.body.schemas).toEqual([LIST_RESPONSE]);
      expect(r.body.Resources.map((s: { id: string }) => s.id)).toEqual([CORE_USER, ENTERPRISE_USER, CORE_GROUP]);
      expect(JSON.stringify(r.body)).not.toContain('"password"');
    });
  });

  describe('M2: both PATCH modes', () => {
    it('default mode: disable with the string "False", enable with "True"', async () => {
      const u = await createScimUser(y, { userName: 'entra.default.disable' });
      const off = await req('PATCH', `/Users/${u.id}`, patchOp({ op: 'Replace', path: 'active', value: 'False' }));
      expect(off.status).toBe(200);
      expect(off.body.active).toBe(false);
      const on = await req('PATCH', `/Users/${u.id}`, patchOp({ op: 'Replace', path: 'active', value: 'True' }));
      expect(on.body.active).toBe(true);
    });

    it('compliant mode: disable with lower-case replace and a boolean', async () => {
      const u = await createScimUser(y, { userName: 'entra.compliant.disable' });
      const off = await req('PATCH', `/Users/${u.id}`, patchOp({ op: 'replace', path: 'active', value: false }));
      expect(off.body.active).toBe(false);
    });

    it('both modes: add a single value (Add / add nickName)', async () => {
      const u = await createScimUser(y, { userName: 'entra.add.nick' });
      expect((await req('PATCH', `/Users/${u.id}`, patchOp({ op: 'Add', path: 'nickName', value: 'Babs' }))).body.nickName).toBe('Babs');
      expect((await req('PATCH', `/Users/${u.id}`, patchOp({ op: 'add', path: 'nickName', value: 'Barb' }))).body.nickName).toBe('Barb');
    });

    const startUser = () =>
      createScimUser(y, {
        userName: `entra.multi.${randomUUID().slice(0, 8)}`,
        name: { givenName: 'Old', familyName: 'Name' },
        emails: [{ value: 'old@example.com', type: 'work', primary: true }],
      });
    const expected = (body: any) => {
      expect(body.displayName).toBe('New Display');
      expect(body.name).toMatchObject({ givenName: 'New', familyName: 'Person' });
      expect(body.emails[0].value).toBe('new@example.com');
      expect(body[ENTERPRISE_USER].employeeNumber).toBe('1234');
    };

    it('default mode: one Replace per path, including the enterprise URN path', async () => {
      const u = await startUser();
      const r = await req(
        'PATCH',
        `/Users/${u.id}`,
        patchOp(
          { op: 'Replace', path: 'displayName', value: 'New Display' },
          { op: 'Replace', path: 'emails[type eq "work"].value', value: 'new@example.com' },
          { op: 'Replace', path: 'name.givenName', value: 'New' },
          { op: 'Replace', path: 'name.familyName', value: 'Person' },
          { op: 'Replace', path: 'externalId', value: 'ext-default' },
          { op: 'Replace', path: `${ENTERPRISE_USER}:employeeNumber`, value: '1234' },
        ),
      );
      expect(r.status).toBe(200);
      expected(r.body);
      expect(r.body.externalId).toBe('ext-default');
    });

    it('compliant mode: the email path plus one no-path replace with dotted and URN keys', async () => {
      const u = await startUser();
      const r = await req(
        'PATCH',
        `/Users/${u.id}`,
        patchOp(
          { op: 'replace', path: 'emails[type eq "work"].value', value: 'new@example.com' },
          {
            op: 'replace',
            value: {
              displayName: 'New Display',
              'name.givenName': 'New',
              'name.familyName': 'Person',
              [`${ENTERPRISE_USER}:employeeNumber`]: '1234',
            },
          },
        ),
      );
      expect(r.status).toBe(200);
      expected(r.body);
    });

    it('a PATCH is atomic: when one operation fails, none applies', async () => {
      const u = await startUser();
      const r = await req(
        'PATCH',
        `/Users/${u.id}`,
        patchOp(
          { op: 'Replace', path: 'displayName', value: 'Half Written' },
          { op: 'Replace', path: 'emails[type eq "home"].value', value: 'x@y.z' },
        ),
      );
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'noTarget' });
      const after = await req('GET', `/Users/${u.id}`);
      expect(after.body.displayName).toBe('Old Name');
      expect(after.body.meta.version).toBe(u.meta.version);
    });
  });

  it('M3: Add on emails[type eq "work"].value for a user with a work email updates it, not a second one', async () => {
    const u = await createScimUser(y, { userName: 'entra.m3', emails: [{ value: 'first@example.com', type: 'work', primary: true }] });
    const r = await req('PATCH', `/Users/${u.id}`, patchOp({ op: 'Add', path: 'emails[type eq "work"].value', value: 'second@example.com' }));
    expect(r.status).toBe(200);
    expect(r.body.emails).toEqual([{ value: 'second@example.com', type: 'work', primary: true }]);
    const v1 = await y.request('GET', y.realmPath(`/identities/${u.id}`));
    expect(v1.body.traits.primary_email_address).toBe('second@example.com');
    expect(v1.body.traits).not.toHaveProperty('secondary_email_address');
  });

  it('M4: Test Connection filters on a random userName with + for spaces and gets an empty 200 ListResponse', async () => {
    const r = await y.request('GET', scimPath(y, `/Users?filter=userName+eq+%22${randomUUID()}%22`), { token });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ schemas: [LIST_RESPONSE], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });
  });

  it('M5: GET /Users?filter=externalId eq "<guid>" finds the user by externalId, exactly', async () => {
    const externalId = randomUUID();
    const u = await createScimUser(y, { userName: 'entra.m5', externalId });
    const r = await y.request('GET', scimPath(y, `/Users?filter=externalId+eq+"${externalId}"`), { token });
    expect(r.status).toBe(200);
    expect(r.body.totalResults).toBe(1);
    expect(r.body.Resources[0].id).toBe(u.id);
    const upper = await y.request('GET', scimPath(y, `/Users?filter=externalId+eq+"${externalId.toUpperCase()}"`), { token });
    expect(upper.body.totalResults).toBe(0);
  });

  it('M1: a filter without count gets a default page of up to 100 (Entra sends no count)', async () => {
    const r = await req('GET', `/Users?filter=${encodeURIComponent('userName sw "entra"')}`);
    expect(r.status).toBe(200);
    expect(r.body.itemsPerPage).toBe(r.body.totalResults);
    expect(r.body.totalResults).toBeGreaterThan(2);
  });

  describe('M1 group samples', () => {
    let groupId = '';
    const externalId = randomUUID();
    let userId = '';

    it('POST /Groups with externalId, meta and the ADSCIM schema URI → 201 with members: []', async () => {
      userId = (await createScimUser(y, { userName: 'entra.group.member' })).id;
      const r = await req('POST', '/Groups', {
        externalId,
        id: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
        displayName: 'displayName',
        meta: { resourceType: 'Group' },
        schemas: ['http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group', CORE_GROUP],
      });
      expect(r.status).toBe(201);
      expect(r.headers['content-type']).toMatch(/^application\/scim\+json/);
      expect(r.body).toMatchObject({ schemas: [CORE_GROUP], externalId, displayName: 'displayName', members: [], meta: { resourceType: 'Group' } });
      expect(r.body.id).not.toBe('8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159');
      groupId = r.body.id;
    });

    it('GET /Groups/{id}?excludedAttributes=members leaves members out', async () => {
      await req('PATCH', `/Groups/${groupId}`, patchOp({ op: 'Add', path: 'members', value: [{ $ref: null, value: userId }] }));
      const r = await req('GET', `/Groups/${groupId}?excludedAttributes=members`);
      expect(r.status).toBe(200);
      expect(r.body).not.toHaveProperty('members');
      expect(r.body).toMatchObject({ id: groupId, displayName: 'displayName', externalId });
      expect((await req('GET', `/Groups/${groupId}`)).body.members).toEqual([expect.objectContaining({ value: userId, type: 'User' })]);
    });

    it('GET /Groups?excludedAttributes=members&filter=displayName eq "displayName" → ListResponse without members', async () => {
      const r = await req('GET', `/Groups?excludedAttributes=members&filter=${encodeURIComponent('displayName eq "displayName"')}`);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ schemas: [LIST_RESPONSE], totalResults: 1, itemsPerPage: 1 });
      expect(r.body.Resources[0].id).toBe(groupId);
      expect(r.body.Resources[0]).not.toHaveProperty('members');
      // Test Connection fetches a random group: an empty ListResponse, not an error.
      const none = await y.request('GET', scimPath(y, `/Groups?filter=displayName+eq+%22${randomUUID()}%22&excludedAttributes=members`), { token });
      expect(none.body).toMatchObject({ totalResults: 0, Resources: [] });
    });

    // Microsoft's samples answer group PATCHes 204; RFC 7644 §3.5.2 gives 200 with the group first, which the
    // contract (and Beyond Identity's own client) asks for. Entra reads only the status of a PATCH reply.
    it('Replace displayName → 200 with the group', async () => {
      const r = await req(
        'PATCH',
        `/Groups/${groupId}`,
        patchOp({ op: 'Replace', path: 'displayName', value: '1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName' }),
      );
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ id: groupId, displayName: '1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName' });
      expect((await req('GET', `/Groups/${groupId}`)).body.displayName).toBe('1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName');
    });

    it('Add then Remove a member with "$ref": null → 200 each', async () => {
      const other = (await createScimUser(y, { userName: 'entra.group.other' })).id;
      const add = await req('PATCH', `/Groups/${groupId}`, patchOp({ op: 'Add', path: 'members', value: [{ $ref: null, value: other }] }));
      expect(add.status).toBe(200);
      expect(await scimMemberIds(y, groupId)).toEqual([userId, other].sort());
      const remove = await req('PATCH', `/Groups/${groupId}`, patchOp({ op: 'Remove', path: 'members', value: [{ $ref: null, value: other }] }));
      expect(remove.status).toBe(200);
      expect(await scimMemberIds(y, groupId)).toEqual([userId]);
    });

    it('DELETE /Groups/{id} → 204, then 404', async () => {
      expect((await req('DELETE', `/Groups/${groupId}`)).status).toBe(204);
      expect((await req('GET', `/Groups/${groupId}`)).status).toBe(404);
    });

    it('groups need a unique displayName: a second one in another case is 409 uniqueness', async () => {
      await createScimGroup(y, { displayName: 'Entra Unique' });
      const r = await req('POST', '/Groups', { schemas: [CORE_GROUP], displayName: 'ENTRA UNIQUE' });
      expect(r.status).toBe(409);
      expect(r.body).toMatchObject({ schemas: [ERROR], status: '409', scimType: 'uniqueness' });
    });
  });

  describe('M2: both member PATCH modes', () => {
    it('default mode removes with Remove on members and a value list; compliant mode with a value filter', async () => {
      const ids: string[] = [];
      for (const n of ['a', 'b', 'c', 'd']) ids.push((await createScimUser(y, { userName: `entra.m2.member.${n}` })).id);
      const g = await createScimGroup(y, { displayName: 'Entra M2', members: ids.map((value) => ({ value })) });
      expect(await scimMemberIds(y, g.id)).toEqual([...ids].sort());
      const [a, b, c, d] = ids as [string, string, string, string];
      const byValue = await req('PATCH', `/Groups/${g.id}`, patchOp({ op: 'Remove', path: 'members', value: [{ value: a }, { value: b }] }));
      expect(byValue.status).toBe(200);
      expect(await scimMemberIds(y, g.id)).toEqual([c, d].sort());
      const byFilter = await req('PATCH', `/Groups/${g.id}`, patchOp({ op: 'remove', path: `members[value eq "${c}"]` }));
      expect(byFilter.status).toBe(200);
      expect(await scimMemberIds(y, g.id)).toEqual([d]);
      // Adds likewise, in either spelling; adding a member twice is no error.
      await req(
        'PATCH',
        `/Groups/${g.id}`,
        patchOp({ op: 'Add', path: 'members', value: [{ value: a }] }, { op: 'add', path: 'members', value: [{ value: a }, { value: d }] }),
      );
      expect(await scimMemberIds(y, g.id)).toEqual([a, d].sort());
    });

    it('a member that is not a user of this realm is 400 invalidValue and nothing changes', async () => {
      const u = await createScimUser(y, { userName: 'entra.m2.ok' });
      const g = await createScimGroup(y, { displayName: 'Entra M2 invalid' });
      const stranger = await y.createIdentity('entra.m2.stranger', {}, y.adminRealmId);
      for (const bad of [stranger.id, 'ffffffffffffffff']) {
        const r = await req('PATCH', `/Groups/${g.id}`, patchOp({ op: 'Add', path: 'members', value: [{ value: u.id }, { value: bad }] }));
        expect(r.status).toBe(400);
        expect(r.body).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidValue' });
        expect(r.body.detail).toContain(bad);
      }
      expect(await scimMemberIds(y, g.id)).toEqual([]);
      const got = await req('GET', `/Groups/${g.id}`);
      expect(got.body.meta.version).toBe('W/"1"');
    });
  });
});
