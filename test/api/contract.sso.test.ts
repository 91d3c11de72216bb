import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANAGEMENT_SCOPES } from '../../src/domain/access/scopes.js';
import {
  ContractCoverage,
  type DocumentedRoute,
  contractUnavailableReason,
  documentedRoutes,
  indispensableScopes,
  ownedBy,
  routeCoverageProblems,
  scopeMismatches,
} from '../support/contract.js';
import { type Reply, type RequestOptions, TestYonder, describeApi, engine } from '../support/harness.js';
import { SAML_PAYLOAD } from '../support/sso.js';

/**
 * SSO configs against the Beyond Identity contract: a config of every type is created, read,
 * listed, updated and deleted, assignments are made and read from both sides, and every reply is
 * checked against the contract (with the corrections in test/support/contract.ts). Then every
 * route of this part answers 401 and 403 as the contract says, and declares its scopes.
 */
const REALM = '/v1/tenants/{tenant_id}/realms/{realm_id}';
const CONFIGS = `${REALM}/sso-configs`;
const CONFIG = `${CONFIGS}/{sso_config_id}`;
const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';

const inPart = ownedBy('contract.sso.test.ts');

/** A valid payload of every type, as a Beyond Identity client would send it. */
const PAYLOADS: Record<string, Record<string, unknown>> = {
  bookmark: { type: 'bookmark', login_link: 'https://wiki.example/', icon: 'https://wiki.example/i.png', is_tile_visible: true },
  entra_id_external_auth_methods: {
    type: 'entra_id_external_auth_methods',
    redirect_uris: ['https://login.microsoftonline.com/cb'],
    discover_endpoint: 'global_azure',
  },
  generic_oidc: {
    type: 'generic_oidc',
    redirect_uris: ['https://rp.example/cb'],
    scopes: ['openid'],
    confidentiality: 'confidential',
    pkce: 's256',
    login_link: 'https://rp.example/login',
  },
  generic_oidc_idp: {
    type: 'generic_oidc_idp',
    client_id: 'upstream',
    client_secret: 'upstream-secret',
    identifying_claim_name: 'email',
    identity_attribute: 'email',
    authorization_endpoint: null,
    token_endpoint: 'https://idp.example/token',
    jwks_endpoint: 'https://idp.example/jwks',
  },
  generic_saml: SAML_PAYLOAD,
  okta_idp: {
    type: 'okta_idp',
    client_id: 'okta-client',
    identifying_claim_name: 'sub',
    identity_attribute: 'external_id',
    okta_domain: 'acme.okta.com',
  },
  okta_sso_bi_idp: {
    type: 'okta_sso_bi_idp',
    pkce: 's256',
    okta_registration: { domain: 'https://acme.okta.com', okta_token: 'tok', is_enabled: true },
  },
  scim: { type: 'scim' },
  ws_fed: {
    type: 'ws_fed',
    acs_url: 'https://sp.example/wsfed',
    audience_url: 'urn:sp',
    expiration_time_seconds: 300,
    digest_algorithm: 'sha256',
    signature_algorithm: 'rsa_sha256',
    name_format: 'unspecified',
    subject_user_name_attribute: 'user_name',
    authentication_context: 'x509',
    additional_user_attributes: [],
  },
  nametag_oauth2: { type: 'nametag_oauth2' },
};

const unavailable = contractUnavailableReason();
if (unavailable) {
  console.warn(`SKIPPED contract.sso tests [${engine}]: ${unavailable}`);
  describe.skip(`SSO config routes match the contract [${engine}] (skipped: ${unavailable})`, () => {
    it('needs the contract file', () => {});
  });
} else {
  describeApi('SSO config routes match the Beyond Identity contract', () => {
    let y: TestYonder;
    const coverage = new ContractCoverage();

    interface CallOptions extends RequestOptions {
      params?: Record<string, string>;
      query?: string;
    }

    async function call(method: string, template: string, options: CallOptions = {}): Promise<Reply> {
      const { params = {}, query, ...request } = options;
      const values: Record<string, string> = { tenant_id: y.tenantId, realm_id: y.realmId, ...params };
      const path = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? ''));
      const reply = await y.request(method, query ? `${path}?${query}` : path, request);
      coverage.check(method, template, reply);
      return reply;
    }

    beforeAll(async () => {
      y = await TestYonder.start();
    });
    afterAll(async () => y?.close());

    const ids: Record<string, string> = {};

    it('every type: create, get, update, list (by type), each reply as the contract says', async () => {
      for (const [type, payload] of Object.entries(PAYLOADS)) {
        const created = await call('POST', CONFIGS, { body: { sso_config: { display_name: `A ${type}`, payload } } });
        expect(created.status, `${type}: ${created.text}`).toBe(200);
        ids[type] = created.body.id;
        const config = { sso_config_id: created.body.id };
        expect((await call('GET', CONFIG, { params: config })).status).toBe(200);
        const renamed = await call('PATCH', CONFIG, { params: config, body: { sso_config: { display_name: `The ${type}`, payload: { type } } } });
        expect(renamed.status, `${type}: ${renamed.text}`).toBe(200);
      }
      const listed = await call('GET', CONFIGS, { query: 'page_size=200' });
      expect(listed.status).toBe(200);
      expect(listed.body.total_size).toBe(Object.keys(PAYLOADS).length);
      expect((await call('GET', CONFIGS, { query: 'type=bookmark&type=scim' })).body.total_size).toBe(2);
      expect((await call('GET', CONFIG, { params: { sso_config_id: UNKNOWN_UUID } })).status).toBe(404);
      expect((await call('POST', CONFIGS, { body: { sso_config: { display_name: 'x', payload: { type: 'bookmark' } } } })).status).toBe(400);
    });

    it('assignments: add and remove identities and groups, read them from every side', async () => {
      const config = { sso_config_id: ids.generic_oidc as string };
      const direct = await y.createIdentity('sso-direct');
      const member = await y.createIdentity('sso-member');
      const group = await y.request('POST', y.realmPath('/groups'), { body: { group: { display_name: 'SSO Group' } } });
      await y.request('POST', y.realmPath(`/groups/${group.body.id}:addMembers`), { body: { identity_ids: [member.id] } });

      expect((await call('POST', `${CONFIG}:addIdentities`, { params: config, body: { identity_ids: [direct.id] } })).status).toBe(200);
      expect((await call('POST', `${CONFIG}:addGroups`, { params: config, body: { group_ids: [group.body.id] } })).status).toBe(200);
      expect((await call('POST', `${CONFIG}:addIdentities`, { params: config, body: { identity_ids: ['0123456789abcdef'] } })).status).toBe(404);
      expect((await call('POST', `${CONFIG}:addGroups`, { params: config, body: { group_ids: [] } })).status).toBe(400);

      const identities = await call('GET', `${CONFIG}:listIdentityAssociations`, { params: config });
      expect(identities.status, identities.text).toBe(200);
      expect(identities.body.identities.map((i: { id: string; group_id?: string }) => [i.id, i.group_id ?? null]).sort()).toEqual(
        [
          [direct.id, null],
          [member.id, group.body.id],
        ].sort(),
      );
      const groups = await call('GET', `${CONFIG}:listGroupAssociations`, { params: config });
      expect(groups.body.groups).toEqual([expect.objectContaining({ id: group.body.id, member_count: 1 })]);
      expect((await call('POST', `${CONFIG}/is-group-assigned`, { params: config, body: { group_ids: [group.body.id] } })).body).toEqual({
        is_assigned_to_sso_config: true,
      });
      const assigned = await call('GET', `${REALM}/identities/{identity_id}/sso-configs/{sso_config_id}/is-identity-assigned`, {
        params: { ...config, identity_id: member.id },
      });
      expect(assigned.body).toEqual({ is_assigned_to_sso_config: true });
      const ofIdentity = await call('GET', `${REALM}/identities/{identity_id}/sso-configs`, { params: { identity_id: member.id } });
      expect(ofIdentity.body.sso_configs.map((c: { id: string }) => c.id)).toEqual([config.sso_config_id]);
      const ofGroup = await call('GET', `${REALM}/groups/{group_id}/sso-configs`, { params: { group_id: group.body.id } });
      expect(ofGroup.body.total_size).toBe(1);
      const app = await call('GET', CONFIG, { params: config });
      const linked = await call('GET', `${REALM}/applications/{application_id}/sso-configs-id`, {
        params: { application_id: app.body.payload.application_id },
      });
      expect(linked.body).toEqual({ sso_config_id: config.sso_config_id });

      expect((await call('POST', `${CONFIG}:deleteIdentities`, { params: config, body: { identity_ids: [direct.id] } })).status).toBe(200);
      expect((await call('POST', `${CONFIG}:deleteGroups`, { params: config, body: { group_ids: [group.body.id] } })).status).toBe(200);
      const none = await call('GET', `${REALM}/identities/{identity_id}/sso-configs/{sso_config_id}/is-identity-assigned`, {
        params: { ...config, identity_id: member.id },
      });
      expect(none.body).toEqual({ is_assigned_to_sso_config: false });
      expect((await call('GET', `${REALM}/identities/{identity_id}/sso-configs`, { params: { identity_id: '0123456789abcdef' } })).status).toBe(404);
    });

    it('test answers for the application of an OIDC config; delete takes each config away', async () => {
      const tested = await call('POST', `${CONFIG}/test`, { params: { sso_config_id: ids.generic_oidc as string } });
      expect(tested.status, tested.text).toBe(200);
      expect(tested.body.oidc_applications).toHaveLength(1);
      for (const id of Object.values(ids)) {
        expect((await call('DELETE', CONFIG, { params: { sso_config_id: id } })).status).toBe(200);
      }
      expect((await call('DELETE', CONFIG, { params: { sso_config_id: ids.bookmark as string } })).status).toBe(404);
    });

    describe('every route', () => {
      let documented: DocumentedRoute[];

      beforeAll(async () => {
        const reply = await y.request('GET', '/openapi.json', { token: null });
        documented = documentedRoutes(reply.body, inPart);
        expect(documented.length).toBeGreaterThan(0);
      });

      const paramsOf = (path: string): Record<string, string> =>
        Object.fromEntries(
          [...path.matchAll(/\{(\w+)\}/g)]
            .map(([, name = '']) => name)
            .filter((name) => name !== 'tenant_id' && name !== 'realm_id')
            .map((name) => [name, ['sso_config_id', 'application_id'].includes(name) ? UNKNOWN_UUID : '0123456789abcdef']),
        );

      it('answers 401 without a token and 403 to a token lacking any one of the route scopes, in the contract shape', async () => {
        for (const route of documented) {
          const { method, path, scopes } = route;
          expect((await call(method, path, { params: paramsOf(path), token: null, body: {} })).status, `${method} ${path}`).toBe(401);
          const required = indispensableScopes(route);
          for (const missing of [scopes, ...(required.length > 1 ? required.map((scope) => [scope]) : [])]) {
            const token = await y.mintToken(MANAGEMENT_SCOPES.filter((s) => !missing.includes(s)));
            const reply = await call(method, path, { params: paramsOf(path), token, body: {} });
            expect(reply.status, `${method} ${path} without ${missing.join(', ')}`).toBe(403);
          }
        }
      });

      it('declares the same scopes as the contract', () => {
        expect(scopeMismatches(documented)).toEqual([]);
      });

      it('every route of this part is in the contract and was checked with a 2xx', () => {
        expect(routeCoverageProblems(documented, coverage, inPart)).toEqual([]);
      });
    });
  });
}
