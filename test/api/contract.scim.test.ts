import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANAGEMENT_SCOPES } from '../../src/domain/access/scopes.js';
import {
  type ContractCheckOptions,
  ContractCoverage,
  type DocumentedRoute,
  SCIM_ROUTE_PREFIX,
  YONDER_ONLY_ROUTES,
  contractUnavailableReason,
  documentedRoutes,
  isScimRoute,
  routeCoverageProblems,
} from '../support/contract.js';
import { type Reply, type RequestOptions, TestYonder, describeApi, engine } from '../support/harness.js';
import { CORE_GROUP, CORE_USER, ENTERPRISE_USER, ERROR, LIST_RESPONSE, patchOp } from '../support/scim.js';

/**
 * Every SCIM 2.0 route yonder documents (`/v1/tenants/{t}/realms/{r}/scim/v2/...`), called as Okta
 * and Entra ID call it, with each reply validated against the Beyond Identity v1 OpenAPI contract
 * after its known corrections (test/support/contract.ts): create and replace take a flat SCIM User,
 * create Group a flat SCIM Group at `/Groups` (no trailing slash), PATCH takes a PatchOp
 * (correction 2), replies are `application/scim+json` (correction 6).
 *
 * Where the contract and RFC 7644 disagree and yonder follows the RFC, the status is accepted in
 * `UNDECLARED_STATUS_ALLOWANCES` with its reason; attributes of RFC 7643 the contract's SCIM schemas
 * do not list are allowed by name below. Nothing else is loosened.
 *
 * The non-SCIM `/v1` routes are `contract.v1.test.ts`'s part; this file checks its own part of
 * yonder's OpenAPI document (401, 403, coverage) the same way.
 */

const SCIM = SCIM_ROUTE_PREFIX.slice(0, -1);
const USERS = `${SCIM}/Users`;
const USER = `${USERS}/{user_id}`;
const GROUPS = `${SCIM}/Groups`;
const GROUP = `${GROUPS}/{group_id}`;
const SERVICE_PROVIDER_CONFIG = `${SCIM}/ServiceProviderConfig`;
const RESOURCE_TYPES = `${SCIM}/ResourceTypes`;
const RESOURCE_TYPE = `${RESOURCE_TYPES}/{id}`;
const SCHEMAS = `${SCIM}/Schemas`;
const SCHEMA = `${SCHEMAS}/{id}`;
const BULK = `${SCIM}/Bulk`;

const BULK_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const BULK_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:BulkResponse';
const UNKNOWN_ID = '0123456789abcdef';

/**
 * RFC 7643 §4.1 User attributes yonder returns that the contract's `SCIMUser` does not list (it has
 * only schemas, id, externalId, userName, displayName, active, emails.value/primary,
 * name.givenName/familyName, the enterprise extension and meta). Okta and Entra send these and a
 * SCIM service returns what it stores. Exactly the attributes `identityToScimUser` can write; a
 * complex attribute the contract lacks is allowed whole (the walk stops at the first undeclared key).
 */
const RFC_USER_ATTRIBUTES = [
  'nickName',
  'profileUrl',
  'title',
  'userType',
  'preferredLanguage',
  'locale',
  'timezone',
  'name.formatted',
  'name.middleName',
  'name.honorificPrefix',
  'name.honorificSuffix',
  'emails[].type',
  'phoneNumbers',
  'addresses',
  'photos',
];

/** The allowance for a User at `at` (`body`, `body.Resources[]`). */
const userProperties = (at: string) => RFC_USER_ATTRIBUTES.map((a) => `${at}.${a}`);
const USER_OPTIONS: ContractCheckOptions = { allowProperties: userProperties('body') };
const LIST_OPTIONS: ContractCheckOptions = { allowProperties: userProperties('body.Resources[]') };

/**
 * RFC 7643 attributes of the discovery resources the contract's schemas leave out: `meta` (§5, §6,
 * §7: every discovery resource carries meta.resourceType and meta.location), a Schema resource's
 * own `schemas` (§7, as every SCIM resource, RFC 7643 §3) and an authentication scheme's `primary`
 * (§5).
 */
const DISCOVERY_OPTIONS: Readonly<Record<string, ContractCheckOptions>> = {
  [`${SCIM_ROUTE_PREFIX}ServiceProviderConfig`]: { allowProperties: ['body.meta', 'body.authenticationSchemes[].primary'] },
  [`${SCIM_ROUTE_PREFIX}ResourceTypes`]: { allowProperties: ['body.Resources[].meta'] },
  [`${SCIM_ROUTE_PREFIX}Schemas`]: { allowProperties: ['body.Resources[].schemas', 'body.Resources[].meta'] },
};

/**
 * RFC 7643 §4.2 Group attributes the contract's `SCIMGroup` does not list (it has only schemas, id,
 * displayName and meta): `members` (what a group is for; Okta and Entra write it, yonder returns it
 * unless `excludedAttributes=members`) and `externalId` (RFC 7643 §3.1, sent by Entra).
 */
const groupProperties = (at: string) => [`${at}.members`, `${at}.externalId`];
const GROUP_OPTIONS: ContractCheckOptions = { allowProperties: groupProperties('body') };
const GROUP_LIST_OPTIONS: ContractCheckOptions = { allowProperties: groupProperties('body.Resources[]') };

/** The user Okta creates (scim-clients.md, O2): flat, with `password` and `groups: []`. */
const oktaUser = (userName: string) => ({
  schemas: [CORE_USER, ENTERPRISE_USER],
  userName,
  name: { givenName: 'Barbara', familyName: 'Jensen' },
  emails: [{ primary: true, value: userName, type: 'work' }],
  displayName: 'Barbara Jensen',
  locale: 'en-US',
  externalId: '00ujl29u0le5T6Aj10h7',
  groups: [],
  password: 't1meMa$heen',
  active: true,
  [ENTERPRISE_USER]: { employeeNumber: '701984', department: 'Tour Operations' },
});

const unavailable = contractUnavailableReason();
if (unavailable) {
  console.warn(`SKIPPED contract.scim tests [${engine}]: ${unavailable}`);
  describe.skip(`SCIM API matches the Beyond Identity contract [${engine}] (skipped: ${unavailable})`, () => {
    it('needs the contract file', () => {});
  });
} else {
  describeApi('SCIM API matches the Beyond Identity contract', () => {
    let y: TestYonder;
    const coverage = new ContractCoverage();

    interface CallOptions extends RequestOptions {
      params?: Record<string, string>;
      query?: Record<string, string>;
      check?: ContractCheckOptions;
    }

    /** Calls `method template` with its parameters filled in and checks the reply against the contract. */
    async function call(method: string, template: string, options: CallOptions = {}): Promise<Reply> {
      const { params = {}, query, check, ...request } = options;
      const values: Record<string, string> = { tenant_id: y.tenantId, realm_id: y.realmId, ...params };
      const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
        const value = values[name];
        if (value === undefined) throw new Error(`no value for {${name}} in ${template}`);
        return encodeURIComponent(value);
      });
      const url = query ? `${path}?${new URLSearchParams(query).toString()}` : path;
      const reply = await y.request(method, url, request);
      if (`${method} ${template}` in YONDER_ONLY_ROUTES) coverage.record(method, template, reply.status);
      else coverage.check(method, template, reply, check);
      return reply;
    }

    const create = async (userName: string) => {
      const reply = await call('POST', USERS, { body: oktaUser(userName), check: USER_OPTIONS });
      expect(reply.status, reply.text).toBe(201);
      return reply.body as { id: string; meta: { version: string } };
    };

    beforeAll(async () => {
      y = await TestYonder.start();
    });
    afterAll(async () => y?.close());

    describe('Users', () => {
      it('POST /Users with a flat SCIM User is 201 with the SCIMUser, Location and ETag', async () => {
        const reply = await call('POST', USERS, {
          body: oktaUser('bjensen@example.com'),
          headers: { 'content-type': 'application/scim+json; charset=utf-8', accept: 'application/scim+json' },
          check: USER_OPTIONS,
        });
        expect(reply.status).toBe(201);
        expect(reply.headers['content-type']).toMatch(/^application\/scim\+json/);
        expect(reply.headers.location).toBe(reply.body.meta.location);
        expect(reply.headers.etag).toBe(reply.body.meta.version);
        expect(reply.body).toMatchObject({ userName: 'bjensen@example.com', active: true, meta: { resourceType: 'User' } });
        expect(reply.body).not.toHaveProperty('password');
      });

      it('POST /Users with every attribute yonder stores returns them all (RFC 7643 §4.1, §4.3)', async () => {
        const reply = await call('POST', USERS, {
          body: {
            ...oktaUser('full.attributes@example.com'),
            name: {
              formatted: 'Ms. Barbara J Jensen III',
              familyName: 'Jensen',
              givenName: 'Barbara',
              middleName: 'Jane',
              honorificPrefix: 'Ms.',
              honorificSuffix: 'III',
            },
            emails: [
              { value: 'full.attributes@example.com', type: 'work', primary: true },
              { value: 'babs@jensen.example', type: 'home' },
            ],
            nickName: 'Babs',
            profileUrl: 'https://login.example.com/bjensen',
            title: 'Tour Guide',
            userType: 'Employee',
            preferredLanguage: 'en-US',
            timezone: 'America/Los_Angeles',
            phoneNumbers: [
              { value: '555-555-5555', type: 'work' },
              { value: '555-555-4444', type: 'mobile' },
            ],
            addresses: [
              {
                type: 'work',
                streetAddress: '100 Universal City Plaza',
                locality: 'Hollywood',
                region: 'CA',
                postalCode: '91608',
                country: 'US',
                primary: true,
              },
            ],
            photos: [{ value: 'https://photos.example.com/profilephoto/72930000000Ccne/F', type: 'photo' }],
            [ENTERPRISE_USER]: {
              employeeNumber: '701984',
              costCenter: '4130',
              organization: 'Universal Studios',
              division: 'Theme Park',
              department: 'Tour Operations',
            },
          },
          check: USER_OPTIONS,
        });
        expect(reply.status, reply.text).toBe(201);
        for (const attribute of RFC_USER_ATTRIBUTES) {
          const [head = '', rest] = attribute.replace('[]', '').split('.');
          const value = reply.body[head];
          expect(value, attribute).toBeDefined();
          if (rest) expect(Array.isArray(value) ? value[0][rest] : value[rest], attribute).toBeDefined();
        }
      });

      it('POST /Users answers 400 invalidValue / invalidSyntax and 409 uniqueness as SCIMErrors', async () => {
        const noName = await call('POST', USERS, { body: { schemas: [CORE_USER], displayName: 'No Username' } });
        expect(noName.status).toBe(400);
        expect(noName.body).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidValue' });
        const malformed = await call('POST', USERS, { rawBody: '{"userName": ', headers: { 'content-type': 'application/scim+json' } });
        expect(malformed.status).toBe(400);
        expect(malformed.body).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidSyntax' });
        // Not declared by the contract; accepted in UNDECLARED_STATUS_ALLOWANCES (RFC 7644 §3.3).
        const taken = await call('POST', USERS, { body: oktaUser('BJENSEN@example.com') });
        expect(taken.status).toBe(409);
        expect(taken.body).toMatchObject({ schemas: [ERROR], status: '409', scimType: 'uniqueness' });
      });

      it('GET /Users lists with paging and a filter; an unmatched filter is an empty ListResponse', async () => {
        for (const name of ['list.a@example.com', 'list.b@example.com', 'list.c@example.com']) await create(name);
        // Okta's import and spec-test probe (O1, O5).
        const page = await call('GET', USERS, { query: { startIndex: '1', count: '2' }, check: LIST_OPTIONS });
        expect(page.status).toBe(200);
        expect(page.body).toMatchObject({ schemas: [LIST_RESPONSE], startIndex: 1, itemsPerPage: 2 });
        const filtered = await call('GET', USERS, { query: { filter: 'userName sw "list."', count: '100' }, check: LIST_OPTIONS });
        expect(filtered.status).toBe(200);
        expect(filtered.body.totalResults).toBe(3);
        // Entra's Test Connection (M4) and externalId matching (M5).
        const none = await call('GET', USERS, { query: { filter: 'userName eq "9a3f2c1e-0000-4000-8000-000000000000"' }, check: LIST_OPTIONS });
        expect(none.body).toMatchObject({ totalResults: 0, Resources: [] });
        const byExternal = await call('GET', USERS, { query: { filter: 'externalId eq "00ujl29u0le5T6Aj10h7"' }, check: LIST_OPTIONS });
        expect(byExternal.status).toBe(200);
        const byWorkEmail = await call('GET', USERS, {
          query: { filter: 'emails[type eq "work"].value eq "list.b@example.com"' },
          check: LIST_OPTIONS,
        });
        expect(byWorkEmail.body.totalResults).toBe(1);
        const countOnly = await call('GET', USERS, { query: { count: '0' }, check: LIST_OPTIONS });
        expect(countOnly.body).toMatchObject({ itemsPerPage: 0, Resources: [] });
      });

      it('GET /Users answers 400 invalidFilter and 400 invalidValue as SCIMErrors', async () => {
        const badFilter = await call('GET', USERS, { query: { filter: 'userName eq' } });
        expect(badFilter.status).toBe(400);
        expect(badFilter.body).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidFilter' });
        const unknownAttribute = await call('GET', USERS, { query: { filter: 'favoriteColor eq "blue"' } });
        expect(unknownAttribute.body).toMatchObject({ status: '400', scimType: 'invalidFilter' });
        const badCount = await call('GET', USERS, { query: { count: 'ten' } });
        expect(badCount.body).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidValue' });
      });

      it('GET /Users/{id} returns the SCIMUser, or 404 as a SCIMError', async () => {
        const user = await create('get.one@example.com');
        const reply = await call('GET', USER, { params: { user_id: user.id }, check: USER_OPTIONS });
        expect(reply.status).toBe(200);
        expect(reply.body.id).toBe(user.id);
        const missing = await call('GET', USER, { params: { user_id: UNKNOWN_ID } });
        expect(missing.status).toBe(404);
        expect(missing.body).toMatchObject({ schemas: [ERROR], status: '404' });
      });

      it('PUT /Users/{id} replaces (Okta sends the whole user back, id and meta included); 400, 404, 409', async () => {
        const user = await create('put.one@example.com');
        await create('put.taken@example.com');
        const current = (await call('GET', USER, { params: { user_id: user.id }, check: USER_OPTIONS })).body;
        const params = { user_id: user.id };
        const replaced = await call('PUT', USER, { params, body: { ...current, displayName: 'Replaced', active: false }, check: USER_OPTIONS });
        expect(replaced.status).toBe(200);
        expect(replaced.body).toMatchObject({ displayName: 'Replaced', active: false });
        const invalid = await call('PUT', USER, { params, body: { schemas: [CORE_USER], userName: 42 } });
        expect(invalid.status).toBe(400);
        expect(invalid.body).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidValue' });
        const missing = await call('PUT', USER, { params: { user_id: UNKNOWN_ID }, body: { schemas: [CORE_USER], userName: 'x' } });
        expect(missing.status).toBe(404);
        // Not declared by the contract; accepted in UNDECLARED_STATUS_ALLOWANCES (RFC 7644 §3.5.1).
        const taken = await call('PUT', USER, { params, body: { schemas: [CORE_USER], userName: 'put.taken@example.com' } });
        expect(taken.status).toBe(409);
        expect(taken.body).toMatchObject({ schemas: [ERROR], status: '409', scimType: 'uniqueness' });
      });

      it('PATCH /Users/{id} applies a PatchOp (Okta no-path, Entra capitalised ops); 400, 404, 409', async () => {
        const user = await create('patch.one@example.com');
        await create('patch.taken@example.com');
        const params = { user_id: user.id };
        const deactivated = await call('PATCH', USER, { params, body: patchOp({ op: 'replace', value: { active: false } }), check: USER_OPTIONS });
        expect(deactivated.status).toBe(200);
        expect(deactivated.body.active).toBe(false);
        const entra = await call('PATCH', USER, {
          params,
          body: patchOp(
            { op: 'Replace', path: 'displayName', value: 'Patched' },
            { op: 'Add', path: 'emails[type eq "work"].value', value: 'patch.work@example.com' },
            { op: 'Replace', path: `${ENTERPRISE_USER}:department`, value: 'Finance' },
          ),
          check: USER_OPTIONS,
        });
        expect(entra.status).toBe(200);
        expect(entra.body.displayName).toBe('Patched');
        const invalid = await call('PATCH', USER, { params, body: patchOp({ op: 'jump', path: 'title' }) });
        expect(invalid.status).toBe(400);
        expect(invalid.body).toMatchObject({ schemas: [ERROR], status: '400' });
        const badPath = await call('PATCH', USER, { params, body: patchOp({ op: 'add', path: 'emails[value', value: 'x' }) });
        expect(badPath.status).toBe(400);
        const missing = await call('PATCH', USER, { params: { user_id: UNKNOWN_ID }, body: patchOp({ op: 'add', path: 'title', value: 'x' }) });
        expect(missing.status).toBe(404);
        // Not declared by the contract; accepted in UNDECLARED_STATUS_ALLOWANCES (RFC 7644 §3.5.2).
        const taken = await call('PATCH', USER, { params, body: patchOp({ op: 'replace', path: 'userName', value: 'patch.taken@example.com' }) });
        expect(taken.status).toBe(409);
        expect(taken.body).toMatchObject({ schemas: [ERROR], status: '409', scimType: 'uniqueness' });
      });

      it('DELETE /Users/{id} is 204 with no body (and no JSON label), then 404', async () => {
        const user = await create('delete.one@example.com');
        const params = { user_id: user.id };
        const deleted = await call('DELETE', USER, { params, headers: { 'content-type': 'application/json' } });
        expect(deleted.status).toBe(204);
        expect(deleted.text).toBe('');
        const again = await call('DELETE', USER, { params });
        expect(again.status).toBe(404);
        expect(again.body).toMatchObject({ schemas: [ERROR], status: '404' });
      });
    });

    describe('Groups', () => {
      let userIds: string[];
      const createGroup = async (displayName: string, members: string[] = []) => {
        const reply = await call('POST', GROUPS, {
          body: { schemas: [CORE_GROUP], displayName, members: members.map((value) => ({ value })) },
          check: GROUP_OPTIONS,
        });
        expect(reply.status, reply.text).toBe(201);
        return reply.body as { id: string; meta: { version: string } };
      };

      beforeAll(async () => {
        userIds = [];
        for (const name of ['member.a@example.com', 'member.b@example.com']) userIds.push((await create(name)).id);
      });

      it('POST /Groups with a flat SCIM Group (no trailing slash) is 201 with the SCIMGroup, Location and ETag', async () => {
        const reply = await call('POST', GROUPS, {
          body: { schemas: [CORE_GROUP], displayName: 'Tour Guides', externalId: 'ext-tour-guides', members: [{ value: userIds[0] }] },
          headers: { 'content-type': 'application/scim+json', accept: 'application/scim+json' },
          check: GROUP_OPTIONS,
        });
        expect(reply.status, reply.text).toBe(201);
        expect(reply.headers['content-type']).toMatch(/^application\/scim\+json/);
        expect(reply.headers.location).toBe(reply.body.meta.location);
        expect(reply.headers.etag).toBe(reply.body.meta.version);
        expect(reply.body).toMatchObject({ displayName: 'Tour Guides', meta: { resourceType: 'Group' } });
        expect(reply.body.members.map((m: { value: string }) => m.value)).toEqual([userIds[0]]);
      });

      it('POST /Groups answers 400 invalidValue as a SCIMError', async () => {
        const noName = await call('POST', GROUPS, { body: { schemas: [CORE_GROUP] } });
        expect(noName.status).toBe(400);
        expect(noName.body).toMatchObject({ schemas: [ERROR], status: '400' });
      });

      it('GET /Groups lists with paging, a displayName filter and excludedAttributes=members (Entra, M1)', async () => {
        await createGroup('Listed Group', userIds);
        const page = await call('GET', GROUPS, { query: { startIndex: '1', count: '1' }, check: GROUP_LIST_OPTIONS });
        expect(page.status).toBe(200);
        expect(page.body).toMatchObject({ schemas: [LIST_RESPONSE], startIndex: 1, itemsPerPage: 1 });
        expect(page.body.totalResults).toBeGreaterThanOrEqual(2);
        const filtered = await call('GET', GROUPS, {
          query: { filter: 'displayName eq "Listed Group"', excludedAttributes: 'members' },
          check: GROUP_LIST_OPTIONS,
        });
        expect(filtered.status).toBe(200);
        expect(filtered.body.totalResults).toBe(1);
        expect(filtered.body.Resources[0]).not.toHaveProperty('members');
        const none = await call('GET', GROUPS, { query: { filter: 'displayName eq "No Such Group"' }, check: GROUP_LIST_OPTIONS });
        expect(none.body).toMatchObject({ totalResults: 0, Resources: [] });
        const badFilter = await call('GET', GROUPS, { query: { filter: 'displayName eq' } });
        expect(badFilter.status).toBe(400);
        expect(badFilter.body).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidFilter' });
      });

      it('GET /Groups/{id} returns the SCIMGroup with its members, or 404 as a SCIMError', async () => {
        const group = await createGroup('Fetched Group', userIds);
        const reply = await call('GET', GROUP, { params: { group_id: group.id }, check: GROUP_OPTIONS });
        expect(reply.status).toBe(200);
        expect(reply.body.members.map((m: { value: string }) => m.value).sort()).toEqual([...userIds].sort());
        const missing = await call('GET', GROUP, { params: { group_id: UNKNOWN_ID } });
        expect(missing.status).toBe(404);
        expect(missing.body).toMatchObject({ schemas: [ERROR], status: '404' });
      });

      it('PUT /Groups/{id} (yonder-only, RFC 7644 §3.5.1) replaces the group, members included', async () => {
        const group = await createGroup('Replaced Group', userIds);
        const reply = await call('PUT', GROUP, {
          params: { group_id: group.id },
          body: { schemas: [CORE_GROUP], id: group.id, displayName: 'Replaced Group 2', members: [{ value: userIds[1] }] },
        });
        expect(reply.status, reply.text).toBe(200);
        expect(reply.headers['content-type']).toMatch(/^application\/scim\+json/);
        expect(reply.body).toMatchObject({ id: group.id, displayName: 'Replaced Group 2', members: [{ value: userIds[1] }] });
      });

      it("PATCH /Groups/{id} answers the contract's 200 with the group, members only when asked for; 204 only with Prefer: return=minimal; 400, 404", async () => {
        const group = await createGroup('Patched Group');
        const params = { group_id: group.id };
        // Beyond Identity's client reads the group from the reply: no body is no group.
        const added = await call('PATCH', GROUP, {
          params,
          body: patchOp({ op: 'Add', path: 'members', value: userIds.map((value) => ({ value })) }),
          check: GROUP_OPTIONS,
        });
        expect(added.status, added.text).toBe(200);
        expect(added.headers['content-type']).toMatch(/^application\/scim\+json/);
        expect(added.headers.etag).toBe('W/"2"');
        expect(added.body).toMatchObject({ id: group.id, displayName: 'Patched Group', meta: { version: 'W/"2"' } });
        // The contract's SCIMGroup has no members, and a member list in every reply grows with the group.
        expect(added.body).not.toHaveProperty('members');
        // A client that wants them asks (RFC 7644 §3.9), and may ask for nothing else.
        const renamed = await call('PATCH', GROUP, {
          params,
          query: { attributes: 'displayName,members' },
          body: patchOp({ op: 'replace', path: 'displayName', value: 'Patched Group 2' }),
          check: GROUP_OPTIONS,
        });
        expect(renamed.status, renamed.text).toBe(200);
        expect(renamed.body.displayName).toBe('Patched Group 2');
        expect(renamed.body.members.map((m: { value: string }) => m.value).sort()).toEqual([...userIds].sort());
        const excluded = await call('PATCH', GROUP, {
          params,
          query: { excludedAttributes: 'externalId' },
          body: patchOp({ op: 'replace', path: 'displayName', value: 'Patched Group 2' }),
          check: GROUP_OPTIONS,
        });
        expect(excluded.status, excluded.text).toBe(200);
        expect(excluded.body.members).toHaveLength(userIds.length);
        // RFC 7240: a client that wants no body says so. Accepted in UNDECLARED_STATUS_ALLOWANCES.
        const minimal = await call('PATCH', GROUP, {
          params,
          headers: { prefer: 'return=minimal' },
          body: patchOp({ op: 'replace', path: 'displayName', value: 'Patched Group 3' }),
        });
        expect(minimal.status, minimal.text).toBe(204);
        expect(minimal.text).toBe('');
        expect(minimal.headers.etag).toBe('W/"5"');
        expect(minimal.headers['preference-applied']).toBe('return=minimal');
        const invalid = await call('PATCH', GROUP, { params, body: patchOp({ op: 'jump', path: 'displayName' }) });
        expect(invalid.status).toBe(400);
        expect(invalid.body).toMatchObject({ schemas: [ERROR], status: '400' });
        const missing = await call('PATCH', GROUP, {
          params: { group_id: UNKNOWN_ID },
          body: patchOp({ op: 'replace', path: 'displayName', value: 'x' }),
        });
        expect(missing.status).toBe(404);
      });

      it('DELETE /Groups/{id} is 204 with no body, then 404', async () => {
        const group = await createGroup('Deleted Group');
        const deleted = await call('DELETE', GROUP, { params: { group_id: group.id }, headers: { 'content-type': 'application/json' } });
        expect(deleted.status).toBe(204);
        expect(deleted.text).toBe('');
        const again = await call('DELETE', GROUP, { params: { group_id: group.id } });
        expect(again.status).toBe(404);
        expect(again.body).toMatchObject({ schemas: [ERROR], status: '404' });
      });
    });

    describe('discovery (RFC 7644 §4)', () => {
      it('GET /ServiceProviderConfig matches SCIMServiceProviderConfig', async () => {
        const reply = await call('GET', SERVICE_PROVIDER_CONFIG, { check: DISCOVERY_OPTIONS[SERVICE_PROVIDER_CONFIG] });
        expect(reply.status).toBe(200);
        expect(reply.headers['content-type']).toMatch(/^application\/scim\+json/);
      });

      it('GET /ResourceTypes is a ListResponse of SCIMResourceType', async () => {
        const reply = await call('GET', RESOURCE_TYPES, { check: DISCOVERY_OPTIONS[RESOURCE_TYPES] });
        expect(reply.status).toBe(200);
        expect(reply.body.Resources.map((r: { id: string }) => r.id)).toEqual(['User', 'Group']);
      });

      it('GET /Schemas is a ListResponse of SCIMSchema', async () => {
        const reply = await call('GET', SCHEMAS, { check: DISCOVERY_OPTIONS[SCHEMAS] });
        expect(reply.status).toBe(200);
        expect(reply.body.Resources.map((r: { id: string }) => r.id)).toEqual([CORE_USER, ENTERPRISE_USER, CORE_GROUP]);
      });

      it('GET /ResourceTypes/{id} and /Schemas/{id} (yonder-only) return one resource, or a 404 SCIMError', async () => {
        const type = await call('GET', RESOURCE_TYPE, { params: { id: 'User' } });
        expect(type.status).toBe(200);
        expect(type.body).toMatchObject({ id: 'User', endpoint: '/Users', schema: CORE_USER });
        const schema = await call('GET', SCHEMA, { params: { id: CORE_USER } });
        expect(schema.status).toBe(200);
        expect(schema.body.id).toBe(CORE_USER);
        for (const [template, id] of [
          [RESOURCE_TYPE, 'Widget'],
          [SCHEMA, 'urn:example:nothing'],
        ] as const) {
          const missing = await call('GET', template, { params: { id } });
          expect(missing.status).toBe(404);
          expect(missing.body).toMatchObject({ schemas: [ERROR], status: '404' });
        }
      });
    });

    describe('Bulk (RFC 7644 §3.7, yonder-only)', () => {
      it('POST /Bulk runs the operations and answers a BulkResponse', async () => {
        const reply = await call('POST', BULK, {
          body: {
            schemas: [BULK_REQUEST],
            Operations: [
              { method: 'POST', path: '/Users', bulkId: 'one', data: { schemas: [CORE_USER], userName: 'bulk.one@example.com' } },
              { method: 'PATCH', path: '/Users/bulkId:one', data: patchOp({ op: 'add', path: 'title', value: 'Bulk' }) },
              { method: 'DELETE', path: '/Users/bulkId:one' },
            ],
          },
        });
        expect(reply.status).toBe(200);
        expect(reply.headers['content-type']).toMatch(/^application\/scim\+json/);
        expect(reply.body.schemas).toEqual([BULK_RESPONSE]);
        expect(reply.body.Operations.map((o: { status: string }) => o.status)).toEqual(['201', '200', '204']);
        const bad = await call('POST', BULK, { body: { schemas: [BULK_REQUEST], Operations: [] } });
        expect(bad.status).toBe(400);
        expect(bad.body).toMatchObject({ schemas: [ERROR], status: '400' });
      });
    });

    describe('every route', () => {
      let documented: DocumentedRoute[];

      beforeAll(async () => {
        const reply = await y.request('GET', '/openapi.json', { token: null });
        expect(reply.status).toBe(200);
        documented = documentedRoutes(reply.body, isScimRoute);
        expect(documented.length).toBeGreaterThan(0);
      });

      /** Path parameters that name something real where a 2xx is expected (discovery by id). */
      const paramsOf = (path: string) => ({ user_id: UNKNOWN_ID, group_id: UNKNOWN_ID, id: path === SCHEMA ? CORE_USER : 'User' });

      it('answers 401 as a SCIMError without a token, discovery included', async () => {
        for (const { method, path } of documented) {
          const reply = await call(method, path, { params: paramsOf(path), token: null, body: {} });
          expect(reply.status, `${method} ${path}`).toBe(401);
          expect(reply.headers['www-authenticate'], `${method} ${path}`).toBe('Bearer');
          expect(reply.body, `${method} ${path}`).toMatchObject({ schemas: [ERROR], status: '401' });
        }
      });

      it('answers 403 as a SCIMError to a token without the route scope; discovery takes any valid token', async () => {
        const scopeless = await y.mintToken([]);
        for (const { method, path, scopes } of documented) {
          if (scopes.length === 0) {
            // `[{BearerAuth: []}]`: the contract's discovery operations, and yonder's by-id ones.
            const reply = await call(method, path, {
              params: paramsOf(path),
              token: scopeless,
              ...(DISCOVERY_OPTIONS[path] ? { check: DISCOVERY_OPTIONS[path] } : {}),
            });
            expect(reply.status, `${method} ${path}`).toBe(200);
            continue;
          }
          // Any one of the alternatives (the route scope or scim:all) would let the token through.
          const token = await y.mintToken(MANAGEMENT_SCOPES.filter((s) => !scopes.includes(s)));
          const reply = await call(method, path, { params: paramsOf(path), token, body: {} });
          expect(reply.status, `${method} ${path}`).toBe(403);
          expect(reply.body, `${method} ${path}`).toMatchObject({ schemas: [ERROR], status: '403' });
        }
      });

      it('answers 403 as a SCIMError to a token of another realm', async () => {
        const token = await y.mintToken(MANAGEMENT_SCOPES, { realmId: y.adminRealmId });
        const reply = await call('GET', USERS, { token });
        expect(reply.status).toBe(403);
      });

      it('every documented SCIM route is in the contract or listed as yonder-only, and was checked with a 2xx', () => {
        expect(routeCoverageProblems(documented, coverage, isScimRoute)).toEqual([]);
      });
    });
  });
}
