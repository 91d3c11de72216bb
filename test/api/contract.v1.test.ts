import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANAGEMENT_SCOPES } from '../../src/domain/access/scopes.js';
import {
  ContractCoverage,
  type DocumentedRoute,
  YONDER_ONLY_ROUTES,
  contractUnavailableReason,
  documentedRoutes,
  expectV1Error,
  indispensableScopes,
  isPublicRoute,
  ownedBy,
  routeCoverageProblems,
  routeOwnershipProblems,
  scopeMismatches,
} from '../support/contract.js';
import { type Reply, type RequestOptions, TestYonder, describeApi, engine } from '../support/harness.js';

/**
 * The tenant, realm and identity routes yonder documents, called in their success and error cases,
 * with each reply validated against the Beyond Identity v1 OpenAPI contract
 * (`test/support/contract.ts`). The last tests read yonder's own OpenAPI document and fail if a
 * route of this file's part was never checked with a successful reply, so a new route cannot ship
 * without a contract check, or if a documented route is claimed by no contract test file at all.
 *
 * Which file checks which routes is `ROUTE_OWNERS` in test/support/contract.ts: groups,
 * membership, applications and policy are `contract.groups.test.ts`'s part, SCIM is
 * `contract.scim.test.ts`'s; each checks its part the same way, including 401, 403 and coverage.
 * Yonder-only routes are listed in `YONDER_ONLY_ROUTES` with their reasons.
 */

/** This file's part of the documented routes. */
const inPart = ownedBy('contract.v1.test.ts');

const TENANT = '/v1/tenants/{tenant_id}';
const REALMS = `${TENANT}/realms`;
const REALM = `${REALMS}/{realm_id}`;
const IDENTITIES = `${REALM}/identities`;
const IDENTITY = `${IDENTITIES}/{identity_id}`;
const BATCH_DELETE = `${IDENTITIES}:batchDelete`;
const EVENTS = `${REALM}/events`;

const UNKNOWN_ID = '0123456789abcdef';

const unavailable = contractUnavailableReason();
if (unavailable) {
  console.warn(`SKIPPED contract.v1 tests [${engine}]: ${unavailable}`);
  describe.skip(`v1 API matches the Beyond Identity contract [${engine}] (skipped: ${unavailable})`, () => {
    it('needs the contract file', () => {});
  });
} else {
  describeApi('v1 API matches the Beyond Identity contract', () => {
    let y: TestYonder;
    const coverage = new ContractCoverage();

    interface CallOptions extends RequestOptions {
      params?: Record<string, string>;
      query?: Record<string, string>;
    }

    /** Calls `method template` with its parameters filled in and checks the reply against the contract. */
    async function call(method: string, template: string, options: CallOptions = {}): Promise<Reply> {
      const { params = {}, query, ...request } = options;
      const values: Record<string, string> = { tenant_id: y.tenantId, realm_id: y.realmId, ...params };
      const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
        const value = values[name];
        if (value === undefined) throw new Error(`no value for {${name}} in ${template}`);
        return encodeURIComponent(value);
      });
      const url = query ? `${path}?${new URLSearchParams(query).toString()}` : path;
      const reply = await y.request(method, url, request);
      if (`${method} ${template}` in YONDER_ONLY_ROUTES) coverage.record(method, template, reply.status);
      else coverage.check(method, template, reply);
      return reply;
    }

    beforeAll(async () => {
      y = await TestYonder.start();
    });
    afterAll(async () => y?.close());

    describe('tenant', () => {
      it('GET /tenants/{id} returns the tenant', async () => {
        const reply = await call('GET', TENANT);
        expect(reply.status).toBe(200);
        expect(reply.body.id).toBe(y.tenantId);
      });

      it('PATCH /tenants/{id} returns the updated tenant', async () => {
        const reply = await call('PATCH', TENANT, { body: { tenant: { display_name: 'Contract Tenant' } } });
        expect(reply.status).toBe(200);
        expect(reply.body.display_name).toBe('Contract Tenant');
      });

      it('PATCH /tenants/{id} answers 400 FieldViolations for an empty name and 400 for malformed JSON', async () => {
        const invalid = await call('PATCH', TENANT, { body: { tenant: { display_name: '' } } });
        expect(invalid.status).toBe(400);
        expect(invalid.body.details[0].type).toBe('FieldViolations');
        const malformed = await call('PATCH', TENANT, { rawBody: '{"tenant":' });
        expect(malformed.status).toBe(400);
        expect(malformed.body).toEqual({
          code: 'bad_request',
          message:
            'the request body is not valid JSON: unexpected end of the body at line 1, column 11 (position 10); expected a value (an object, array, string, number, true, false or null)',
        });
      });
    });

    describe('realms', () => {
      let realmId: string;

      it('POST /realms returns the bare realm', async () => {
        const reply = await call('POST', REALMS, { body: { realm: { display_name: 'Contract Realm' } } });
        expect(reply.status).toBe(200);
        realmId = reply.body.id;
      });

      it('POST /realms answers 400 for FieldViolations and for malformed JSON', async () => {
        const invalid = await call('POST', REALMS, { body: { realm: { display_name: 'a/b' } } });
        expect(invalid.status).toBe(400);
        expect(invalid.body.details[0].type).toBe('FieldViolations');
        expect((await call('POST', REALMS, { rawBody: 'not json' })).status).toBe(400);
      });

      it('GET /realms pages with next_page_token and omits it on the last page', async () => {
        const first = await call('GET', REALMS, { query: { page_size: '1' } });
        expect(first.status).toBe(200);
        expect(first.body.realms).toHaveLength(1);
        expect(first.body.total_size).toBeGreaterThanOrEqual(3);
        expect(typeof first.body.next_page_token).toBe('string');
        // Beyond Identity's clients ask for up to 500: capped at the maximum, not refused.
        const all = await call('GET', REALMS, { query: { page_size: '500' } });
        expect(all.status).toBe(200);
        expect(all.body).not.toHaveProperty('next_page_token');
      });

      it('GET /realms answers 400 for a page token it did not issue', async () => {
        const reply = await call('GET', REALMS, { query: { page_token: 'garbage' } });
        expect(reply.status).toBe(400);
      });

      it('GET /realms/{id} returns the realm, or 404 with ResourceInfo', async () => {
        expect((await call('GET', REALM, { params: { realm_id: realmId } })).status).toBe(200);
        const missing = await call('GET', REALM, { params: { realm_id: UNKNOWN_ID } });
        expect(missing.status).toBe(404);
        expect(missing.body.details[0]).toMatchObject({ type: 'ResourceInfo', resource_type: 'Realm', id: UNKNOWN_ID });
      });

      it('PATCH /realms/{id} returns the realm, 400 for FieldViolations, 404 for an unknown realm', async () => {
        const updated = await call('PATCH', REALM, { params: { realm_id: realmId }, body: { realm: { display_name: 'Renamed' } } });
        expect(updated.status).toBe(200);
        expect(updated.body.display_name).toBe('Renamed');
        const invalid = await call('PATCH', REALM, { params: { realm_id: realmId }, body: { realm: { display_name: '' } } });
        expect(invalid.status).toBe(400);
        const malformed = await call('PATCH', REALM, { params: { realm_id: realmId }, rawBody: '[' });
        expect(malformed.status).toBe(400);
        const missing = await call('PATCH', REALM, { params: { realm_id: UNKNOWN_ID }, body: { realm: { display_name: 'x' } } });
        expect(missing.status).toBe(404);
      });

      it('DELETE /realms/{id} answers 409 `realm has children` while it holds an identity, then 200 empty, then 404', async () => {
        const identity = await y.createIdentity('realm-child', {}, realmId);
        const busy = await call('DELETE', REALM, { params: { realm_id: realmId } });
        expect(busy.status).toBe(409);
        expect(busy.body).toMatchObject({ code: 'conflict', message: 'realm has children' });

        await call('DELETE', IDENTITY, { params: { realm_id: realmId, identity_id: identity.id } });
        const deleted = await call('DELETE', REALM, { params: { realm_id: realmId }, headers: { 'content-type': 'application/json' } });
        expect(deleted.status).toBe(200);
        expect((await call('DELETE', REALM, { params: { realm_id: realmId } })).status).toBe(404);
      });
    });

    describe('identities', () => {
      const traits = (username: string, more: Record<string, string> = {}) => ({ type: 'traits_v0', username, ...more });

      it('POST /identities returns the bare identity with every trait the contract knows', async () => {
        const reply = await call('POST', IDENTITIES, {
          body: {
            identity: {
              display_name: 'Full Traits',
              traits: traits('full', {
                primary_email_address: 'full@example.com',
                given_name: 'Full',
                family_name: 'Traits',
                external_id: 'ext-1',
                title: 'Dr',
              }),
            },
          },
        });
        expect(reply.status).toBe(200);
      });

      it('POST /identities answers 400 (FieldViolations, malformed JSON), 404 (unknown realm), 409 (taken username)', async () => {
        const invalid = await call('POST', IDENTITIES, { body: { identity: { display_name: '', traits: traits('x') } } });
        expect(invalid.status).toBe(400);
        expect(invalid.body.details[0].type).toBe('FieldViolations');
        expect((await call('POST', IDENTITIES, { rawBody: '{"identity": ' })).status).toBe(400);
        const noRealm = await call('POST', IDENTITIES, {
          params: { realm_id: UNKNOWN_ID },
          body: { identity: { display_name: 'x', traits: traits('x') } },
        });
        expect(noRealm.status).toBe(404);
        const taken = await call('POST', IDENTITIES, { body: { identity: { display_name: 'dup', traits: traits('FULL') } } });
        expect(taken.status).toBe(409);
      });

      it('GET /identities pages with next_page_token, with and without a filter', async () => {
        for (const name of ['page-a', 'page-b', 'page-c']) await y.createIdentity(name);
        const first = await call('GET', IDENTITIES, { query: { page_size: '2' } });
        expect(first.status).toBe(200);
        expect(first.body.identities).toHaveLength(2);
        expect(typeof first.body.next_page_token).toBe('string');
        const next = await call('GET', IDENTITIES, { query: { page_size: '2', page_token: first.body.next_page_token } });
        expect(next.status).toBe(200);
        expect((await call('GET', IDENTITIES, { query: { page_size: '500' } })).status).toBe(200);

        const filter = 'traits.username sw "page-"';
        const filtered = await call('GET', IDENTITIES, { query: { filter, page_size: '2' } });
        expect(filtered.status).toBe(200);
        expect(filtered.body.total_size).toBe(3);
        expect(typeof filtered.body.next_page_token).toBe('string');
        const last = await call('GET', IDENTITIES, { query: { filter, page_token: filtered.body.next_page_token } });
        expect(last.status).toBe(200);
        expect(last.body.identities).toHaveLength(1);
        expect(last.body).not.toHaveProperty('next_page_token');
      });

      it('GET /identities answers 400 for a malformed filter and 404 for an unknown realm', async () => {
        expect((await call('GET', IDENTITIES, { query: { filter: 'traits.username eq' } })).status).toBe(400);
        expect((await call('GET', IDENTITIES, { params: { realm_id: UNKNOWN_ID } })).status).toBe(404);
      });

      it('GET /identities/{id} returns the identity, or 404 with ResourceInfo', async () => {
        const created = await y.createIdentity('get-one');
        expect((await call('GET', IDENTITY, { params: { identity_id: created.id } })).status).toBe(200);
        const missing = await call('GET', IDENTITY, { params: { identity_id: UNKNOWN_ID } });
        expect(missing.status).toBe(404);
        expect(missing.body.details[0]).toMatchObject({ type: 'ResourceInfo', resource_type: 'Identity' });
      });

      it('PATCH /identities/{id} returns the identity; 400, 404 and 409 in the error shape', async () => {
        const created = await y.createIdentity('patch-one');
        await y.createIdentity('patch-taken');
        const params = { identity_id: created.id };
        const updated = await call('PATCH', IDENTITY, {
          params,
          body: { identity: { status: 'suspended', traits: { type: 'traits_v0', nick_name: 'P' } } },
        });
        expect(updated.status).toBe(200);
        const invalid = await call('PATCH', IDENTITY, { params, body: { identity: { status: 'gone' } } });
        expect(invalid.status).toBe(400);
        expect((await call('PATCH', IDENTITY, { params, rawBody: '{' })).status).toBe(400);
        const missing = await call('PATCH', IDENTITY, { params: { identity_id: UNKNOWN_ID }, body: { identity: { display_name: 'x' } } });
        expect(missing.status).toBe(404);
        const taken = await call('PATCH', IDENTITY, { params, body: { identity: { traits: traits('patch-taken') } } });
        expect(taken.status).toBe(409);
      });

      it('DELETE /identities/{id} answers 200 with an empty body, then 404', async () => {
        const created = await y.createIdentity('delete-one');
        const params = { identity_id: created.id };
        expect((await call('DELETE', IDENTITY, { params, headers: { 'content-type': 'application/json' } })).status).toBe(200);
        expect((await call('DELETE', IDENTITY, { params })).status).toBe(404);
      });

      it('POST /identities:batchDelete answers 200 empty, 404 BatchOperationErrors, and 400 for repeated ids', async () => {
        const a = await y.createIdentity('batch-a');
        const b = await y.createIdentity('batch-b');
        const missing = await call('POST', BATCH_DELETE, { body: { ids: [a.id, UNKNOWN_ID] } });
        expect(missing.status).toBe(404);
        expect(missing.body.details[0]).toMatchObject({ type: 'BatchOperationErrors' });
        expect(missing.body.details[0].errors[0].IDs).toEqual([UNKNOWN_ID]);
        // Not declared by the contract; accepted in UNDECLARED_STATUS_ALLOWANCES with the reason.
        expect((await call('POST', BATCH_DELETE, { body: { ids: [a.id, a.id] } })).status).toBe(400);
        expect((await call('POST', BATCH_DELETE, { body: { ids: [a.id, b.id] } })).status).toBe(200);
      });
    });

    describe('audit events (yonder-only, issue 9)', () => {
      it('GET /events lists the realm events by type, one page at a time; 400 for a `since` that is not a time', async () => {
        await y.createIdentity('audited');
        const reply = await call('GET', EVENTS, { query: { type: 'identity.created', page_size: '1' } });
        expect(reply.status, reply.text).toBe(200);
        expect(reply.body.events[0]).toMatchObject({ type: 'identity.created', realm_id: y.realmId });
        const invalid = await call('GET', EVENTS, { query: { since: 'last tuesday' } });
        expect(invalid.status).toBe(400);
        expectV1Error(invalid, 400);
      });
    });

    describe('every route', () => {
      let documented: DocumentedRoute[];

      beforeAll(async () => {
        const reply = await y.request('GET', '/openapi.json', { token: null });
        expect(reply.status).toBe(200);
        documented = documentedRoutes(reply.body, inPart);
        expect(documented.length).toBeGreaterThan(0);
      });

      /** An id for every path parameter below the realm; nothing it names exists. */
      const paramsOf = (path: string): Record<string, string> =>
        Object.fromEntries(
          [...path.matchAll(/\{(\w+)\}/g)]
            .map(([, name = '']) => name)
            .filter((name) => name !== 'tenant_id' && name !== 'realm_id')
            .map((name) => [name, UNKNOWN_ID]),
        );

      it('answers 401 in the contract shape without a token (public routes skipped)', async () => {
        for (const route of documented) {
          if (isPublicRoute(route)) continue;
          const { method, path } = route;
          const reply = await call(method, path, { params: paramsOf(path), token: null, body: {} });
          expect(reply.status, `${method} ${path}`).toBe(401);
          // Yonder-only routes have no operation to check against: the v1 error shape, at least.
          if (`${method} ${path}` in YONDER_ONLY_ROUTES) expect(() => expectV1Error(reply, 401), `${method} ${path}`).not.toThrow();
        }
      });

      it('answers 403 in the contract shape to a token lacking any one of the route scopes (public routes skipped)', async () => {
        for (const route of documented) {
          if (isPublicRoute(route)) continue;
          const { method, path, scopes } = route;
          // Only SCIM discovery takes any valid token (contract.scim.test.ts); every other /v1
          // operation of the contract names a scope.
          expect(scopes.length, `${method} ${path} declares a scope`).toBeGreaterThan(0);
          // A token with none of them, and, for a route that needs several at once (as
          // `:addMembers` needs groups:update and identities:read), a token lacking just one.
          const required = indispensableScopes(route);
          const lacking = [scopes, ...(required.length > 1 ? required.map((scope) => [scope]) : [])];
          for (const missing of lacking) {
            const token = await y.mintToken(MANAGEMENT_SCOPES.filter((s) => !missing.includes(s)));
            const reply = await call(method, path, { params: paramsOf(path), token, body: {} });
            expect(reply.status, `${method} ${path} without ${missing.join(', ')}`).toBe(403);
            if (`${method} ${path}` in YONDER_ONLY_ROUTES) expect(() => expectV1Error(reply, 403), `${method} ${path}`).not.toThrow();
          }
        }
      });

      it('declares the same scopes as the contract for every route the contract has', () => {
        expect(scopeMismatches(documented)).toEqual([]);
      });

      it('answers 403 in the contract shape to a token of another realm', async () => {
        const token = await y.mintToken(MANAGEMENT_SCOPES, { realmId: y.adminRealmId });
        const reply = await call('GET', IDENTITIES, { token });
        expect(reply.status).toBe(403);
      });

      it('every documented tenant, realm and identity route is in the contract or listed as yonder-only, and was checked with a 2xx', () => {
        expect(routeCoverageProblems(documented, coverage, inPart)).toEqual([]);
      });

      it('every documented /v1 route is claimed by exactly one contract test file (ROUTE_OWNERS)', async () => {
        const reply = await y.request('GET', '/openapi.json', { token: null });
        expect(routeOwnershipProblems(documentedRoutes(reply.body, () => true))).toEqual([]);
      });
    });
  });
}
