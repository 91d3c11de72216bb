import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ContractCoverage,
  type DocumentedRoute,
  YONDER_ONLY_ROUTES,
  contractUnavailableReason,
  documentedRoutes,
  expectV1Error,
  isPublicRoute,
  ownedBy,
  routeCoverageProblems,
  routeOwnershipProblems,
} from '../support/contract.js';
import { CONSOLE_HEADERS, enrollThrough, signInWith } from '../support/console.js';
import { type Reply, type RequestOptions, TestYonder, describeApi, engine } from '../support/harness.js';

/**
 * The Admin Console's calls (`/console/api/...`): not in the Beyond Identity contract (listed in
 * `YONDER_ONLY_ROUTES` with their reason), public as far as bearer tokens go, each exercised here
 * with a 2xx, and their errors in the v1 shape. Their behaviour is tested in console.session.
 */

const inPart = ownedBy('contract.console.test.ts');
const CONFIG = '/console/api/config';
const TOKEN = '/console/api/token';
const SIGN_OUT = '/console/api/sign-out';

const unavailable = contractUnavailableReason();
if (unavailable) {
  console.warn(`SKIPPED contract.console tests [${engine}]: ${unavailable}`);
  describe.skip(`console API routes are claimed and exercised [${engine}] (skipped: ${unavailable})`, () => {
    it('needs the contract file', () => {});
  });
} else {
  describeApi('console API routes are claimed and exercised', () => {
    let y: TestYonder;
    let cookie: string;
    const coverage = new ContractCoverage();

    async function call(method: string, path: string, options: RequestOptions = {}): Promise<Reply> {
      const reply = await y.request(method, path, { token: null, ...options });
      coverage.record(method, path, reply.status);
      return reply;
    }

    beforeAll(async () => {
      y = await TestYonder.start();
      const config = await call('GET', CONFIG);
      expect(config.status).toBe(200);
      const { passkey } = await enrollThrough(y, y.bootstrap.consoleLink ?? '');
      cookie = await signInWith(y, passkey, y.adminRealmId, config.body.console_application_id);
    });
    afterAll(async () => y?.close());

    it('POST /console/api/token: 200 with a session and the console header; errors in the v1 shape', async () => {
      const minted = await call('POST', TOKEN, { headers: { ...CONSOLE_HEADERS, cookie } });
      expect(minted.status, minted.text).toBe(200);
      const refused = await call('POST', TOKEN, { headers: { cookie } });
      expect(() => expectV1Error(refused, 403)).not.toThrow();
      const anonymous = await call('POST', TOKEN, { headers: CONSOLE_HEADERS });
      expect(anonymous.status).toBe(401);
      expect(anonymous.body).toEqual({ code: 'not_signed_in', message: expect.any(String) });
    });

    it('POST /console/api/sign-out: 200, and 403 in the v1 shape without the console header', async () => {
      const refused = await call('POST', SIGN_OUT, { headers: { cookie } });
      expect(() => expectV1Error(refused, 403)).not.toThrow();
      const out = await call('POST', SIGN_OUT, { headers: { ...CONSOLE_HEADERS, cookie } });
      expect(out.status).toBe(200);
    });

    describe('every route', () => {
      let openapi: unknown;
      let documented: DocumentedRoute[];

      beforeAll(async () => {
        openapi = (await y.request('GET', '/openapi.json', { token: null })).body;
        documented = documentedRoutes(openapi, inPart);
      });

      it('the console routes are exactly config, token and sign-out: public and yonder-only', () => {
        const keys = documented.map(({ method, path }) => `${method} ${path}`).sort();
        expect(keys).toEqual([`GET ${CONFIG}`, `POST ${SIGN_OUT}`, `POST ${TOKEN}`]);
        for (const route of documented) {
          expect(isPublicRoute(route), route.path).toBe(true);
          expect(`${route.method} ${route.path}` in YONDER_ONLY_ROUTES, route.path).toBe(true);
        }
      });

      it('every documented console route is listed as yonder-only and was exercised with a 2xx', () => {
        expect(routeCoverageProblems(documented, coverage, inPart)).toEqual([]);
      });

      it('every documented /v1, /hosted and /console/api route is claimed by exactly one contract test file (ROUTE_OWNERS)', () => {
        expect(routeOwnershipProblems(documentedRoutes(openapi, () => true))).toEqual([]);
      });
    });
  });
}
