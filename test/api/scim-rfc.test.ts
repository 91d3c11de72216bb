import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestYonder, describeApi } from '../support/harness.js';
import { CORE_USER, ENTERPRISE_USER, ERROR, LIST_RESPONSE, createScimUser, patchOp, scimPath } from '../support/scim.js';

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
      for (const f of ['favoriteColor eq "blue"', 'emails.label eq "x"', 'active gt true', 'userName eq 5', 'userName eq "x', '(userName eq "x"', 'name eq "x"', 'password eq "x"']) {
        const r = await filter(f);
        expect(r.status, f).toBe(400);
        expect(r.body, f).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidFilter' });
      }
    });
  });

  describe('paging and sorting (§3.4.2.3, §3.4.2.4)', () => {
    beforeAll(async () => {
      for (const name of ['p.delta', 'p.alpha', 'p.charlie', 'p.bravo', 'p.echo']) await createScimUser(y, { userName: name, displayName: name.toUpperCase() });
    });
    const page = (q: string) => get(`/Users?filter=${encodeURIComponent('userName sw "p."')}&${q}`);

    it('startIndex is 1-based, count limits, integers in the response, a page past the end is empty', async () => {
      const r = await page('startIndex=2&count=2&sortBy=userName');
      expect(r.body).toMatchObject({ schemas: [LIST_RESPONSE], totalResults: 5, startIndex: 2, itemsPerPage: 2 });
      expect(r.body.Resources.map((u: any) => u.userName)).toEqual(['p.bravo', 'p.charlie']);
      const past = await page('startIndex=9&count=2');
      expect(past.body).toMatchObject({ totalResults: 5, startIndex: 9, itemsPerPage: 0, Resources: [] });
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
      const written = await y.request('PATCH', scimPath(y, `/Users/${id}?attributes=title`), { body: patchOp({ op: 'add', path: 'title', value: 'T' }) });
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
      const r = await y.request('POST', scimPath(y, '/Users'), { rawBody: '{"userName": "x",', headers: { 'content-type': 'application/scim+json' } });
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidSyntax' });
      expect(await users()).toBe(before);
    });

    it('wrong types and a missing userName are 400 invalidValue', async () => {
      for (const body of [{ userName: 42 }, { displayName: 'no username' }, { userName: 'x', name: 'not an object' }, { userName: 'x', active: 'sometimes' }, { userName: 'x', emails: [{ value: 7 }] }, { userName: 'bad:name' }]) {
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
      expect((await y.request('POST', scimPath(y, '/Users'), { rawBody: '', headers: { 'content-type': 'application/scim+json' } })).status).toBe(400);
      const big = await y.request('POST', scimPath(y, '/Users'), { body: { userName: 'big', title: 'x'.repeat(1024 * 1024) } });
      expect(big.status).toBe(413);
      expect(big.body).toMatchObject({ schemas: [ERROR], status: '413' });
      const xml = await y.request('POST', scimPath(y, '/Users'), { rawBody: '<user/>', headers: { 'content-type': 'application/xml' } });
      expect(xml.status).toBe(415);
      expect(xml.body.schemas).toEqual([ERROR]);
    });

    it('a malformed PatchOp is 400 and changes nothing', async () => {
      const u = await createScimUser(y, { userName: 'bad.patch' });
      for (const body of [{}, { Operations: 'x' }, patchOp({ op: 'jump', path: 'title' }), patchOp({ op: 'remove' }), patchOp({ op: 'add', path: 'emails[value', value: 'x' }), patchOp({ op: 'replace', path: 'meta.created', value: 'x' }), patchOp({ op: 'add', path: 'title', value: 5 })]) {
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

    it('ResourceTypes lists User only (Groups join when they exist), with the enterprise extension', async () => {
      const r = await get('/ResourceTypes');
      expect(r.body.Resources).toHaveLength(1);
      expect(r.body.Resources[0]).toMatchObject({ id: 'User', endpoint: '/Users', schema: CORE_USER, schemaExtensions: [{ schema: ENTERPRISE_USER, required: false }] });
      expect((await get('/ResourceTypes/User')).body.id).toBe('User');
      expect((await get(`/Schemas/${CORE_USER}`)).body.attributes.map((a: any) => a.name)).toContain('userName');
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
            { method: 'POST', path: '/Users', bulkId: 'emp', data: { userName: 'bulk.emp', [ENTERPRISE_USER]: { manager: { value: 'bulkId:boss' } } } },
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
      const bad = await y.request('POST', scimPath(y, '/Bulk'), { body: { schemas: [BULK_REQUEST], Operations: [{ method: 'POST', path: '/Users' }] } });
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
          ],
        },
      });
      expect(mixed.body.Operations.map((o: any) => o.status)).toEqual(['201', '403', '400']);
    });
  });
});
