import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANAGEMENT_SCOPES } from '../../src/domain/access/scopes.js';
import {
  type ContractCheckOptions,
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
  scopeMismatches,
} from '../support/contract.js';
import { type Reply, type RequestOptions, TestYonder, describeApi, engine } from '../support/harness.js';
import { upstreamSettings } from '../support/federation.js';
import { dumpDatabase } from '../support/raw-database.js';

/**
 * Launch mechanisms (the flow type configuration) and upstream identity providers, called in their
 * success and error cases with each reply validated against the Beyond Identity v1 contract, then
 * every route of this part checked for 401, 403 and its scopes, as the other contract files do.
 */

const inPart = ownedBy('contract.federation.test.ts');

const REALM = '/v1/tenants/{tenant_id}/realms/{realm_id}';
const FLOW_TYPES = `${REALM}/flow-type-config`;
const PROVIDERS = `${REALM}/identity-providers`;
const PROVIDER = `${PROVIDERS}/{identity_provider_id}`;
const CONFIGS = `${REALM}/authenticator-configs`;
const CONFIG = `${CONFIGS}/{authenticator_config_id}`;
const UNKNOWN_ID = '0123456789abcdef';
const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';

const unavailable = contractUnavailableReason();
if (unavailable) {
  console.warn(`SKIPPED contract.federation tests [${engine}]: ${unavailable}`);
  describe.skip(`federation API matches the Beyond Identity contract [${engine}] (skipped: ${unavailable})`, () => {
    it('needs the contract file', () => {});
  });
} else {
  describeApi('launch mechanisms and identity providers match the Beyond Identity contract', () => {
    let y: TestYonder;
    const coverage = new ContractCoverage();

    interface CallOptions extends RequestOptions {
      params?: Record<string, string>;
      check?: ContractCheckOptions;
    }

    async function call(method: string, template: string, options: CallOptions = {}): Promise<Reply> {
      const { params = {}, check, ...request } = options;
      const values: Record<string, string> = { tenant_id: y.tenantId, realm_id: y.realmId, ...params };
      const url = template.replace(/\{(\w+)\}/g, (_, name: string) => {
        const value = values[name];
        if (value === undefined) throw new Error(`no value for {${name}} in ${template}`);
        return encodeURIComponent(value);
      });
      const reply = await y.request(method, url, request);
      if (`${method} ${template}` in YONDER_ONLY_ROUTES) coverage.record(method, template, reply.status);
      else coverage.check(method, template, reply, check);
      return reply;
    }

    beforeAll(async () => {
      y = await TestYonder.start();
    });
    afterAll(async () => y?.close());

    describe('flow type configuration', () => {
      it('GET makes the default document: 8 platforms × 13 flow types', async () => {
        const reply = await call('GET', FLOW_TYPES);
        expect(reply.status, reply.text).toBe(200);
        expect(Object.keys(reply.body.platform_config)).toHaveLength(8);
        for (const set of Object.values<Record<string, unknown>>(reply.body.platform_config)) expect(Object.keys(set)).toHaveLength(13);
        expect((await call('GET', FLOW_TYPES)).body.id).toBe(reply.body.id);
      });

      it('PATCH merges; an unknown platform, flow type or field is a 400 FieldViolations', async () => {
        const reply = await call('PATCH', FLOW_TYPES, { body: { ios: { scheme: { enabled: false } } } });
        expect(reply.status, reply.text).toBe(200);
        expect(reply.body.platform_config.ios.scheme.enabled).toBe(false);
        for (const body of [{ beos: {} }, { ios: { teleport: { enabled: true } } }, { ios: { scheme: { enabled: true, colour: 'red' } } }]) {
          const refused = await call('PATCH', FLOW_TYPES, { body });
          expect(refused.status, JSON.stringify(body)).toBe(400);
          expect(refused.body.details[0].type).toBe('FieldViolations');
        }
      });

      it('an unknown realm is a 404', async () => {
        expect((await call('GET', FLOW_TYPES, { params: { realm_id: UNKNOWN_ID }, token: await y.mintToken(MANAGEMENT_SCOPES) })).status).toBe(404);
      });
    });

    describe('identity providers', () => {
      let providerId: string;

      it('POST answers the whole provider with its redirect_url; the secret is given back', async () => {
        const reply = await call('POST', PROVIDERS, {
          body: { display_name: 'Upstream', protocol_config: upstreamSettings({ claims: '{"id_token":{"email":{"essential":true}}}' }) },
          headers: { 'x-correlation_id': 'corr-1' },
        });
        expect(reply.status, reply.text).toBe(200);
        expect(reply.headers['x-correlation-id']).toBe('corr-1');
        providerId = reply.body.id;
        expect(reply.body.protocol_config).toMatchObject({
          client_secret: 'upstream-secret-do-not-leak',
          token_endpoint_auth_method: 'client_secret_basic',
          redirect_url: `http://localhost:8080/hosted/tenants/${y.tenantId}/realms/${y.realmId}/identity-providers/${providerId}/callback`,
        });
        // Sealed at rest, and kept out of the audit trail.
        expect(await dumpDatabase(y.databaseLocation)).not.toContain('upstream-secret-do-not-leak');
        const events = await y.request('GET', y.realmPath('/events?type=identity_provider.created'));
        expect(events.body.events).toHaveLength(1);
        expect(events.text).not.toContain('upstream-secret-do-not-leak');
      });

      it('POST refuses a missing field, an unknown one, a bad URL, PAR without its endpoint, claims that are not JSON, no openid', async () => {
        const bodies = [
          { display_name: 'x', protocol_config: { ...upstreamSettings(), client_id: undefined } },
          { display_name: 'x', protocol_config: upstreamSettings({ issuer: 'https://upstream.example' }) },
          { display_name: 'x', protocol_config: upstreamSettings({ token_url: 'http://upstream.example/token' }) },
          { display_name: 'x', protocol_config: upstreamSettings({ oauth_2_par_enabled: true }) },
          { display_name: 'x', protocol_config: upstreamSettings({ claims: '{not json' }) },
          { display_name: 'x', protocol_config: upstreamSettings({ token_scopes: ['email'] }) },
          { display_name: 'x', protocol_config: upstreamSettings({ identity_attribute: 'phone' }) },
        ];
        for (const body of bodies) {
          const reply = await call('POST', PROVIDERS, { body });
          expect(reply.status, JSON.stringify(body)).toBe(400);
          expect(reply.body.details[0].type).toBe('FieldViolations');
        }
      });

      it('GET lists and gets them; 404 for an unknown one', async () => {
        const list = await call('GET', PROVIDERS);
        expect(list.status, list.text).toBe(200);
        expect(list.body.total_size).toBe(1);
        expect((await call('GET', PROVIDER, { params: { identity_provider_id: providerId } })).body.display_name).toBe('Upstream');
        expect((await call('GET', PROVIDER, { params: { identity_provider_id: UNKNOWN_UUID } })).status).toBe(404);
      });

      it('PATCH changes what it names (a new secret too); 400, 404', async () => {
        const params = { identity_provider_id: providerId };
        const reply = await call('PATCH', PROVIDER, {
          params,
          body: { identity_provider: { display_name: 'Renamed', protocol_config: { type: 'oidc_idp', pkce: 'disabled', client_secret: 'rotated' } } },
        });
        expect(reply.status, reply.text).toBe(200);
        expect(reply.body.protocol_config).toMatchObject({ pkce: 'disabled', client_secret: 'rotated', client_id: 'upstream-client' });
        expect(
          (await call('PATCH', PROVIDER, { params, body: { identity_provider: { protocol_config: { type: 'oidc_idp', jwks_url: 'nope' } } } }))
            .status,
        ).toBe(400);
        const missing = await call('PATCH', PROVIDER, {
          params: { identity_provider_id: UNKNOWN_UUID },
          body: { identity_provider: { display_name: 'x' } },
        });
        expect(missing.status).toBe(404);
      });

      it("an authenticator configuration of the contract's console type names it as its verification method; then it cannot be deleted (409)", async () => {
        const config = (verification_method: unknown) =>
          call('POST', CONFIGS, {
            body: {
              authenticator_config: { display_name: 'Verified', config: { type: 'console', onboarding_configuration: { verification_method } } },
            },
          });
        const created = await config({ type: 'idp', idp_id: providerId });
        expect(created.status, created.text).toBe(200);
        expect(created.body.config).toEqual({
          type: 'console',
          onboarding_configuration: { verification_method: { type: 'idp', idp_id: providerId } },
        });
        expect((await config({ type: 'none' })).status).toBe(200);
        const unknown = await config({ type: 'idp', idp_id: UNKNOWN_UUID });
        expect(unknown.status).toBe(400);
        expect(unknown.body.details[0].field_violations[0].field).toBe(
          'authenticator_config.config.onboarding_configuration.verification_method.idp_id',
        );
        const refused = await call('DELETE', PROVIDER, { params: { identity_provider_id: providerId } });
        expect(refused.status, refused.text).toBe(409);
        expect((await call('DELETE', CONFIG, { params: { authenticator_config_id: created.body.id } })).status).toBe(200);
      });

      it('DELETE removes it; 404 after', async () => {
        const params = { identity_provider_id: providerId };
        expect((await call('DELETE', PROVIDER, { params })).status).toBe(200);
        expect((await call('DELETE', PROVIDER, { params })).status).toBe(404);
      });
    });

    describe('every route', () => {
      let documented: DocumentedRoute[];

      beforeAll(async () => {
        const reply = await y.request('GET', '/openapi.json', { token: null });
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

      it('answers 401 without a token and 403 to a token of another realm (public routes skipped)', async () => {
        const otherRealm = await y.mintToken(MANAGEMENT_SCOPES, { realmId: y.adminRealmId });
        for (const route of documented) {
          if (isPublicRoute(route)) continue;
          const { method, path } = route;
          expect((await call(method, path, { params: paramsOf(path), token: null, body: {} })).status, `${method} ${path}`).toBe(401);
          expect((await call(method, path, { params: paramsOf(path), token: otherRealm, body: {} })).status, `${method} ${path}`).toBe(403);
        }
      });

      it('answers 403 in the contract shape to a token lacking any one of the route scopes', async () => {
        for (const route of documented) {
          if (isPublicRoute(route)) continue;
          const { method, path, scopes } = route;
          const required = indispensableScopes(route);
          for (const missing of [scopes, ...required.map((scope) => [scope])]) {
            const token = await y.mintToken(MANAGEMENT_SCOPES.filter((s) => !missing.includes(s)));
            const reply = await call(method, path, { params: paramsOf(path), token, body: {} });
            expect(reply.status, `${method} ${path} without ${missing.join(', ')}`).toBe(403);
            expectV1Error(reply, 403);
          }
        }
      });

      it('declares the same scopes as the contract for every route the contract has', () => {
        expect(scopeMismatches(documented)).toEqual([]);
      });

      it('every documented route of this part is in the contract or listed as yonder-only, and was checked with a 2xx', () => {
        expect(routeCoverageProblems(documented, coverage, inPart)).toEqual([]);
      });
    });
  });
}
