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
import { basicAuth, postForm } from '../support/oauth-client.js';

/**
 * The management-access routes (issue 4: resource servers, applications with client credentials,
 * roles, tokens, the OAuth endpoints) checked against the Beyond Identity contract, in the manner of
 * `contract.v1.test.ts`: every route `ROUTE_OWNERS` gives this file is either in the contract and
 * checked with a 2xx reply here, or in `YONDER_ONLY_ROUTES` with its reason and exercised here.
 * Applications themselves are `contract.groups.test.ts`'s part; they are called here as fixtures.
 */
const REALM = '/v1/tenants/{tenant_id}/realms/{realm_id}';
const SERVERS = `${REALM}/resource-servers`;
const SERVER = `${SERVERS}/{resource_server_id}`;
const APPS = `${REALM}/applications`;
const APP = `${APPS}/{application_id}`;
const TOKENS = `${APP}/tokens`;
const TOKEN = `${TOKENS}/{token_id}`;

const WEBHOOKS = '/v1/tenants/{tenant_id}/webhooks';
const WEBHOOK = `${WEBHOOKS}/{webhook_id}`;

const ROLES = `${SERVER}/roles`;
const ROLE = `${ROLES}/{role_id}`;

/** This file's part of the documented routes (`ROUTE_OWNERS`); its yonder-only routes are in `YONDER_ONLY_ROUTES`. */
const inPart = ownedBy('contract.management.test.ts');

/**
 * yonder bug, not a contract quirk: the contract requires `resource-servers:read` besides the listed
 * scopes on these operations (each one reads the resource server the role belongs to, or the one the
 * `resource_server_id` query names); yonder does not. Pinned so the suite shows exactly this
 * divergence; remove an entry once yonder declares and enforces the scope.
 */
const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';

const unavailable = contractUnavailableReason();
if (unavailable) {
  console.warn(`SKIPPED contract.management tests [${engine}]: ${unavailable}`);
  describe.skip(`management routes match the contract [${engine}] (skipped: ${unavailable})`, () => {
    it('needs the contract file', () => {});
  });
} else {
  describeApi('management routes match the Beyond Identity contract', () => {
    let y: TestYonder;
    const coverage = new ContractCoverage();
    const allow = { allowProperties: ['body.classification', 'body.applications[].classification'] };

    interface CallOptions extends RequestOptions {
      params?: Record<string, string>;
      query?: Record<string, string>;
    }

    async function call(method: string, template: string, options: CallOptions = {}): Promise<Reply> {
      const { params = {}, query, ...request } = options;
      const values: Record<string, string> = { tenant_id: y.tenantId, realm_id: y.realmId, ...params };
      const path = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? ''));
      const url = query ? `${path}?${new URLSearchParams(query).toString()}` : path;
      const reply = await y.request(method, url, request);
      if (`${method} ${template}` in YONDER_ONLY_ROUTES) coverage.record(method, template, reply.status);
      else coverage.check(method, template, reply, allow);
      return reply;
    }

    beforeAll(async () => {
      y = await TestYonder.start();
    });
    afterAll(async () => y?.close());

    let serverId: string;
    let appId: string;
    let clientId: string;
    let clientSecret: string;

    it('resource servers: create, list, get, update, delete, and their errors', async () => {
      const body = { resource_server: { display_name: 'Pet API', identifier: 'https://api.mypetapp.com', scopes: ['pets:read', 'pets:write'] } };
      const created = await call('POST', SERVERS, { body });
      expect(created.status).toBe(200);
      serverId = created.body.id;
      expect((await call('POST', SERVERS, { body: { resource_server: { display_name: '' } } })).status).toBe(400);
      expect((await call('POST', SERVERS, { body, token: null })).status).toBe(401);
      expect((await call('GET', SERVERS)).status).toBe(200);
      expect((await call('GET', SERVER, { params: { resource_server_id: serverId } })).status).toBe(200);
      expect((await call('GET', SERVER, { params: { resource_server_id: UNKNOWN_UUID } })).status).toBe(404);
      const patched = await call('PATCH', SERVER, {
        params: { resource_server_id: serverId },
        body: { resource_server: { display_name: 'Pets' } },
      });
      expect(patched.status).toBe(200);
      const scratch = await call('POST', SERVERS, { body: { resource_server: { display_name: 'Tmp', identifier: 'tmp' } } });
      expect((await call('DELETE', SERVER, { params: { resource_server_id: scratch.body.id } })).status).toBe(200);
      expect((await call('DELETE', SERVER, { params: { resource_server_id: scratch.body.id } })).status).toBe(404);
    });

    it('webhooks (yonder-only): create, list, get, update, deliveries, delete, and their errors in the v1 shape', async () => {
      const created = await call('POST', WEBHOOKS, { body: { webhook: { url: 'https://203.0.113.20/hook' } } });
      expect(created.status, created.text).toBe(200);
      const params = { webhook_id: created.body.id };
      expect((await call('GET', WEBHOOKS)).status).toBe(200);
      expect((await call('GET', WEBHOOK, { params })).status).toBe(200);
      expect((await call('PATCH', WEBHOOK, { params, body: { webhook: { description: 'SIEM' } } })).status).toBe(200);
      expect((await call('GET', `${WEBHOOK}/deliveries`, { params })).status).toBe(200);
      expect((await call('DELETE', WEBHOOK, { params })).status).toBe(200);
      expectV1Error(await call('GET', WEBHOOK, { params }), 404);
      expectV1Error(await call('POST', WEBHOOKS, { body: { webhook: { url: 'http://127.0.0.1/' } } }), 400);
    });

    it('applications: create (with a secret), list, get, update, delete', async () => {
      const created = await call('POST', APPS, {
        body: {
          application: {
            display_name: 'Pet Robot',
            resource_server_id: serverId,
            protocol_config: {
              type: 'oauth2',
              allowed_scopes: ['pets:read'],
              grant_type: ['client_credentials'],
              token_configuration: { expires_after: 3600 },
            },
          },
        },
      });
      expect(created.status, created.text).toBe(200);
      appId = created.body.id;
      clientId = created.body.protocol_config.client_id;
      clientSecret = created.body.protocol_config.client_secret;
      expect(clientSecret).toBeDefined();
      const outside = await call('POST', APPS, {
        body: { application: { display_name: 'x', resource_server_id: serverId, protocol_config: { type: 'oauth2', allowed_scopes: ['x'] } } },
      });
      expect(outside.status).toBe(400);
      expect((await call('GET', APPS, { params: { realm_id: y.adminRealmId } })).status).toBe(200);
      expect((await call('GET', APP, { params: { application_id: appId } })).status).toBe(200);
      expect((await call('PATCH', APP, { params: { application_id: appId }, body: { application: { display_name: 'Pet Robot 2' } } })).status).toBe(
        200,
      );
      const scratch = await call('POST', APPS, { body: { application: { display_name: 'Tmp', protocol_config: { type: 'oidc' } } } });
      expect((await call('DELETE', APP, { params: { application_id: scratch.body.id } })).status).toBe(200);
    });

    it('tokens: issue, list, create named, delete; the OAuth endpoints', async () => {
      const appPath = y.realmPath(`/applications/${appId}`);
      const tokenUrl = `${appPath}/token`;
      const issued = await postForm(y, tokenUrl, { grant_type: 'client_credentials' }, basicAuth(clientId, clientSecret));
      coverage.record('POST', `${APP}/token`, issued.status);
      expect(issued.status).toBe(200);
      const revoked = await postForm(y, `${appPath}/revoke`, { token: issued.body.access_token }, basicAuth(clientId, clientSecret));
      coverage.record('POST', `${APP}/revoke`, revoked.status);
      expect(revoked.status).toBe(200);
      const introspected = await postForm(y, y.realmPath('/introspect'), { token: issued.body.access_token }, basicAuth(clientId, clientSecret));
      coverage.record('POST', `${REALM}/introspect`, introspected.status);
      expect(introspected.body).toEqual({ active: false });
      expect((await call('GET', `${APP}/.well-known/openid-configuration`, { params: { application_id: appId }, token: null })).status).toBe(200);
      expect((await call('GET', `${APP}/.well-known/jwks.json`, { params: { application_id: appId }, token: null })).status).toBe(200);

      const again = await postForm(y, tokenUrl, { grant_type: 'client_credentials' }, basicAuth(clientId, clientSecret));
      const jti = JSON.parse(Buffer.from(again.body.access_token.split('.')[1], 'base64url').toString()).jti;
      const list = await call('GET', TOKENS, { params: { application_id: appId } });
      expect(list.status).toBe(200);
      expect(list.body.tokens.map((t: { id: string }) => t.id)).toEqual([jti]);
      expect((await call('GET', TOKENS, { params: { application_id: UNKNOWN_UUID } })).status).toBe(404);
      const named = await call('POST', TOKENS, {
        params: { application_id: appId },
        body: { token: { display_name: 'named', scopes: ['pets:read'] } },
      });
      // The caller (the admin token) lacks pets:read, so it may not mint it.
      expect(named.status).toBe(403);
      const managementId = y.bootstrap.tenant.management_application_id;
      const mine = await call('POST', TOKENS, {
        params: { realm_id: y.adminRealmId, application_id: managementId },
        body: { token: { display_name: 'named', scopes: ['identities:read'] } },
      });
      expect(mine.status).toBe(200);
      expect((await call('DELETE', TOKEN, { params: { application_id: appId, token_id: jti } })).status).toBe(200);
      expect((await call('DELETE', TOKEN, { params: { application_id: appId, token_id: jti } })).status).toBe(404);
      expect((await call('DELETE', TOKEN, { params: { application_id: appId, token_id: jti }, token: null })).status).toBe(401);
    });

    it('applications: :rotateSecret issues a new secret (yonder-only)', async () => {
      const rotated = await call('POST', `${APP}:rotateSecret`, { params: { application_id: appId } });
      expect(rotated.status, rotated.text).toBe(200);
      expect(rotated.body.protocol_config.client_secret).not.toBe(clientSecret);
      clientSecret = rotated.body.protocol_config.client_secret;
      const issued = await postForm(
        y,
        y.realmPath(`/applications/${appId}/token`),
        { grant_type: 'client_credentials' },
        basicAuth(clientId, clientSecret),
      );
      expect(issued.status).toBe(200);
      expect((await call('POST', `${APP}:rotateSecret`, { params: { application_id: UNKNOWN_UUID } })).status).toBe(404);
    });

    it('roles: create, list, get, update, scopes, members, the roles of an identity and a group, delete', async () => {
      const server = { resource_server_id: serverId };
      const created = await call('POST', ROLES, { params: server, body: { role: { display_name: 'Help Desk', description: 'Front line' } } });
      expect(created.status, created.text).toBe(200);
      const role = { ...server, role_id: created.body.id as string };
      expect((await call('POST', ROLES, { params: server, body: { role: { display_name: '' } } })).status).toBe(400);
      expect((await call('GET', ROLES, { params: server })).status).toBe(200);
      expect((await call('GET', ROLE, { params: role })).status).toBe(200);
      expect((await call('GET', ROLE, { params: { ...server, role_id: '0123456789abcdef' } })).status).toBe(404);
      expect((await call('PATCH', ROLE, { params: role, body: { role: { display_name: 'Support' } } })).status).toBe(200);

      expect((await call('POST', `${ROLE}:addScopes`, { params: role, body: { scopes: ['pets:read'] } })).status).toBe(200);
      const scopes = await call('GET', `${ROLE}:listScopes`, { params: role });
      expect(scopes.status).toBe(200);
      expect(scopes.body.scopes).toEqual(['pets:read']);
      expect((await call('POST', `${ROLE}:deleteScopes`, { params: role, body: { scopes: ['pets:read'] } })).status).toBe(200);

      const identity = await y.createIdentity('role-member');
      const group = await y.request('POST', y.realmPath('/groups'), { body: { group: { display_name: 'Role Group' } } });
      const members = { identity_ids: [identity.id], group_ids: [group.body.id as string] };
      const added = await call('POST', `${ROLE}:addMembers`, { params: role, body: members });
      expect(added.status, added.text).toBe(200);
      const listed = await call('GET', `${ROLE}:listMembers`, { params: role });
      expect(listed.status).toBe(200);
      expect(listed.body).toMatchObject({ total_groups_size: 1, total_identities_size: 1 });
      const query = { resource_server_id: serverId };
      const identityRoles = await call('GET', `${REALM}/identities/{identity_id}:listRoles`, { params: { identity_id: identity.id }, query });
      expect(identityRoles.status, identityRoles.text).toBe(200);
      expect(identityRoles.body.roles.map((r: { id: string }) => r.id)).toEqual([role.role_id]);
      const groupRoles = await call('GET', `${REALM}/groups/{group_id}:listRoles`, { params: { group_id: group.body.id }, query });
      expect(groupRoles.status, groupRoles.text).toBe(200);
      expect(groupRoles.body.total_size).toBe(1);
      expect((await call('POST', `${ROLE}:deleteMembers`, { params: role, body: members })).status).toBe(200);

      expect((await call('DELETE', ROLE, { params: role })).status).toBe(200);
      expect((await call('DELETE', ROLE, { params: role })).status).toBe(404);
    });

    describe('every route', () => {
      let openapi: unknown;
      let documented: DocumentedRoute[];

      beforeAll(async () => {
        const reply = await y.request('GET', '/openapi.json', { token: null });
        expect(reply.status).toBe(200);
        openapi = reply.body;
        documented = documentedRoutes(openapi, inPart);
        expect(documented.length).toBeGreaterThan(0);
      });

      /** An id for every path parameter below the realm; nothing it names exists. */
      const paramsOf = (path: string): Record<string, string> =>
        Object.fromEntries(
          [...path.matchAll(/\{(\w+)\}/g)]
            .map(([, name = '']) => name)
            .filter((name) => name !== 'tenant_id' && name !== 'realm_id')
            .map((name) => [name, ['resource_server_id', 'application_id', 'token_id'].includes(name) ? UNKNOWN_UUID : '0123456789abcdef']),
        );

      const yonderOnly = (method: string, path: string) => `${method} ${path}` in YONDER_ONLY_ROUTES;

      it('the public routes are exactly the OAuth endpoints, all yonder-only', () => {
        const publicRoutes = documented.filter(isPublicRoute).map(({ method, path }) => `${method} ${path}`);
        const expected = [
          `POST ${APP}/token`,
          `POST ${APP}/revoke`,
          `POST ${REALM}/introspect`,
          `GET ${APP}/.well-known/openid-configuration`,
          `GET ${APP}/.well-known/jwks.json`,
        ];
        expect(publicRoutes.sort()).toEqual(expected.sort());
        for (const key of publicRoutes) expect(key in YONDER_ONLY_ROUTES, key).toBe(true);
      });

      it('answers 401 in the contract shape without a token (public routes skipped)', async () => {
        for (const route of documented) {
          if (isPublicRoute(route)) continue;
          const { method, path } = route;
          const reply = await call(method, path, { params: paramsOf(path), token: null, body: {} });
          expect(reply.status, `${method} ${path}`).toBe(401);
          if (yonderOnly(method, path)) expect(() => expectV1Error(reply, 401), `${method} ${path}`).not.toThrow();
        }
      });

      it('answers 403 in the contract shape to a token lacking any one of the route scopes (public routes skipped)', async () => {
        for (const route of documented) {
          if (isPublicRoute(route)) continue;
          const { method, path, scopes } = route;
          expect(scopes.length, `${method} ${path} declares a scope`).toBeGreaterThan(0);
          const required = indispensableScopes(route);
          const lacking = [scopes, ...(required.length > 1 ? required.map((scope) => [scope]) : [])];
          for (const missing of lacking) {
            const token = await y.mintToken(MANAGEMENT_SCOPES.filter((s) => !missing.includes(s)));
            const reply = await call(method, path, { params: paramsOf(path), token, body: {} });
            expect(reply.status, `${method} ${path} without ${missing.join(', ')}`).toBe(403);
            if (yonderOnly(method, path)) expect(() => expectV1Error(reply, 403), `${method} ${path}`).not.toThrow();
          }
        }
      });

      it('declares the same scopes as the contract for every route the contract has (known yonder bugs pinned)', () => {
        expect(scopeMismatches(documented)).toEqual([]);
      });

      it('every documented management route is in the contract or listed as yonder-only, and was checked with a 2xx', () => {
        expect(routeCoverageProblems(documented, coverage, inPart)).toEqual([]);
      });

      it('every documented /v1 route is claimed by exactly one contract test file (ROUTE_OWNERS)', () => {
        expect(routeOwnershipProblems(documentedRoutes(openapi, () => true))).toEqual([]);
      });
    });
  });
}
