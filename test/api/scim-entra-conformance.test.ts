import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestYonder, describeApi } from '../support/harness.js';
import { CORE_USER, ENTERPRISE_USER, ERROR, LIST_RESPONSE, createScimUser, patchOp, scimPath } from '../support/scim.js';

/**
 * Microsoft Entra ID's documented requests: the canonical samples (M1), both PATCH modes (M2),
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
      const r = await req('PATCH', `/Users/${id}`, patchOp({ op: 'Replace', path: 'userName', value: '5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com' }));
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
      expect(r.body.Resources.map((s: { id: string }) => s.id)).toEqual([CORE_USER, ENTERPRISE_USER]);
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
        patchOp({ op: 'Replace', path: 'displayName', value: 'Half Written' }, { op: 'Replace', path: 'emails[type eq "home"].value', value: 'x@y.z' }),
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
});
