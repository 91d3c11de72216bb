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

const BULK_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const BULK_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:BulkResponse';

/** RFC 7643 / 7644 behaviour (source R in scim-clients.md) that both clients rely on. */
describeApi('SCIM: RFC 7644 protocol', () => {
  let y: TestYonder;
  beforeAll(async () => {
    y = await TestYonder.start();
  });
  afterAll(async () => y?.close());

  const get = (rest: string, token?: string) => y.request('GET', scimPath(y, rest), token ? { token } : {});
  const filter = async (f: string) => {
    const r = await get(`/Users?filter=${encodeURIComponent(f)}&count=1000`);
    if (r.status !== 200) return { status: r.status, body: r.body, names: [] as string[] };
    return { status: r.status, body: r.body, names: (r.body.Resources as { userName: string }[]).map((u) => u.userName).sort() };
  };

  describe('filters (§3.4.2.2)', () => {
    beforeAll(async () => {
      await createScimUser(y, {
        userName: 'f.alice',
        displayName: 'Alice Anders',
        title: 'Engineer',
        name: { givenName: 'Alice', familyName: 'Anders' },
        emails: [
          { value: 'Alice@Example.com', type: 'work', primary: true },
          { value: 'alice@home.example', type: 'home' },
        ],
        [ENTERPRISE_USER]: { department: 'R&D', employeeNumber: '100' },
      });
      await createScimUser(y, {
        userName: 'f.bob',
        displayName: 'Bob Brown',
        title: 'Manager',
        emails: [{ value: 'bob@example.com', type: 'work', primary: true }],
        phoneNumbers: [{ value: '+1 555 0100', type: 'work' }],
        active: false,
        [ENTERPRISE_USER]: { department: 'Sales', employeeNumber: '200' },
      });
      await createScimUser(y, { userName: 'f.carol', displayName: 'Carol Chen' });
    });

    it('eq, ne, co, sw, ew, pr, gt, ge, lt, le on strings', async () => {
      expect((await filter('userName eq "f.alice"')).names).toEqual(['f.alice']);
      expect((await filter('userName sw "f." and userName ne "f.alice"')).names).toEqual(['f.bob', 'f.carol']);
      expect((await filter('displayName co "own"')).names).toEqual(['f.bob']);
      expect((await filter('userName ew ".carol"')).names).toEqual(['f.carol']);
      expect((await filter('userName sw "f." and title pr')).names).toEqual(['f.alice', 'f.bob']);
      expect((await filter('userName gt "f.alice" and userName lt "f.carol"')).names).toEqual(['f.bob']);
      expect((await filter('userName ge "f.bob" and userName le "f.bob"')).names).toEqual(['f.bob']);
    });

    it('attribute names and operators are case-insensitive; userName and emails compare case-insensitively', async () => {
      expect((await filter('USERNAME Eq "F.ALICE"')).names).toEqual(['f.alice']);
      expect((await filter('emails.value eq "alice@example.COM"')).names).toEqual(['f.alice']);
      expect((await filter('emails eq "ALICE@HOME.EXAMPLE"')).names).toEqual(['f.alice']);
      expect((await filter('title eq "engineer"')).names).toEqual(['f.alice']);
    });

    it('not, or and grouping', async () => {
      expect((await filter('userName sw "f." and not (title pr)')).names).toEqual(['f.carol']);
      expect((await filter('userName sw "f." and (title eq "Engineer" or displayName sw "Carol")')).names).toEqual(['f.alice', 'f.carol']);
      expect((await filter('userName sw "f." and not (title eq "Engineer")')).names).toEqual(['f.bob', 'f.carol']);
    });

    it('value paths: emails[type eq "work" and primary eq true], emails[type eq "home"]', async () => {
      expect((await filter('emails[type eq "work" and primary eq true and value ew "example.com"]')).names).toEqual(['f.alice', 'f.bob']);
      expect((await filter('emails[type eq "other" and value co "home"]')).names).toEqual(['f.alice']);
      expect((await filter('phoneNumbers[type eq "work"]')).names).toEqual(['f.bob']);
    });

    it('booleans, dates and the enterprise extension', async () => {
      expect((await filter('userName sw "f." and active eq false')).names).toEqual(['f.bob']);
      expect((await filter(`${ENTERPRISE_USER}:department eq "r&d"`)).names).toEqual(['f.alice']);
      expect((await filter('meta.created gt "2000-01-01T00:00:00Z" and userName sw "f."')).names).toHaveLength(3);
      expect((await filter('meta.lastModified lt "2000-01-01T00:00:00Z"')).names).toEqual([]);
    });

    it('an unknown attribute, a bad operator for the type, or bad syntax is 400 invalidFilter, never a list', async () => {
      for (const f of [
        'favoriteColor eq "blue"',
        'emails.label eq "x"',
        'active gt true',
        'userName eq 5',
        'userName eq "x',
        '(userName eq "x"',
        'name eq "x"',
        'password eq "x"',
      ]) {
        const r = await filter(f);
        expect(r.status, f).toBe(400);
        expect(r.body, f).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidFilter' });
      }
    });
  });

  describe('paging and sorting (§3.4.2.3, §3.4.2.4)', () => {
    beforeAll(async () => {
      for (const name of ['p.delta', 'p.alpha', 'p.charlie', 'p.bravo', 'p.echo']) {
        await createScimUser(y, { userName: name, displayName: name.toUpperCase() });
        // Creation times have millisecond resolution and ties sort by the random id: a warm
        // process creates several users within one millisecond, so space them out.
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    });
    const page = (q: string) => get(`/Users?filter=${encodeURIComponent('userName sw "p."')}&${q}`);

    it('startIndex is 1-based, count limits, integers in the response, a page past the end is empty', async () => {
      const r = await page('startIndex=2&count=2&sortBy=userName');
      expect(r.body).toMatchObject({ schemas: [LIST_RESPONSE], totalResults: 5, startIndex: 2, itemsPerPage: 2 });
      expect(r.body.Resources.map((u: any) => u.userName)).toEqual(['p.bravo', 'p.charlie']);
      const past = await page('startIndex=9&count=2');
      expect(past.body).toMatchObject({ totalResults: 5, startIndex: 9, itemsPerPage: 0, Resources: [] });
      // Pages that reach the end know the total without counting it; it is the same total.
      expect((await page('startIndex=4&count=10')).body).toMatchObject({ totalResults: 5, itemsPerPage: 2 });
      expect((await page('startIndex=1&count=10')).body).toMatchObject({ totalResults: 5, itemsPerPage: 5 });
      expect((await get(`/Users?filter=${encodeURIComponent('userName eq "p.bravo"')}`)).body).toMatchObject({ totalResults: 1, itemsPerPage: 1 });
    });

    it('count=0 gives only totalResults; a negative count means 0 and startIndex below 1 means 1', async () => {
      expect((await page('count=0')).body).toMatchObject({ totalResults: 5, itemsPerPage: 0, Resources: [] });
      expect((await page('count=-3')).body.itemsPerPage).toBe(0);
      expect((await page('startIndex=0&count=1')).body.startIndex).toBe(1);
    });

    it('non-integer paging is 400 invalidValue', async () => {
      expect((await page('count=ten')).body).toMatchObject({ status: '400', scimType: 'invalidValue' });
    });

    it('sortBy userName / displayName / meta.created, ascending and descending', async () => {
      const names = async (q: string) => (await page(q)).body.Resources.map((u: any) => u.userName);
      expect(await names('sortBy=userName')).toEqual(['p.alpha', 'p.bravo', 'p.charlie', 'p.delta', 'p.echo']);
      expect(await names('sortBy=displayName&sortOrder=descending')).toEqual(['p.echo', 'p.delta', 'p.charlie', 'p.bravo', 'p.alpha']);
      expect(await names('sortBy=meta.created')).toEqual(['p.delta', 'p.alpha', 'p.charlie', 'p.bravo', 'p.echo']);
      expect(await names('')).toEqual(['p.delta', 'p.alpha', 'p.charlie', 'p.bravo', 'p.echo']);
      expect((await page('sortBy=title')).body).toMatchObject({ status: '400', scimType: 'invalidValue' });
    });
  });

  describe('attributes and excludedAttributes (§3.4.2.5, §3.9)', () => {
    let id = '';
    beforeAll(async () => {
      id = (
        await createScimUser(y, {
          userName: 'a.proj',
          name: { givenName: 'Pro', familyName: 'Jection' },
          emails: [{ value: 'proj@example.com', type: 'work', primary: true }],
          [ENTERPRISE_USER]: { department: 'Ops', costCenter: '7' },
        })
      ).id;
    });

    it('attributes returns only those, plus id and schemas', async () => {
      const r = await get(`/Users/${id}?attributes=userName,name.givenName,emails.value,${ENTERPRISE_USER}:department`);
      expect(r.body).toEqual({
        schemas: [CORE_USER, ENTERPRISE_USER],
        id,
        userName: 'a.proj',
        name: { givenName: 'Pro' },
        emails: [{ value: 'proj@example.com' }],
        [ENTERPRISE_USER]: { department: 'Ops' },
      });
    });

    it('excludedAttributes leaves those out but never id; works on lists and writes', async () => {
      const r = await get(`/Users/${id}?excludedAttributes=emails,meta,id,name.familyName,${ENTERPRISE_USER}`);
      expect(r.body.id).toBe(id);
      expect(r.body).not.toHaveProperty('emails');
      expect(r.body).not.toHaveProperty('meta');
      expect(r.body).not.toHaveProperty(ENTERPRISE_USER);
      expect(r.body.name).toEqual({ givenName: 'Pro' });
      const list = await get(`/Users?filter=${encodeURIComponent('userName eq "a.proj"')}&attributes=userName`);
      expect(list.body.Resources).toEqual([{ schemas: [CORE_USER, ENTERPRISE_USER], id, userName: 'a.proj' }]);
      const written = await y.request('PATCH', scimPath(y, `/Users/${id}?attributes=title`), {
        body: patchOp({ op: 'add', path: 'title', value: 'T' }),
      });
      expect(written.body).toEqual({ schemas: [CORE_USER, ENTERPRISE_USER], id, title: 'T' });
    });
  });

  describe('ETags (§3.14)', () => {
    it('meta.version and the weak ETag change on every write, v1 writes included', async () => {
      const u = await createScimUser(y, { userName: 'etag.user' });
      expect(u.meta.version).toBe('W/"1"');
      const got = await get(`/Users/${u.id}`);
      expect(got.headers.etag).toBe('W/"1"');
      const patched = await y.request('PATCH', scimPath(y, `/Users/${u.id}`), { body: patchOp({ op: 'add', path: 'title', value: 'x' }) });
      expect(patched.headers.etag).toBe('W/"2"');
      expect(patched.body.meta.version).toBe('W/"2"');
      await y.request('PATCH', y.realmPath(`/identities/${u.id}`), { body: { identity: { display_name: 'Via v1' } } });
      expect((await get(`/Users/${u.id}`)).body.meta.version).toBe('W/"3"');
    });

    it('If-Match with a stale version is 412 and changes nothing; the current version succeeds', async () => {
      const u = await createScimUser(y, { userName: 'etag.match' });
      await y.request('PATCH', scimPath(y, `/Users/${u.id}`), { body: patchOp({ op: 'add', path: 'title', value: 'first' }) });
      const stale = await y.request('PATCH', scimPath(y, `/Users/${u.id}`), {
        headers: { 'if-match': 'W/"1"' },
        body: patchOp({ op: 'add', path: 'title', value: 'second' }),
      });
      expect(stale.status).toBe(412);
      expect(stale.body).toMatchObject({ schemas: [ERROR], status: '412' });
      const put = await y.request('PUT', scimPath(y, `/Users/${u.id}`), { headers: { 'if-match': 'W/"1"' }, body: { userName: 'etag.match' } });
      expect(put.status).toBe(412);
      const del = await y.request('DELETE', scimPath(y, `/Users/${u.id}`), { headers: { 'if-match': 'W/"1"' } });
      expect(del.status).toBe(412);
      expect((await get(`/Users/${u.id}`)).body.title).toBe('first');
      const ok = await y.request('PATCH', scimPath(y, `/Users/${u.id}`), {
        headers: { 'if-match': 'W/"2"' },
        body: patchOp({ op: 'add', path: 'title', value: 'second' }),
      });
      expect(ok.status).toBe(200);
    });

    it('If-None-Match with the current version is 304; with an old one the user comes back', async () => {
      const u = await createScimUser(y, { userName: 'etag.none' });
      const same = await y.request('GET', scimPath(y, `/Users/${u.id}`), { headers: { 'if-none-match': 'W/"1"' } });
      expect(same.status).toBe(304);
      expect(same.text).toBe('');
      const other = await y.request('GET', scimPath(y, `/Users/${u.id}`), { headers: { 'if-none-match': 'W/"0"' } });
      expect(other.status).toBe(200);
    });
  });

  describe('PUT and DELETE (§3.5.1, §3.6)', () => {
    it('PUT replaces: attributes left out are cleared, meta.created and id stay, read-only values are ignored', async () => {
      const u = await createScimUser(y, { userName: 'put.full', title: 'Old', nickName: 'Nick', name: { givenName: 'G' } });
      const r = await y.request('PUT', scimPath(y, `/Users/${u.id}`), {
        body: { schemas: [CORE_USER], id: 'ffffffffffffffff', userName: 'put.full', title: 'New', meta: { created: '1999-01-01T00:00:00Z' } },
      });
      expect(r.status).toBe(200);
      expect(r.body.id).toBe(u.id);
      expect(r.body.title).toBe('New');
      expect(r.body).not.toHaveProperty('nickName');
      expect(r.body).not.toHaveProperty('name');
      expect(r.body.meta.created).toBe(u.meta.created);
    });

    it('PUT to a userName another user has is 409 uniqueness', async () => {
      await createScimUser(y, { userName: 'put.taken' });
      const u = await createScimUser(y, { userName: 'put.mover' });
      const r = await y.request('PUT', scimPath(y, `/Users/${u.id}`), { body: { userName: 'PUT.TAKEN' } });
      expect(r.status).toBe(409);
      expect(r.body.scimType).toBe('uniqueness');
    });

    it('DELETE is 204, then GET, PUT, PATCH and DELETE are 404', async () => {
      const u = await createScimUser(y, { userName: 'del.me' });
      expect((await y.request('DELETE', scimPath(y, `/Users/${u.id}`))).status).toBe(204);
      expect((await get(`/Users/${u.id}`)).status).toBe(404);
      expect((await y.request('PUT', scimPath(y, `/Users/${u.id}`), { body: { userName: 'del.me' } })).status).toBe(404);
      expect((await y.request('PATCH', scimPath(y, `/Users/${u.id}`), { body: patchOp({ op: 'add', path: 'title', value: 'x' }) })).status).toBe(404);
      expect((await y.request('DELETE', scimPath(y, `/Users/${u.id}`))).status).toBe(404);
    });
  });

  describe('bad input: a SCIM error with the right status, never a 500, nothing half-written', () => {
    const users = async () => (await get('/Users?count=0')).body.totalResults as number;

    it('malformed JSON is 400 invalidSyntax', async () => {
      const before = await users();
      const r = await y.request('POST', scimPath(y, '/Users'), {
        rawBody: '{"userName": "x",',
        headers: { 'content-type': 'application/scim+json' },
      });
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidSyntax' });
      expect(await users()).toBe(before);
    });

    it('wrong types and a missing userName are 400 invalidValue', async () => {
      for (const body of [
        { userName: 42 },
        { displayName: 'no username' },
        { userName: 'x', name: 'not an object' },
        { userName: 'x', active: 'sometimes' },
        { userName: 'x', emails: [{ value: 7 }] },
        { userName: 'bad:name' },
      ]) {
        const r = await y.request('POST', scimPath(y, '/Users'), { body });
        expect(r.status, JSON.stringify(body)).toBe(400);
        expect(r.body, JSON.stringify(body)).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidValue' });
      }
      for (const raw of ['[]', '"x"', 'null']) {
        const r = await y.request('POST', scimPath(y, '/Users'), { rawBody: raw });
        expect(r.status, raw).toBe(400);
        expect(r.body.schemas, raw).toEqual([ERROR]);
      }
    });

    it('an empty body is 400; a body over 1 MiB is 413; another media type is 415', async () => {
      expect((await y.request('POST', scimPath(y, '/Users'), { rawBody: '', headers: { 'content-type': 'application/scim+json' } })).status).toBe(
        400,
      );
      const big = await y.request('POST', scimPath(y, '/Users'), { body: { userName: 'big', title: 'x'.repeat(1024 * 1024) } });
      expect(big.status).toBe(413);
      expect(big.body).toMatchObject({ schemas: [ERROR], status: '413' });
      const xml = await y.request('POST', scimPath(y, '/Users'), { rawBody: '<user/>', headers: { 'content-type': 'application/xml' } });
      expect(xml.status).toBe(415);
      expect(xml.body.schemas).toEqual([ERROR]);
    });

    it('a malformed PatchOp is 400 and changes nothing', async () => {
      const u = await createScimUser(y, { userName: 'bad.patch' });
      for (const body of [
        {},
        { Operations: 'x' },
        patchOp({ op: 'jump', path: 'title' }),
        patchOp({ op: 'remove' }),
        patchOp({ op: 'add', path: 'emails[value', value: 'x' }),
        patchOp({ op: 'replace', path: 'meta.created', value: 'x' }),
        patchOp({ op: 'add', path: 'title', value: 5 }),
      ]) {
        const r = await y.request('PATCH', scimPath(y, `/Users/${u.id}`), { body });
        expect(r.status, JSON.stringify(body)).toBe(400);
        expect(r.body.schemas).toEqual([ERROR]);
      }
      expect((await get(`/Users/${u.id}`)).body.meta.version).toBe('W/"1"');
    });

    it('missing scope is 403 and a token of another realm is 403, both in the SCIM shape', async () => {
      const readOnly = await y.mintToken(['scim:users:read']);
      const r = await y.request('POST', scimPath(y, '/Users'), { token: readOnly, body: { userName: 'nope' } });
      expect(r.status).toBe(403);
      expect(r.body).toMatchObject({ schemas: [ERROR], status: '403' });
      const v1Only = await y.mintToken(['identities:read']);
      expect((await get('/Users', v1Only)).status).toBe(403);
      const otherRealm = await y.mintToken(['scim:all'], { realmId: y.adminRealmId });
      expect((await get('/Users', otherRealm)).status).toBe(403);
    });

    it('an unknown realm is 404 and an unknown SCIM endpoint is 404, in the SCIM shape', async () => {
      const r = await y.request('GET', y.realmPath('/scim/v2/Users', 'ffffffffffffffff'));
      expect(r.status).toBe(404);
      expect(r.body.schemas).toEqual([ERROR]);
      const unknown = await get('/Widgets');
      expect(unknown.status).toBe(404);
      expect(unknown.body.schemas).toEqual([ERROR]);
    });
  });

  describe('discovery (§4)', () => {
    it('ServiceProviderConfig says what is supported, etag included', async () => {
      const r = await get('/ServiceProviderConfig');
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toMatch(/^application\/scim\+json/);
      expect(r.body).toMatchObject({
        patch: { supported: true },
        bulk: { supported: true, maxOperations: 1000, maxPayloadSize: 1048576 },
        filter: { supported: true, maxResults: 1000 },
        changePassword: { supported: false },
        sort: { supported: true },
        etag: { supported: true },
      });
    });

    it('ResourceTypes lists User (with the enterprise extension) and Group; Schemas describe both', async () => {
      const r = await get('/ResourceTypes');
      expect(r.body.Resources).toHaveLength(2);
      expect(r.body.Resources[0]).toMatchObject({
        id: 'User',
        endpoint: '/Users',
        schema: CORE_USER,
        schemaExtensions: [{ schema: ENTERPRISE_USER, required: false }],
      });
      expect(r.body.Resources[1]).toMatchObject({ id: 'Group', endpoint: '/Groups', schema: CORE_GROUP, schemaExtensions: [] });
      expect((await get('/ResourceTypes/User')).body.id).toBe('User');
      expect((await get('/ResourceTypes/Group')).body.endpoint).toBe('/Groups');
      const user = (await get(`/Schemas/${CORE_USER}`)).body;
      expect(user.attributes.map((a: any) => a.name)).toContain('userName');
      expect(user.attributes.find((a: any) => a.name === 'groups')).toMatchObject({ mutability: 'readOnly', multiValued: true });
      const group = (await get(`/Schemas/${CORE_GROUP}`)).body;
      expect(group.attributes.map((a: any) => a.name)).toEqual(['displayName', 'members']);
      expect(group.attributes[1].subAttributes.map((a: any) => a.name)).toEqual(['value', '$ref', 'display', 'type']);
    });
  });

  describe('Bulk (§3.7)', () => {
    it('1,000 creates in one request succeed', async () => {
      const Operations = Array.from({ length: 1000 }, (_, i) => ({
        method: 'POST',
        path: '/Users',
        bulkId: `b${i}`,
        data: { schemas: [CORE_USER], userName: `bulk.${String(i).padStart(4, '0')}`, emails: [{ value: `bulk${i}@example.com`, primary: true }] },
      }));
      const r = await y.request('POST', scimPath(y, '/Bulk'), { body: { schemas: [BULK_REQUEST], Operations } });
      expect(r.status).toBe(200);
      expect(r.body.schemas).toEqual([BULK_RESPONSE]);
      expect(r.body.Operations).toHaveLength(1000);
      expect(r.body.Operations.every((o: any) => o.status === '201' && o.location && o.version === 'W/"1"')).toBe(true);
      expect((await get(`/Users?filter=${encodeURIComponent('userName sw "bulk."')}&count=0`)).body.totalResults).toBe(1000);
    }, 120_000);

    it('bulkId references: a later (or earlier) operation uses the id a POST created', async () => {
      const r = await y.request('POST', scimPath(y, '/Bulk'), {
        body: {
          schemas: [BULK_REQUEST],
          Operations: [
            { method: 'PATCH', path: '/Users/bulkId:emp', data: patchOp({ op: 'add', path: 'title', value: 'Report' }) },
            { method: 'POST', path: '/Users', bulkId: 'boss', data: { userName: 'bulk.boss' } },
            {
              method: 'POST',
              path: '/Users',
              bulkId: 'emp',
              data: { userName: 'bulk.emp', [ENTERPRISE_USER]: { manager: { value: 'bulkId:boss' } } },
            },
          ],
        },
      });
      expect(r.status).toBe(200);
      expect(r.body.Operations.map((o: any) => o.status)).toEqual(['200', '201', '201']);
      const boss = r.body.Operations[1].location.split('/').pop();
      const emp = (await y.request('GET', r.body.Operations[2].location.replace('http://localhost:8080', ''))).body;
      expect(emp[ENTERPRISE_USER].manager.value).toBe(boss);
      expect(emp.title).toBe('Report');
    });

    it('errors are per operation; failOnErrors stops after that many; undefined bulkIds fail', async () => {
      const r = await y.request('POST', scimPath(y, '/Bulk'), {
        body: {
          schemas: [BULK_REQUEST],
          failOnErrors: 2,
          Operations: [
            { method: 'POST', path: '/Users', bulkId: 'dup1', data: { userName: 'bulk.dup' } },
            { method: 'POST', path: '/Users', bulkId: 'dup2', data: { userName: 'BULK.DUP' } },
            { method: 'PATCH', path: '/Users/bulkId:missing', data: patchOp({ op: 'add', path: 'title', value: 'x' }) },
            { method: 'POST', path: '/Users', bulkId: 'never', data: { userName: 'bulk.never' } },
          ],
        },
      });
      expect(r.status).toBe(200);
      expect(r.body.Operations).toHaveLength(3);
      expect(r.body.Operations[0].status).toBe('201');
      expect(r.body.Operations[1]).toMatchObject({ status: '409', response: { schemas: [ERROR], scimType: 'uniqueness' } });
      expect(r.body.Operations[2].status).toBe('409');
      expect((await get(`/Users?filter=${encodeURIComponent('userName eq "bulk.never"')}`)).body.totalResults).toBe(0);
    });

    it('more than 1,000 operations is 413; a malformed request is 400; per-operation scopes are checked', async () => {
      const many = Array.from({ length: 1001 }, (_, i) => ({ method: 'DELETE', path: `/Users/x${i}` }));
      const tooMany = await y.request('POST', scimPath(y, '/Bulk'), { body: { schemas: [BULK_REQUEST], Operations: many } });
      expect(tooMany.status).toBe(413);
      expect(tooMany.body.schemas).toEqual([ERROR]);
      const bad = await y.request('POST', scimPath(y, '/Bulk'), {
        body: { schemas: [BULK_REQUEST], Operations: [{ method: 'POST', path: '/Users' }] },
      });
      expect(bad.status).toBe(400);
      const creator = await y.mintToken(['scim:users:create']);
      const mixed = await y.request('POST', scimPath(y, '/Bulk'), {
        token: creator,
        body: {
          schemas: [BULK_REQUEST],
          Operations: [
            { method: 'POST', path: '/Users', bulkId: 'ok', data: { userName: 'bulk.scoped' } },
            { method: 'DELETE', path: '/Users/bulkId:ok' },
            { method: 'POST', path: '/Groups', bulkId: 'g', data: { displayName: 'G' } },
            { method: 'POST', path: '/Widgets', bulkId: 'w', data: {} },
          ],
        },
      });
      expect(mixed.body.Operations.map((o: any) => o.status)).toEqual(['201', '403', '403', '400']);
    });
  });

  describe('Groups: filters, paging, ETags, PUT (§3.4.2, §3.5.1, §3.14)', () => {
    const ids: Record<string, string> = {};
    let alice = '';
    let bob = '';
    beforeAll(async () => {
      alice = (await createScimUser(y, { userName: 'gf.alice' })).id;
      bob = (await createScimUser(y, { userName: 'gf.bob' })).id;
      ids.eng = (await createScimGroup(y, { displayName: 'GF Engineering', externalId: 'ext-Eng', members: [{ value: alice }, { value: bob }] })).id;
      ids.sales = (await createScimGroup(y, { displayName: 'GF Sales', members: [{ value: bob }] })).id;
      ids.empty = (await createScimGroup(y, { displayName: 'GF Empty' })).id;
    });
    const groupFilter = async (f: string) => {
      const r = await get(`/Groups?filter=${encodeURIComponent(f)}&excludedAttributes=members`);
      if (r.status !== 200) return { status: r.status, body: r.body, names: [] as string[] };
      return { status: r.status, body: r.body, names: (r.body.Resources as { displayName: string }[]).map((g) => g.displayName).sort() };
    };

    it('displayName eq ignores case; co, sw, ew, ne, gt, lt, pr and not on the group attributes', async () => {
      expect((await groupFilter('displayName eq "gf engineering"')).names).toEqual(['GF Engineering']);
      expect((await groupFilter('DISPLAYNAME Eq "GF SALES"')).names).toEqual(['GF Sales']);
      expect((await groupFilter('displayName sw "GF" and displayName ne "GF Sales"')).names).toEqual(['GF Empty', 'GF Engineering']);
      expect((await groupFilter('displayName co "ngineer"')).names).toEqual(['GF Engineering']);
      expect((await groupFilter('displayName ew "ty"')).names).toEqual(['GF Empty']);
      expect((await groupFilter('displayName sw "gf" and externalId pr')).names).toEqual(['GF Engineering']);
      expect((await groupFilter('displayName gt "gf empty" and displayName lt "gf sales"')).names).toEqual(['GF Engineering']);
      expect((await groupFilter('displayName sw "gf" and not (externalId pr)')).names).toEqual(['GF Empty', 'GF Sales']);
    });

    it('externalId compares exactly; id, meta.created and meta.lastModified filter', async () => {
      expect((await groupFilter('externalId eq "ext-Eng"')).names).toEqual(['GF Engineering']);
      expect((await groupFilter('externalId eq "EXT-ENG"')).names).toEqual([]);
      expect((await groupFilter(`id eq "${ids.sales}"`)).names).toEqual(['GF Sales']);
      expect((await groupFilter('displayName sw "gf" and meta.created gt "2000-01-01T00:00:00Z"')).names).toHaveLength(3);
      expect((await groupFilter('meta.lastModified lt "2000-01-01T00:00:00Z"')).names).toEqual([]);
    });

    it('members.value, members[value eq …], members eq, members pr', async () => {
      expect((await groupFilter(`members.value eq "${alice}"`)).names).toEqual(['GF Engineering']);
      expect((await groupFilter(`members[value eq "${bob}"]`)).names).toEqual(['GF Engineering', 'GF Sales']);
      expect((await groupFilter(`members eq "${bob}" and not (members[value eq "${alice}"])`)).names).toEqual(['GF Sales']);
      expect((await groupFilter('displayName sw "gf" and members pr')).names).toEqual(['GF Engineering', 'GF Sales']);
      expect((await groupFilter('displayName sw "gf" and not (members pr)')).names).toEqual(['GF Empty']);
      expect((await groupFilter(`members[type eq "User" and value eq "${alice}"]`)).names).toEqual(['GF Engineering']);
    });

    it('an unknown attribute, a computed one, a bad value or bad syntax is 400 invalidFilter', async () => {
      for (const f of [
        'description eq "x"',
        'userName eq "x"',
        'members.display eq "x"',
        'members.label eq "x"',
        'meta.created gt "yesterday"',
        'displayName eq 5',
        'displayName eq "x',
        'displayName[value eq "x"]',
      ]) {
        const r = await groupFilter(f);
        expect(r.status, f).toBe(400);
        expect(r.body, f).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidFilter' });
      }
    });

    it('paging and sorting: startIndex/count, sortBy displayName, and 400 on sortBy userName', async () => {
      const page = (q: string) => get(`/Groups?filter=${encodeURIComponent('displayName sw "GF"')}&excludedAttributes=members&${q}`);
      const r = await page('sortBy=displayName&startIndex=2&count=1');
      expect(r.body).toMatchObject({ totalResults: 3, startIndex: 2, itemsPerPage: 1 });
      expect(r.body.Resources[0].displayName).toBe('GF Engineering');
      const desc = await page('sortBy=displayName&sortOrder=descending');
      expect(desc.body.Resources.map((g: any) => g.displayName)).toEqual(['GF Sales', 'GF Engineering', 'GF Empty']);
      expect((await page('count=0')).body).toMatchObject({ totalResults: 3, itemsPerPage: 0, Resources: [] });
      expect((await page('sortBy=userName')).body).toMatchObject({ status: '400', scimType: 'invalidValue' });
    });

    it('attributes and excludedAttributes on groups, members included', async () => {
      const only = await get(`/Groups/${ids.sales}?attributes=displayName`);
      expect(only.body).toEqual({ schemas: [CORE_GROUP], id: ids.sales, displayName: 'GF Sales' });
      const values = await get(`/Groups/${ids.sales}?attributes=members.value`);
      expect(values.body).toEqual({ schemas: [CORE_GROUP], id: ids.sales, members: [{ value: bob }] });
      const patched = await y.request('PATCH', scimPath(y, `/Groups/${ids.empty}?attributes=displayName`), {
        body: patchOp({ op: 'replace', path: 'externalId', value: 'x' }),
      });
      expect(patched.status).toBe(200);
      expect(patched.body).toEqual({ schemas: [CORE_GROUP], id: ids.empty, displayName: 'GF Empty' });
    });

    it('ETags: every write changes meta.version and the ETag, v1 member changes included', async () => {
      const g = await createScimGroup(y, { displayName: 'GE Tagged' });
      expect(g.meta.version).toBe('W/"1"');
      expect((await get(`/Groups/${g.id}`)).headers.etag).toBe('W/"1"');
      const patched = await y.request('PATCH', scimPath(y, `/Groups/${g.id}`), {
        body: patchOp({ op: 'add', path: 'members', value: [{ value: alice }] }),
      });
      expect(patched.status).toBe(200);
      expect(patched.headers.etag).toBe('W/"2"');
      await y.request('POST', y.realmPath(`/groups/${g.id}:addMembers`), { body: { identity_ids: [bob] } });
      expect((await get(`/Groups/${g.id}`)).body.meta.version).toBe('W/"3"');
      await y.request('PATCH', y.realmPath(`/groups/${g.id}`), { body: { group: { description: 'via v1' } } });
      expect((await get(`/Groups/${g.id}`)).body.meta.version).toBe('W/"4"');
      const doomed = await createScimUser(y, { userName: 'ge.doomed' });
      await y.request('PATCH', scimPath(y, `/Groups/${g.id}`), { body: patchOp({ op: 'add', path: 'members', value: [{ value: doomed.id }] }) });
      await y.request('DELETE', scimPath(y, `/Users/${doomed.id}`));
      const after = await get(`/Groups/${g.id}`);
      expect(after.body.meta.version).toBe('W/"6"');
      expect(after.body.members.map((m: any) => m.value).sort()).toEqual([alice, bob].sort());
    });

    it('If-Match with a stale version is 412 on PATCH, PUT and DELETE and changes nothing; If-None-Match gives 304', async () => {
      const g = await createScimGroup(y, { displayName: 'GE Match' });
      await y.request('PATCH', scimPath(y, `/Groups/${g.id}`), { body: patchOp({ op: 'replace', path: 'displayName', value: 'GE Match 2' }) });
      const stale = { 'if-match': 'W/"1"' };
      const patch = await y.request('PATCH', scimPath(y, `/Groups/${g.id}`), {
        headers: stale,
        body: patchOp({ op: 'add', path: 'members', value: [{ value: alice }] }),
      });
      expect(patch.status).toBe(412);
      expect(patch.body).toMatchObject({ schemas: [ERROR], status: '412' });
      expect((await y.request('PUT', scimPath(y, `/Groups/${g.id}`), { headers: stale, body: { displayName: 'GE Put' } })).status).toBe(412);
      expect((await y.request('DELETE', scimPath(y, `/Groups/${g.id}`), { headers: stale })).status).toBe(412);
      const now = await get(`/Groups/${g.id}`);
      expect(now.body).toMatchObject({ displayName: 'GE Match 2', members: [], meta: { version: 'W/"2"' } });
      const ok = await y.request('PATCH', scimPath(y, `/Groups/${g.id}`), {
        headers: { 'if-match': 'W/"2"' },
        body: patchOp({ op: 'add', path: 'members', value: [{ value: alice }] }),
      });
      expect(ok.status).toBe(200);
      const same = await y.request('GET', scimPath(y, `/Groups/${g.id}`), { headers: { 'if-none-match': 'W/"3"' } });
      expect(same.status).toBe(304);
      expect(same.text).toBe('');
      expect((await y.request('GET', scimPath(y, `/Groups/${g.id}`), { headers: { 'if-none-match': 'W/"2"' } })).status).toBe(200);
    });

    it('PUT replaces name, externalId and the member list; meta.created and id stay; read-only values are ignored', async () => {
      const g = await createScimGroup(y, { displayName: 'GP Before', externalId: 'gp-ext', members: [{ value: alice }] });
      const r = await y.request('PUT', scimPath(y, `/Groups/${g.id}`), {
        body: {
          schemas: [CORE_GROUP],
          id: 'ffffffffffffffff',
          displayName: 'GP After',
          members: [{ value: bob }],
          meta: { created: '1999-01-01T00:00:00Z' },
        },
      });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({
        id: g.id,
        displayName: 'GP After',
        members: [expect.objectContaining({ value: bob })],
        meta: { created: g.meta.created, version: 'W/"2"' },
      });
      expect(r.body).not.toHaveProperty('externalId');
      expect(await scimMemberIds(y, g.id)).toEqual([bob]);
    });

    it('bad group writes are 400 and change nothing: no displayName, a forbidden name, a nested group, a read-only path', async () => {
      for (const body of [
        { members: [] },
        { displayName: 'bad:name' },
        { displayName: 'G', members: [{ value: alice, type: 'Group' }] },
        { displayName: 'G', members: ['x'] },
      ]) {
        const r = await y.request('POST', scimPath(y, '/Groups'), { body });
        expect(r.status, JSON.stringify(body)).toBe(400);
        expect(r.body.scimType, JSON.stringify(body)).toBe('invalidValue');
      }
      const g = await createScimGroup(y, { displayName: 'GB Bad' });
      for (const [body, scimType] of [
        [patchOp({ op: 'replace', path: 'id', value: 'x' }), 'mutability'],
        [patchOp({ op: 'remove', path: 'displayName' }), 'invalidValue'],
        [patchOp({ op: 'replace', path: 'members[value eq "x"].display', value: 'x' }), 'invalidPath'],
        [
          patchOp({ op: 'add', path: 'members', value: [{ value: alice }] }, { op: 'replace', path: 'displayName', value: 'no/slash' }),
          'invalidValue',
        ],
      ] as const) {
        const r = await y.request('PATCH', scimPath(y, `/Groups/${g.id}`), { body });
        expect(r.status, JSON.stringify(body)).toBe(400);
        expect(r.body.scimType, JSON.stringify(body)).toBe(scimType);
      }
      expect((await get(`/Groups/${g.id}`)).body).toMatchObject({ displayName: 'GB Bad', members: [], meta: { version: 'W/"1"' } });
    });

    it('a remove with a general value filter removes the matching members; removing a non-member is no error', async () => {
      const g = await createScimGroup(y, { displayName: 'GR Remove', members: [{ value: alice }, { value: bob }] });
      const r = await y.request('PATCH', scimPath(y, `/Groups/${g.id}`), {
        body: patchOp({ op: 'remove', path: `members[value ne "${alice}"]` }, { op: 'remove', path: 'members[value eq "ffffffffffffffff"]' }),
      });
      expect(r.status).toBe(200);
      expect(await scimMemberIds(y, g.id)).toEqual([alice]);
      await y.request('PATCH', scimPath(y, `/Groups/${g.id}`), { body: patchOp({ op: 'remove', path: 'members' }) });
      expect(await scimMemberIds(y, g.id)).toEqual([]);
    });

    it('group scopes: scim:users:* alone cannot read or write groups', async () => {
      const usersOnly = await y.mintToken(['scim:users:read', 'scim:users:create']);
      expect((await get('/Groups', usersOnly)).status).toBe(403);
      const reader = await y.mintToken(['scim:groups:read']);
      expect((await get('/Groups', reader)).status).toBe(200);
      const r = await y.request('POST', scimPath(y, '/Groups'), { token: reader, body: { displayName: 'GS Nope' } });
      expect(r.status).toBe(403);
      expect(r.body).toMatchObject({ schemas: [ERROR], status: '403' });
    });
  });

  describe('Bulk with Groups (§3.7)', () => {
    it('bulkId references in members[].value wire a group to users created in the same request', async () => {
      const r = await y.request('POST', scimPath(y, '/Bulk'), {
        body: {
          schemas: [BULK_REQUEST],
          Operations: [
            {
              method: 'POST',
              path: '/Groups',
              bulkId: 'team',
              data: { schemas: [CORE_GROUP], displayName: 'Bulk Team', members: [{ value: 'bulkId:ann' }, { value: 'bulkId:ben' }] },
            },
            { method: 'POST', path: '/Users', bulkId: 'ann', data: { schemas: [CORE_USER], userName: 'bulk.team.ann' } },
            { method: 'POST', path: '/Users', bulkId: 'ben', data: { schemas: [CORE_USER], userName: 'bulk.team.ben' } },
            { method: 'PATCH', path: '/Groups/bulkId:team', data: patchOp({ op: 'add', path: 'members', value: [{ value: 'bulkId:cat' }] }) },
            { method: 'POST', path: '/Users', bulkId: 'cat', data: { schemas: [CORE_USER], userName: 'bulk.team.cat' } },
          ],
        },
      });
      expect(r.status).toBe(200);
      expect(r.body.Operations.map((o: any) => o.status)).toEqual(['201', '201', '201', '200', '201']);
      const idOf = (i: number) => String(r.body.Operations[i].location).split('/').pop() as string;
      expect(r.body.Operations[0].location).toMatch(/\/Groups\/[0-9a-f]{16}$/);
      expect(r.body.Operations[3].version).toBe('W/"2"');
      expect(await scimMemberIds(y, idOf(0))).toEqual([idOf(1), idOf(2), idOf(4)].sort());
      const ann = await get(`/Users/${idOf(1)}`);
      expect(ann.body.groups).toEqual([expect.objectContaining({ value: idOf(0), display: 'Bulk Team' })]);
    });

    it('per-operation group scopes are checked, and a group DELETE in a bulk is 204', async () => {
      const g = await createScimGroup(y, { displayName: 'Bulk Doomed' });
      const creator = await y.mintToken(['scim:groups:create']);
      const r = await y.request('POST', scimPath(y, '/Bulk'), {
        token: creator,
        body: {
          schemas: [BULK_REQUEST],
          Operations: [
            { method: 'POST', path: '/Groups', bulkId: 'g', data: { displayName: 'Bulk Scoped' } },
            { method: 'DELETE', path: `/Groups/${g.id}` },
          ],
        },
      });
      expect(r.body.Operations.map((o: any) => o.status)).toEqual(['201', '403']);
      const all = await y.request('POST', scimPath(y, '/Bulk'), {
        body: { schemas: [BULK_REQUEST], Operations: [{ method: 'DELETE', path: `/Groups/${g.id}` }] },
      });
      expect(all.body.Operations).toEqual([{ method: 'DELETE', status: '204' }]);
    });
  });
});
