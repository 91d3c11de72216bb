import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  routeOwnershipProblems,
  scopeMismatches,
} from '../support/contract.js';
import { type Reply, type RequestOptions, TestYonder, describeApi, engine } from '../support/harness.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';

/**
 * Passkeys: credentials, credential binding jobs (one at a time and in batches), authenticator
 * configurations and themes, called in their success and error cases with each reply validated
 * against the Beyond Identity v1 OpenAPI contract (`test/support/contract.ts`). A real credential
 * is made on the way, through the binding link and yonder's hosted enrollment ceremony with a
 * software authenticator, so the credential routes answer with data rather than empty lists.
 *
 * The binding link (`:invokeAuthenticator`) and the hosted pages and ceremony endpoints
 * (`/hosted/...`) are not in the contract: they are listed in `YONDER_ONLY_ROUTES` with their reasons
 * and exercised here with a 2xx each, but not schema-checked. They are public (no security), so the
 * 401 and 403 loops skip them; the HTML ones (the binding link, the sign-in page) count as exercised
 * by a 200 `text/html` page, which is all a browser asks of them (none of them only redirects).
 *
 * This file's part of yonder's OpenAPI document is what `ROUTE_OWNERS` gives it; the last tests
 * check that part the way `contract.v1.test.ts` checks its own (401, 403, scopes, a 2xx for each).
 */

const inPart = ownedBy('contract.passkeys.test.ts');

const REALM = '/v1/tenants/{tenant_id}/realms/{realm_id}';
const IDENTITY = `${REALM}/identities/{identity_id}`;
const CREDENTIALS = `${IDENTITY}/credentials`;
const CREDENTIAL = `${CREDENTIALS}/{credential_id}`;
const REVOKE_CREDENTIAL = `${CREDENTIAL}:revoke`;
const JOBS = `${IDENTITY}/credential-binding-jobs`;
const JOB = `${JOBS}/{credential_binding_job_id}`;
const REVOKE_JOB = `${JOB}:revoke`;
const INVOKE = `${JOB}:invokeAuthenticator`;
const BATCHES = `${REALM}/batch-credential-binding-jobs`;
const BATCH = `${BATCHES}/{batch_credential_binding_job_id}`;
const BATCH_RESULTS = `${BATCH}:listResults`;
const CONFIGS = `${REALM}/authenticator-configs`;
const CONFIG = `${CONFIGS}/{authenticator_config_id}`;
const THEMES = `${REALM}/themes`;
const ACTIVE_THEME = `${THEMES}/active`;
const THEME = `${THEMES}/{theme_id}`;

const PASSKEYS = `${IDENTITY}/passkeys`;
const RENAME_PASSKEY = `${PASSKEYS}/{credential_id}:rename`;
const SIGN_OUT_EVERYWHERE = `${IDENTITY}:signOutEverywhere`;
const SEND_RECOVERY_LINK = `${IDENTITY}:sendRecoveryLink`;
const ACCOUNT_SETTINGS = `${REALM}/account-settings`;

const HOSTED_REALM = '/hosted/tenants/{tenant_id}/realms/{realm_id}';
const ENROLL = `${HOSTED_REALM}/identities/{identity_id}/credential-binding-jobs/{credential_binding_job_id}`;
const REGISTRATION_OPTIONS = `${ENROLL}/registration-options`;
const REGISTRATION = `${ENROLL}/registration`;
const SIGN_IN = `${HOSTED_REALM}/sign-in`;
const SIGN_IN_OPTIONS = `${SIGN_IN}/options`;
const SIGN_IN_VERIFY = `${SIGN_IN}/verify`;
const SESSION = `${HOSTED_REALM}/session`;
const LAUNCHER = `${HOSTED_REALM}/apps`;
const SIGN_OUT = `${HOSTED_REALM}/sign-out`;
const ASSET = '/hosted/assets/{name}';
const LIBRARY = '/hosted/assets/simplewebauthn/{*}';

const ORIGIN = 'http://localhost:8080';
const UNKNOWN_ID = '0123456789abcdef';
const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';

const unavailable = contractUnavailableReason();
if (unavailable) {
  console.warn(`SKIPPED contract.passkeys tests [${engine}]: ${unavailable}`);
  describe.skip(`passkey API matches the Beyond Identity contract [${engine}] (skipped: ${unavailable})`, () => {
    it('needs the contract file', () => {});
  });
} else {
  describeApi('passkey API matches the Beyond Identity contract', () => {
    let y: TestYonder;
    let outboxDir: string;
    const coverage = new ContractCoverage();

    interface CallOptions extends RequestOptions {
      params?: Record<string, string>;
      query?: Record<string, string>;
      check?: ContractCheckOptions;
    }

    /**
     * Calls `method template` with its parameters filled in and checks the reply against the
     * contract; a yonder-only route's reply is only recorded (its errors are HTML pages or ceremony
     * errors, not the v1 shape, except the 401/403 of a /v1 route, checked in the loops below).
     */
    async function call(method: string, template: string, options: CallOptions = {}): Promise<Reply> {
      const { params = {}, query, check, ...request } = options;
      const values: Record<string, string> = { tenant_id: y.tenantId, realm_id: y.realmId, ...params };
      const path = template.replace(/\{(\w+|\*)\}/g, (_, name: string) => {
        const value = values[name];
        if (value === undefined) throw new Error(`no value for {${name}} in ${template}`);
        return name === '*' ? value : encodeURIComponent(value);
      });
      const url = query ? `${path}?${new URLSearchParams(query).toString()}` : path;
      const reply = await y.request(method, url, request);
      if (`${method} ${template}` in YONDER_ONLY_ROUTES) coverage.record(method, template, reply.status);
      else coverage.check(method, template, reply, check);
      return reply;
    }

    const withEmail = async (username: string) =>
      y.createIdentity(username, { traits: { type: 'traits_v0', username, primary_email_address: `${username}@example.com` } });

    /** A RETURN job for a new identity, with its link token. */
    async function returnJob(username: string) {
      const identity = await y.createIdentity(username);
      const reply = await call('POST', JOBS, { params: { identity_id: identity.id }, body: { job: { delivery_method: 'RETURN' } } });
      expect(reply.status, reply.text).toBe(200);
      const job = reply.body.credential_binding_job as { id: string; state: string };
      const token = new URL(reply.body.credential_binding_link).searchParams.get('token') ?? '';
      return { identity, job, token, params: { identity_id: identity.id, credential_binding_job_id: job.id } };
    }

    beforeAll(async () => {
      outboxDir = mkdtempSync(join(tmpdir(), 'yonder-contract-outbox-'));
      y = await TestYonder.start(undefined, { config: { smtpUrl: null, outboxDir } });
    });
    afterAll(async () => {
      await y?.close();
      if (outboxDir) rmSync(outboxDir, { recursive: true, force: true });
    });

    describe('authenticator configurations', () => {
      let configId: string;

      it('POST /authenticator-configs returns the bare configuration', async () => {
        const reply = await call('POST', CONFIGS, {
          body: {
            authenticator_config: {
              display_name: 'Contract Hosted Web',
              config: { type: 'hosted_web', authentication_methods: [{ type: 'webauthn_passkey' }], trusted_origins: [ORIGIN] },
            },
          },
        });
        expect(reply.status, reply.text).toBe(200);
        expect(reply.body).toMatchObject({ display_name: 'Contract Hosted Web', config: { type: 'hosted_web' } });
        configId = reply.body.id;
        const embedded = await call('POST', CONFIGS, {
          body: {
            authenticator_config: {
              display_name: 'Contract Embedded',
              config: {
                type: 'embedded',
                invoke_url: 'https://app.example.com/bind',
                invocation_type: 'automatic',
                trusted_origins: ['https://app.example.com'],
              },
            },
          },
        });
        expect(embedded.status, embedded.text).toBe(200);
      });

      it('POST /authenticator-configs answers 400 FieldViolations and 400 for malformed JSON', async () => {
        const invalid = await call('POST', CONFIGS, { body: { authenticator_config: { config: { type: 'embedded' } } } });
        expect(invalid.status).toBe(400);
        expect(invalid.body.details[0].type).toBe('FieldViolations');
        expect((await call('POST', CONFIGS, { rawBody: '{"authenticator_config": ' })).status).toBe(400);
      });

      it('GET /authenticator-configs pages with next_page_token and omits it on the last page', async () => {
        const first = await call('GET', CONFIGS, { query: { page_size: '1' } });
        expect(first.status).toBe(200);
        expect(first.body.authenticator_configs).toHaveLength(1);
        expect(typeof first.body.next_page_token).toBe('string');
        const all = await call('GET', CONFIGS, { query: { page_size: '500' } });
        expect(all.status).toBe(200);
        expect(all.body).not.toHaveProperty('next_page_token');
      });

      it('GET /authenticator-configs/{id} returns it, or 404', async () => {
        expect((await call('GET', CONFIG, { params: { authenticator_config_id: configId } })).status).toBe(200);
        expect((await call('GET', CONFIG, { params: { authenticator_config_id: UNKNOWN_UUID } })).status).toBe(404);
      });

      it('PATCH /authenticator-configs/{id} returns it; 400, 404', async () => {
        const params = { authenticator_config_id: configId };
        const updated = await call('PATCH', CONFIG, { params, body: { authenticator_config: { display_name: 'Renamed Config' } } });
        expect(updated.status, updated.text).toBe(200);
        expect(updated.body.display_name).toBe('Renamed Config');
        const invalid = await call('PATCH', CONFIG, { params, body: { authenticator_config: { config: { authentication_methods: [] } } } });
        expect(invalid.status).toBe(400);
        const missing = await call('PATCH', CONFIG, {
          params: { authenticator_config_id: UNKNOWN_UUID },
          body: { authenticator_config: { display_name: 'x' } },
        });
        expect(missing.status).toBe(404);
      });

      it('DELETE /authenticator-configs/{id} answers 200 empty, then 404', async () => {
        const params = { authenticator_config_id: configId };
        const deleted = await call('DELETE', CONFIG, { params, headers: { 'content-type': 'application/json' } });
        expect(deleted.status, deleted.text).toBe(200);
        expect((await call('DELETE', CONFIG, { params })).status).toBe(404);
      });
    });

    describe('themes', () => {
      let themeId: string;

      it("GET /themes/active of a realm without a theme answers the default theme, with no support_url (the contract's `format: url`)", async () => {
        const active = await call('GET', ACTIVE_THEME);
        expect(active.status, active.text).toBe(200);
        expect(active.body).toMatchObject({ realm_id: y.realmId, button_color: '#4673D3' });
        expect(active.body).not.toHaveProperty('support_url');
      });

      it('POST /themes returns the bare theme, then 409 for a second one', async () => {
        const reply = await call('POST', THEMES, {
          body: {
            theme: {
              email_realm_name: 'Contract Realm',
              button_color: '#4673D3',
              button_text_color: '#FFFFFF',
              support_url: 'https://example.com/help',
            },
          },
        });
        expect(reply.status, reply.text).toBe(200);
        themeId = reply.body.id;
        const again = await call('POST', THEMES, { body: { theme: { email_realm_name: 'Again' } } });
        expect(again.status).toBe(409);
      });

      it('POST /themes answers 400 for an invalid colour and for malformed JSON', async () => {
        expect((await call('POST', THEMES, { body: { theme: { button_color: 'blue' } } })).status).toBe(400);
        expect((await call('POST', THEMES, { rawBody: '{' })).status).toBe(400);
      });

      it('GET /themes/active and /themes/{id} return the theme, or 404', async () => {
        const active = await call('GET', ACTIVE_THEME);
        expect(active.status, active.text).toBe(200);
        expect(active.body.id).toBe(themeId);
        expect((await call('GET', THEME, { params: { theme_id: themeId } })).status).toBe(200);
        expect((await call('GET', THEME, { params: { theme_id: UNKNOWN_UUID } })).status).toBe(404);
      });

      it('PATCH /themes/{id} returns the theme; 400, 404', async () => {
        const params = { theme_id: themeId };
        const updated = await call('PATCH', THEME, { params, body: { theme: { button_color: '#000000' } } });
        expect(updated.status, updated.text).toBe(200);
        expect(updated.body.button_color).toBe('#000000');
        expect(updated.body.support_url).toBe('https://example.com/help');
        const cleared = await call('PATCH', THEME, { params, body: { theme: { support_url: '' } } });
        expect(cleared.status, cleared.text).toBe(200);
        expect(cleared.body).not.toHaveProperty('support_url');
        expect((await call('GET', ACTIVE_THEME)).body).not.toHaveProperty('support_url');
        expect((await call('PATCH', THEME, { params, body: { theme: { button_color: 'black' } } })).status).toBe(400);
        expect((await call('PATCH', THEME, { params: { theme_id: UNKNOWN_UUID }, body: { theme: {} } })).status).toBe(404);
      });
    });

    describe('credential binding jobs, the hosted ceremonies and credentials', () => {
      let enrolled: Awaited<ReturnType<typeof returnJob>>;
      let credentialId: string;
      let authenticator: SoftAuthenticator;
      let sessionCookie: string;

      it('POST /credential-binding-jobs (RETURN) returns the job and its link; EMAIL returns the job alone', async () => {
        enrolled = await returnJob('enrollee');
        expect(enrolled.job.state).toBe('LINK_SENT');
        const emailed = await withEmail('emailed');
        const reply = await call('POST', JOBS, { params: { identity_id: emailed.id }, body: { job: { delivery_method: 'EMAIL' } } });
        expect(reply.status, reply.text).toBe(200);
        expect(reply.body).not.toHaveProperty('credential_binding_link');
      });

      it('POST /credential-binding-jobs answers 400, 404 (unknown identity) and 422 (EMAIL without an address)', async () => {
        const params = { identity_id: enrolled.identity.id };
        expect((await call('POST', JOBS, { params, body: { job: { delivery_method: 'CARRIER_PIGEON' } } })).status).toBe(400);
        expect((await call('POST', JOBS, { params: { identity_id: UNKNOWN_ID }, body: { job: { delivery_method: 'RETURN' } } })).status).toBe(404);
        expect((await call('POST', JOBS, { params, body: { job: { delivery_method: 'EMAIL' } } })).status).toBe(422);
      });

      it('GET :invokeAuthenticator (yonder-only) with the link token is the hosted enrollment page', async () => {
        const page = await call('GET', INVOKE, { params: enrolled.params, query: { token: enrolled.token }, token: null });
        expect(page.status).toBe(200);
        expect(page.headers['content-type']).toMatch(/^text\/html/);
        const wrong = await call('GET', INVOKE, { params: enrolled.params, query: { token: 'not-the-token' }, token: null });
        expect(wrong.status).toBeGreaterThanOrEqual(400);
        expect(wrong.headers['content-type']).toMatch(/^text\/html/);
      });

      it('the hosted assets (yonder-only) are served', async () => {
        for (const name of ['common.js', 'enroll.js', 'sign-in.js', 'style.css']) {
          expect((await call('GET', ASSET, { params: { name }, token: null })).status, name).toBe(200);
        }
        expect((await call('GET', LIBRARY, { params: { '*': 'index.js' }, token: null })).status).toBe(200);
        expect((await call('GET', ASSET, { params: { name: 'nothing.js' }, token: null })).status).toBe(404);
      });

      it('POST registration-options and registration (yonder-only) enroll a passkey with the link token', async () => {
        const params = enrolled.params;
        const begun = await call('POST', REGISTRATION_OPTIONS, { params, body: { token: enrolled.token }, token: null });
        expect(begun.status, begun.text).toBe(200);
        authenticator = new SoftAuthenticator(ORIGIN);
        const done = await call('POST', REGISTRATION, {
          params,
          body: { token: enrolled.token, challenge_id: begun.body.challenge_id, response: authenticator.register(begun.body.options) },
          token: null,
        });
        expect(done.status, done.text).toBe(200);
        credentialId = done.body.credential_id;
        expect(credentialId).toMatch(/^[0-9a-f]{16}$/);
      });

      it('GET /credential-binding-jobs/{id} returns the completed job, or 404', async () => {
        const reply = await call('GET', JOB, { params: enrolled.params });
        expect(reply.status).toBe(200);
        expect(reply.body).toMatchObject({ state: 'COMPLETE', credential_id: credentialId });
        const missing = await call('GET', JOB, { params: { ...enrolled.params, credential_binding_job_id: UNKNOWN_ID } });
        expect(missing.status).toBe(404);
      });

      it('GET /credential-binding-jobs lists the jobs of an identity, and of the realm with `-`', async () => {
        const reply = await call('GET', JOBS, { params: { identity_id: enrolled.identity.id } });
        expect(reply.status).toBe(200);
        expect(reply.body.credential_binding_jobs.map((j: { id: string }) => j.id)).toEqual([enrolled.job.id]);
        const realm = await call('GET', JOBS, { params: { identity_id: '-' }, query: { page_size: '1' } });
        expect(realm.status).toBe(200);
        expect(realm.body.total_size).toBeGreaterThanOrEqual(2);
      });

      // Correction 5: `filter` (SCIM grammar on `state` and `delivery_method`) belongs to the list.
      it('GET /credential-binding-jobs?filter=state eq "COMPLETE" returns only completed jobs', async () => {
        const all = await call('GET', JOBS, { params: { identity_id: '-' } });
        expect(all.body.credential_binding_jobs.some((j: { state: string }) => j.state !== 'COMPLETE')).toBe(true);
        const filtered = await call('GET', JOBS, { params: { identity_id: '-' }, query: { filter: 'state eq "COMPLETE"' } });
        expect(filtered.status).toBe(200);
        expect(filtered.body.credential_binding_jobs.map((j: { state: string }) => j.state)).toEqual(['COMPLETE']);
        expect(filtered.body.total_size).toBe(1);
      });

      it('GET /credential-binding-jobs with a filter on an unknown attribute returns 400', async () => {
        const reply = await call('GET', JOBS, { params: { identity_id: '-' }, query: { filter: 'identity_id eq "x"' } });
        expect(reply.status).toBe(400);
      });

      it('POST /credential-binding-jobs/{id}:revoke revokes a pending job; 404', async () => {
        const pending = await returnJob('revokee');
        const reply = await call('POST', REVOKE_JOB, { params: pending.params });
        expect(reply.status, reply.text).toBe(200);
        expect(reply.body.state).not.toBe('LINK_SENT');
        expect((await call('POST', REVOKE_JOB, { params: { ...pending.params, credential_binding_job_id: UNKNOWN_ID } })).status).toBe(404);
      });

      it('GET /credentials lists the real credential, for the identity and for the realm with `-`', async () => {
        const reply = await call('GET', CREDENTIALS, { params: { identity_id: enrolled.identity.id } });
        expect(reply.status).toBe(200);
        expect(reply.body.credentials).toHaveLength(1);
        expect(reply.body.credentials[0]).toMatchObject({ id: credentialId, state: 'ACTIVE', identity_id: enrolled.identity.id });
        const realm = await call('GET', CREDENTIALS, { params: { identity_id: '-' } });
        expect(realm.status).toBe(200);
        expect(realm.body.total_size).toBe(1);
      });

      it('GET /credentials/{id} returns the credential with its JWK, or 404', async () => {
        const reply = await call('GET', CREDENTIAL, { params: { identity_id: enrolled.identity.id, credential_id: credentialId } });
        expect(reply.status).toBe(200);
        expect(JSON.parse(reply.body.jwk_json)).toMatchObject({ kty: 'EC', crv: 'P-256' });
        const missing = await call('GET', CREDENTIAL, { params: { identity_id: enrolled.identity.id, credential_id: UNKNOWN_ID } });
        expect(missing.status).toBe(404);
      });

      it('the hosted sign-in page, options, verify, session and sign-out (yonder-only) sign in with the passkey', async () => {
        const page = await call('GET', SIGN_IN, { token: null });
        expect(page.status).toBe(200);
        expect(page.headers['content-type']).toMatch(/^text\/html/);
        const options = await call('POST', SIGN_IN_OPTIONS, { body: {}, token: null });
        expect(options.status, options.text).toBe(200);
        const verified = await call('POST', SIGN_IN_VERIFY, {
          body: { challenge_id: options.body.challenge_id, response: authenticator.authenticate(options.body.options) },
          token: null,
        });
        expect(verified.status, verified.text).toBe(200);
        sessionCookie = String(verified.headers['set-cookie']).split(';')[0]!;
        const session = await call('GET', SESSION, { headers: { cookie: sessionCookie }, token: null });
        expect(session.status).toBe(200);
        expect(session.body.identity_id).toBe(enrolled.identity.id);
        const launcher = await call('GET', LAUNCHER, { headers: { cookie: sessionCookie }, token: null });
        expect(launcher.status).toBe(200);
        expect(launcher.headers['content-type']).toMatch(/^text\/html/);
        const out = await call('POST', SIGN_OUT, { headers: { cookie: sessionCookie, origin: ORIGIN }, token: null });
        expect(out.status).toBe(200);
        expect((await call('GET', SESSION, { headers: { cookie: sessionCookie }, token: null })).status).toBe(401);
      });

      it("the account page's administration (yonder-only): passkeys, rename, sign out everywhere, recovery link, settings; 404s", async () => {
        const params = { identity_id: enrolled.identity.id };
        const listed = await call('GET', PASSKEYS, { params });
        expect(listed.status, listed.text).toBe(200);
        expect(listed.body.passkeys).toEqual([expect.objectContaining({ id: credentialId, device: expect.any(String), current: false })]);
        const renamed = await call('POST', RENAME_PASSKEY, {
          params: { ...params, credential_id: credentialId },
          body: { display_name: 'Work laptop' },
        });
        expect(renamed.status, renamed.text).toBe(200);
        expect(renamed.body.name).toBe('Work laptop');
        const other = await y.createIdentity('someone-else');
        expect(
          (await call('POST', RENAME_PASSKEY, { params: { identity_id: other.id, credential_id: credentialId }, body: { display_name: 'x' } }))
            .status,
        ).toBe(404);
        expect((await call('POST', RENAME_PASSKEY, { params: { ...params, credential_id: credentialId }, body: { display_name: ' ' } })).status).toBe(
          400,
        );
        const ended = await call('POST', SIGN_OUT_EVERYWHERE, { params, body: {} });
        expect(ended.status, ended.text).toBe(200);
        expect((await call('POST', SIGN_OUT_EVERYWHERE, { params: { identity_id: UNKNOWN_ID }, body: {} })).status).toBe(404);
        const recovering = await withEmail('recovering');
        const sent = await call('POST', SEND_RECOVERY_LINK, { params: { identity_id: recovering.id }, body: {} });
        expect(sent.status, sent.text).toBe(200);
        expect(sent.body.credential_binding_job).toMatchObject({ delivery_method: 'EMAIL', state: 'LINK_SENT' });
        expect((await call('POST', SEND_RECOVERY_LINK, { params, body: {} })).status).toBe(422);
        expect((await call('GET', ACCOUNT_SETTINGS)).body).toEqual({ allow_removing_last_passkey: false, sign_in_identity_providers: [] });
        const put = await call('PUT', ACCOUNT_SETTINGS, { body: { allow_removing_last_passkey: false } });
        expect(put.status, put.text).toBe(200);
        expect((await call('GET', ACCOUNT_SETTINGS, { params: { realm_id: UNKNOWN_ID } })).status).toBe(404);
      });

      it('POST /credentials/{id}:revoke returns the credential with state REVOKED (correction 4); 404', async () => {
        const params = { identity_id: enrolled.identity.id, credential_id: credentialId };
        const reply = await call('POST', REVOKE_CREDENTIAL, { params });
        expect(reply.status, reply.text).toBe(200);
        expect(reply.body).toMatchObject({ id: credentialId, state: 'REVOKED' });
        expect((await call('POST', REVOKE_CREDENTIAL, { params: { ...params, credential_id: UNKNOWN_ID } })).status).toBe(404);
      });
    });

    describe('batch credential binding jobs', () => {
      let batchId: string;

      it('POST /batch-credential-binding-jobs emails the links and returns the batch', async () => {
        const ids = [(await withEmail('batch-a')).id, (await withEmail('batch-b')).id, (await y.createIdentity('batch-no-email')).id];
        const reply = await call('POST', BATCHES, { body: { batch_credential_binding_job: { identity_ids: ids, job_template: {} } } });
        expect(reply.status, reply.text).toBe(200);
        batchId = reply.body.id;
      });

      it('POST /batch-credential-binding-jobs answers 400 and 404: statuses the contract does not declare', async () => {
        // Both accepted in UNDECLARED_STATUS_ALLOWANCES with their reasons.
        const empty = await call('POST', BATCHES, { body: { batch_credential_binding_job: { identity_ids: [], job_template: {} } } });
        expect(empty.status).toBe(400);
        expect(empty.body.details[0].type).toBe('FieldViolations');
        const noRealm = await call('POST', BATCHES, {
          params: { realm_id: UNKNOWN_ID },
          body: { batch_credential_binding_job: { identity_ids: [UNKNOWN_ID], job_template: {} } },
        });
        expect(noRealm.status).toBe(404);
      });

      it('GET /batch-credential-binding-jobs/{id} returns the batch, or 404', async () => {
        const reply = await call('GET', BATCH, { params: { batch_credential_binding_job_id: batchId } });
        expect(reply.status).toBe(200);
        expect(reply.body.identity_ids).toHaveLength(3);
        expect((await call('GET', BATCH, { params: { batch_credential_binding_job_id: UNKNOWN_ID } })).status).toBe(404);
      });

      it('GET /batch-credential-binding-jobs/{id}:listResults lists the jobs it made with their counts; 404', async () => {
        const params = { batch_credential_binding_job_id: batchId };
        const reply = await call('GET', BATCH_RESULTS, { params, query: { page_size: '1' } });
        expect(reply.status, reply.text).toBe(200);
        expect(reply.body.total_size).toBeGreaterThanOrEqual(1);
        const all = await call('GET', BATCH_RESULTS, { params });
        expect(all.status).toBe(200);
        expect((await call('GET', BATCH_RESULTS, { params: { batch_credential_binding_job_id: UNKNOWN_ID } })).status).toBe(404);
      });
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

      const UUID_PARAMS = new Set(['authenticator_config_id', 'theme_id']);
      /** An id for every path parameter below the realm; nothing it names exists. */
      const paramsOf = (path: string): Record<string, string> =>
        Object.fromEntries(
          [...path.matchAll(/\{(\w+|\*)\}/g)]
            .map(([, name = '']) => name)
            .filter((name) => name !== 'tenant_id' && name !== 'realm_id')
            .map((name) => [name, UUID_PARAMS.has(name) ? UNKNOWN_UUID : UNKNOWN_ID]),
        );

      const yonderOnly = (method: string, path: string) => `${method} ${path}` in YONDER_ONLY_ROUTES;

      it('the public routes are exactly the binding link and the hosted pages, all yonder-only', () => {
        const publicRoutes = documented.filter(isPublicRoute).map(({ method, path }) => `${method} ${path}`);
        expect(publicRoutes.sort()).toEqual(
          [INVOKE, ASSET, LIBRARY, SIGN_IN, SESSION, LAUNCHER]
            .map((p) => `GET ${p}`)
            .concat([REGISTRATION_OPTIONS, REGISTRATION, SIGN_IN_OPTIONS, SIGN_IN_VERIFY, SIGN_OUT].map((p) => `POST ${p}`))
            .sort(),
        );
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

      it('answers 403 in the contract shape to a token of another realm', async () => {
        const token = await y.mintToken(MANAGEMENT_SCOPES, { realmId: y.adminRealmId });
        expect((await call('GET', CONFIGS, { token })).status).toBe(403);
        expect((await call('GET', CREDENTIALS, { params: { identity_id: '-' }, token })).status).toBe(403);
        expect((await call('GET', ACTIVE_THEME, { token })).status).toBe(403);
      });

      it('declares the same scopes as the contract for every route the contract has', () => {
        expect(scopeMismatches(documented)).toEqual([]);
      });

      it('every documented passkey route is in the contract or listed as yonder-only, and was checked with a 2xx', () => {
        expect(routeCoverageProblems(documented, coverage, inPart)).toEqual([]);
      });

      it('every documented /v1 and /hosted route is claimed by exactly one contract test file (ROUTE_OWNERS)', () => {
        expect(routeOwnershipProblems(documentedRoutes(openapi, () => true))).toEqual([]);
      });
    });
  });
}
