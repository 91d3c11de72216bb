import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNBUILT_OPERATIONS } from '../../src/http/v1/not-implemented.js';
import { contractOperations, contractUnavailableReason, documentedRoutes, expectV1Error } from '../support/contract.js';
import { TestYonder, describeApi, engine } from '../support/harness.js';

/**
 * The contract's areas yonder has not built yet (identity providers, the flow
 * type configuration) are listed in `UNBUILT_OPERATIONS` and answer 501 `not_implemented`, so a
 * Beyond Identity client learns "not here yet" rather than "no such resource". Every operation of
 * the contract is either routed by yonder (in its OpenAPI document) or in that table: a new area of
 * the contract cannot go unnoticed, and a built one must leave the table.
 */

const unbuiltKeys = UNBUILT_OPERATIONS.map(({ method, path }) => `${method} ${path}`);

const unavailable = contractUnavailableReason();
if (unavailable) {
  console.warn(`SKIPPED contract.unbuilt tests [${engine}]: ${unavailable}`);
  describe.skip(`unbuilt contract operations [${engine}] (skipped: ${unavailable})`, () => {
    it('needs the contract file', () => {});
  });
} else {
  describeApi('unbuilt contract operations answer 501', () => {
    let y: TestYonder;
    beforeAll(async () => {
      y = await TestYonder.start();
    });
    afterAll(async () => y?.close());

    /** The operation's path with every parameter filled in: this tenant and realm, any id for the rest. */
    const urlOf = (template: string) =>
      template.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'tenant_id' ? y.tenantId : name === 'realm_id' ? y.realmId : '0123456789abcdef'));

    it('every operation of the contract is routed by yonder or listed in UNBUILT_OPERATIONS, never both', async () => {
      const openapi = (await y.request('GET', '/openapi.json', { token: null })).body;
      const routed = new Set(documentedRoutes(openapi, () => true).map(({ method, path }) => `${method} ${path}`));
      const contract = new Set(contractOperations());
      const unbuilt = new Set(unbuiltKeys);
      expect(unbuilt.size, 'UNBUILT_OPERATIONS lists an operation twice').toBe(unbuiltKeys.length);
      expect(
        contractOperations().filter((key) => !routed.has(key) && !unbuilt.has(key)),
        'neither routed nor listed',
      ).toEqual([]);
      expect(
        unbuiltKeys.filter((key) => routed.has(key)),
        'routed, yet listed as unbuilt',
      ).toEqual([]);
      expect(
        unbuiltKeys.filter((key) => !contract.has(key)),
        'listed, but not in the contract',
      ).toEqual([]);
    });

    it('each unbuilt operation answers 501 not_implemented in the v1 error shape to a valid token', async () => {
      for (const { method, path } of UNBUILT_OPERATIONS) {
        const reply = await y.request(method, urlOf(path), method === 'GET' || method === 'DELETE' ? {} : { body: {} });
        expect(reply.status, `${method} ${path}: ${reply.text}`).toBe(501);
        expect(reply.body, `${method} ${path}`).toEqual({ code: 'not_implemented', message: expect.any(String) });
        expectV1Error(reply, 501);
      }
    });

    it('authentication comes first, as on every built route: 401 without a token, 403 with a token of another realm', async () => {
      const otherRealm = await y.mintToken(['realms:read'], { realmId: y.adminRealmId });
      for (const { method, path } of UNBUILT_OPERATIONS) {
        expectV1Error(await y.request(method, urlOf(path), { token: null }), 401);
        expectV1Error(await y.request(method, urlOf(path), { token: otherRealm }), 403);
      }
    });
  });
}
