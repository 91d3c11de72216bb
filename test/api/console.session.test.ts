import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_CSP } from '../../src/http/console/routes.js';
import { buildApp } from '../../src/http/app.js';
import { MANAGEMENT_SCOPES, TENANT_ADMINISTRATOR_SCOPES } from '../../src/domain/access/scopes.js';
import { type Reply, TestYonder, describeApi } from '../support/harness.js';
import {
  CONSOLE_HEADERS as CONSOLE,
  TEST_ORIGIN as ORIGIN,
  enrollThrough as enrollThroughLink,
  mintConsoleToken,
  signInWith,
} from '../support/console.js';
import type { SoftAuthenticator } from '../support/soft-authenticator.js';

/**
 * The Admin Console's server side, as the single-page app uses it: its configuration, a console
 * token minted from the hosted sign-in session (passkey enrolled through the bootstrap's link, with
 * a software authenticator), access that follows the admin realm's policy on every request, and
 * sign-out that ends the session and its tokens. Also the static serving of the built app.
 */
describeApi('console: session, token and sign-out', () => {
  let y: TestYonder;
  let consoleApp: string;
  let administrators: string;
  let adminId: string;
  let authenticator: SoftAuthenticator;

  const hosted = (realmId: string, rest: string) => `/hosted/tenants/${y.tenantId}/realms/${realmId}${rest}`;
  const claims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<string, any>;

  async function enrollThrough(link: string): Promise<SoftAuthenticator> {
    const { passkey, redirectUri } = await enrollThroughLink(y, link);
    expect(redirectUri).toBe(`${ORIGIN}/console/`);
    return passkey;
  }

  const signIn = (passkey: SoftAuthenticator, realmId = y.adminRealmId, applicationId: string | null = consoleApp) =>
    signInWith(y, passkey, realmId, applicationId);

  const mint = (cookie: string | null, headers: Record<string, string> = CONSOLE): Promise<Reply> => mintConsoleToken(y, cookie, headers);

  async function consoleToken(cookie: string): Promise<string> {
    const reply = await mint(cookie);
    expect(reply.status, reply.text).toBe(200);
    return reply.body.access_token as string;
  }

  async function eventsOf(type: string, realmId = y.adminRealmId) {
    const reply = await y.request('GET', y.realmPath(`/events?type=${type}`, realmId));
    expect(reply.status, reply.text).toBe(200);
    return reply.body.events as any[];
  }

  beforeAll(async () => {
    y = await TestYonder.start();
    const config = await y.request('GET', '/console/api/config', { token: null });
    consoleApp = config.body.console_application_id;
    const groups = await y.request('GET', y.realmPath('/groups', y.adminRealmId));
    administrators = groups.body.groups.find((g: { display_name: string }) => g.display_name === 'Administrators').id;
    expect(y.bootstrap.consoleLink).toBeTruthy();
    authenticator = await enrollThrough(y.bootstrap.consoleLink ?? '');
    const admins = await y.request('GET', y.realmPath('/identities?filter=traits.username eq "admin"', y.adminRealmId));
    adminId = admins.body.identities[0].id;
  });
  afterAll(async () => y?.close());

  it('GET /console/api/config names the bootstrap tenant, its admin realm, the Admin Console and its sign-in page', async () => {
    const reply = await y.request('GET', '/console/api/config', { token: null });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      tenant_id: y.tenantId,
      admin_realm_id: y.adminRealmId,
      console_application_id: consoleApp,
      sign_in_url: `/hosted/tenants/${y.tenantId}/realms/${y.adminRealmId}/sign-in?application_id=${consoleApp}&return_to=%2Fconsole%2F`,
    });
    const app = await y.request('GET', y.realmPath(`/applications/${consoleApp}`, y.adminRealmId));
    expect(app.body).toMatchObject({ display_name: 'Admin Console', is_managed: true });
    const page = await y.request('GET', reply.body.sign_in_url, { token: null });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
  });

  it('POST /console/api/token answers 401 not_signed_in without a session, 403 without the console header or from another origin', async () => {
    const none = await mint(null);
    expect(none.status).toBe(401);
    expect(none.body).toEqual({ code: 'not_signed_in', message: expect.any(String) });
    // Each says what to do: where to sign in.
    expect(none.body.message).toContain(`open ${ORIGIN}/console/ and sign in with your passkey`);
    const bogus = await mint('yonder_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(bogus.status).toBe(401);
    expect(bogus.body.code).toBe('not_signed_in');
    expect(bogus.body.message).toContain(`open ${ORIGIN}/console/ and sign in again with your passkey`);

    const cookie = await signIn(authenticator);
    const noHeader = await mint(cookie, {});
    expect(noHeader.status).toBe(403);
    expect(noHeader.body.code).toBe('forbidden');
    const crossSite = await mint(cookie, { ...CONSOLE, origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    const sameSite = await mint(cookie, { ...CONSOLE, origin: ORIGIN });
    expect(sameSite.status).toBe(200);
  });

  it('a session of another realm is not a console session (401)', async () => {
    const person = await y.createIdentity('default-person');
    const job = await y.request('POST', y.realmPath(`/identities/${person.id}/credential-binding-jobs`), {
      body: { job: { delivery_method: 'RETURN', post_binding_redirect_uri: `${ORIGIN}/console/` } },
    });
    const passkey = await enrollThrough(job.body.credential_binding_link);
    const cookie = await signIn(passkey, y.realmId, null);
    const reply = await mint(cookie);
    expect(reply.status).toBe(401);
    expect(reply.body.code).toBe('not_signed_in');
  });

  it('an administrator gets a 5-minute token with the scopes of their roles that reaches every realm, acting as the console', async () => {
    const cookie = await signIn(authenticator);
    const reply = await mint(cookie);
    expect(reply.status, reply.text).toBe(200);
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 300,
      // The Tenant Administrator role's: every management scope but applications:read-secrets.
      scope: TENANT_ADMINISTRATOR_SCOPES.join(' '),
      identity: { id: adminId, display_name: 'Administrator', username: 'admin' },
      tenant_id: y.tenantId,
      admin_realm_id: y.adminRealmId,
    });
    const token = reply.body.access_token as string;
    const jwt = claims(token);
    expect(jwt).toMatchObject({ sub: adminId, bi_t: y.tenantId, yonder_console: { sid: expect.any(String) } });
    expect(jwt.bi_r).toBeUndefined();
    expect(jwt.exp - jwt.iat).toBe(300);
    // The session's public id is not the cookie, nor anything the cookie can be found from.
    expect(JSON.stringify(jwt)).not.toContain(cookie.split('=')[1]);

    expect((await y.request('GET', y.realmPath('/identities'), { token })).status).toBe(200);
    expect((await y.request('GET', y.realmPath('/identities', y.adminRealmId), { token })).status).toBe(200);
    expect((await y.request('GET', `/v1/tenants/${y.tenantId}/realms`, { token })).status).toBe(200);

    const listed = await y.request('GET', y.realmPath(`/applications/${consoleApp}/tokens`, y.adminRealmId));
    expect(listed.body.tokens.map((t: { id: string; display_name: string }) => [t.id, t.display_name])).toContainEqual([jwt.jti, 'Console: admin']);
    // The contract's principal filter: a console token's principal is the person signed in.
    const byPrincipal = async (type: string, id: string) =>
      (
        await y.request('GET', y.realmPath(`/applications/${consoleApp}/tokens?principal_type=${type}&principal_id=${id}`, y.adminRealmId))
      ).body.tokens.map((t: { id: string }) => t.id);
    expect(await byPrincipal('identity', adminId)).toContain(jwt.jti);
    expect(await byPrincipal('identity', '0123456789abcdef')).toEqual([]);
    expect(await byPrincipal('application', consoleApp)).not.toContain(jwt.jti);

    // What the console does is on the audit trail as done by the person, in their session.
    const created = await y.request('POST', y.realmPath('/identities'), {
      token,
      body: { identity: { display_name: 'Made In Console', traits: { type: 'traits_v0', username: 'made-in-console' } } },
    });
    expect(created.status).toBe(200);
    const [event] = (await y.request('GET', y.realmPath(`/events?resource_id=${created.body.id}`))).body.events;
    expect(event.actor).toEqual({ type: 'console', identity_id: adminId, realm_id: y.adminRealmId, session_id: jwt.yonder_console.sid });
    const issued = (await eventsOf('console.token_issued')).find((e) => e.after.jti === jwt.jti);
    expect(issued).toMatchObject({ resource_id: adminId, actor: { type: 'console', identity_id: adminId, session_id: jwt.yonder_console.sid } });
  });

  it('scopes come from roles only: a role with fewer scopes, held directly, gives a token with just those', async () => {
    const person = await y.request('POST', y.realmPath('/identities', y.adminRealmId), {
      body: { identity: { display_name: 'Reader', traits: { type: 'traits_v0', username: 'reader' } } },
    });
    await y.request('POST', y.realmPath(`/groups/${administrators}:addMembers`, y.adminRealmId), { body: { identity_ids: [person.body.id] } });
    const servers = await y.request('GET', y.realmPath('/resource-servers', y.adminRealmId));
    const management = servers.body.resource_servers.find((s: { identifier: string }) => s.identifier === 'beyondidentity');
    const roles = await y.request('GET', y.realmPath(`/resource-servers/${management.id}/roles`, y.adminRealmId));
    const tenantAdmin = roles.body.roles.find((r: { display_name: string }) => r.display_name === 'Tenant Administrator');
    expect(tenantAdmin).toBeTruthy();
    // Reader is in Administrators (so may use the console) but the tenant-wide role is taken from
    // the group for this test and given back after; a reader role is theirs directly.
    const rolePath = (id: string, verb: string) => y.realmPath(`/resource-servers/${management.id}/roles/${id}:${verb}`, y.adminRealmId);
    const reader = await y.request('POST', y.realmPath(`/resource-servers/${management.id}/roles`, y.adminRealmId), {
      body: { role: { display_name: 'Reader' } },
    });
    expect((await y.request('POST', rolePath(reader.body.id, 'addScopes'), { body: { scopes: ['identities:read', 'realms:read'] } })).status).toBe(
      200,
    );
    expect((await y.request('POST', rolePath(reader.body.id, 'addMembers'), { body: { identity_ids: [person.body.id] } })).status).toBe(200);
    expect((await y.request('POST', rolePath(tenantAdmin.id, 'deleteMembers'), { body: { group_ids: [administrators] } })).status).toBe(200);
    try {
      const job = await y.request('POST', y.realmPath(`/identities/${person.body.id}/credential-binding-jobs`, y.adminRealmId), {
        body: { job: { delivery_method: 'RETURN', post_binding_redirect_uri: `${ORIGIN}/console/` } },
      });
      const cookie = await signIn(await enrollThrough(job.body.credential_binding_link));
      const reply = await mint(cookie);
      expect(reply.status, reply.text).toBe(200);
      expect(reply.body.scope.split(' ').sort()).toEqual(['identities:read', 'realms:read']);
      const token = reply.body.access_token as string;
      expect((await y.request('GET', y.realmPath('/identities'), { token })).status).toBe(200);
      expect((await y.request('GET', y.realmPath('/groups'), { token })).status).toBe(403);
    } finally {
      await y.request('POST', rolePath(tenantAdmin.id, 'addMembers'), { body: { group_ids: [administrators] } });
    }
  });

  it('removing someone from Administrators ends their console access on the next request', async () => {
    const cookie = await signIn(authenticator);
    const token = await consoleToken(cookie);
    expect((await y.request('GET', y.realmPath('/identities'), { token })).status).toBe(200);

    const removed = await y.request('POST', y.realmPath(`/groups/${administrators}:deleteMembers`, y.adminRealmId), {
      token: await y.mintToken(MANAGEMENT_SCOPES),
      body: { identity_ids: [adminId] },
    });
    expect(removed.status, removed.text).toBe(200);
    try {
      // The token is dead (401, so the console renews it), and renewing says why (403).
      const next = await y.request('GET', y.realmPath('/identities'), { token });
      expect(next.status).toBe(401);
      const again = await mint(cookie);
      expect(again.status).toBe(403);
      expect(again.body).toEqual({ code: 'forbidden', message: expect.stringMatching(/not allowed to use the Admin Console/) });
    } finally {
      await y.request('POST', y.realmPath(`/groups/${administrators}:addMembers`, y.adminRealmId), { body: { identity_ids: [adminId] } });
    }
    // Back in the group, the same token works again: access is decided per request, not remembered.
    expect((await y.request('GET', y.realmPath('/identities'), { token })).status).toBe(200);
  });

  it("a suspended administrator's console token stops working at once", async () => {
    const token = await consoleToken(await signIn(authenticator));
    const suspend = (status: string) => y.request('PATCH', y.realmPath(`/identities/${adminId}`, y.adminRealmId), { body: { identity: { status } } });
    expect((await suspend('suspended')).status).toBe(200);
    try {
      expect((await y.request('GET', y.realmPath('/identities'), { token })).status).toBe(401);
    } finally {
      expect((await suspend('active')).status).toBe(200);
    }
  });

  it('POST /console/api/sign-out ends the session, revokes its console tokens and clears the cookie', async () => {
    const cookie = await signIn(authenticator);
    const first = await consoleToken(cookie);
    const second = await consoleToken(cookie);
    const other = await consoleToken(await signIn(authenticator));

    const refused = await y.request('POST', '/console/api/sign-out', { token: null, headers: { cookie } });
    expect(refused.status).toBe(403);
    expect((await y.request('GET', y.realmPath('/identities'), { token: first })).status).toBe(200);

    const out = await y.request('POST', '/console/api/sign-out', { token: null, headers: { ...CONSOLE, cookie } });
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ signed_out: true });
    expect(String(out.headers['set-cookie'])).toMatch(/yonder_session=;.*Path=\//);
    for (const token of [first, second]) expect((await y.request('GET', y.realmPath('/identities'), { token })).status).toBe(401);
    expect((await mint(cookie)).status).toBe(401);
    expect((await y.request('GET', hosted(y.adminRealmId, '/session'), { headers: { cookie } })).status).toBe(401);
    // Another session of the same person is not touched.
    expect((await y.request('GET', y.realmPath('/identities'), { token: other })).status).toBe(200);

    const listed = await y.request('GET', y.realmPath(`/applications/${consoleApp}/tokens`, y.adminRealmId));
    const live = listed.body.tokens.map((t: { id: string }) => t.id);
    expect(live).not.toContain(claims(first).jti);
    expect(live).toContain(claims(other).jti);
    const [signedOut] = await eventsOf('console.signed_out');
    expect(signedOut).toMatchObject({
      resource_id: adminId,
      actor: { type: 'console', identity_id: adminId, session_id: claims(first).yonder_console.sid },
      after: { revoked_tokens: expect.arrayContaining([claims(first).jti, claims(second).jti]) },
    });

    // Signing out again, or without a session, is harmless.
    const twice = await y.request('POST', '/console/api/sign-out', { token: null, headers: { ...CONSOLE, cookie } });
    expect(twice.status).toBe(200);
  });

  it('signing out on the hosted page ends the console tokens of that session too', async () => {
    const cookie = await signIn(authenticator);
    const token = await consoleToken(cookie);
    expect((await y.request('POST', hosted(y.adminRealmId, '/sign-out'), { headers: { cookie, origin: ORIGIN } })).status).toBe(200);
    expect((await y.request('GET', y.realmPath('/identities'), { token })).status).toBe(401);
  });

  describe('the built app at /console', () => {
    let dir: string;
    let withBuild: FastifyInstance;
    let withoutBuild: FastifyInstance;
    const INDEX = '<!doctype html><html><head><script type="module" src="/console/assets/index-Ab12Cd34.js"></script></head><body></body></html>';

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'yonder-console-build-'));
      mkdirSync(join(dir, 'assets'));
      writeFileSync(join(dir, 'index.html'), INDEX);
      writeFileSync(join(dir, 'assets', 'index-Ab12Cd34.js'), 'console.log("console");');
      writeFileSync(join(dir, 'assets', 'index-Ef56Gh78.css'), 'body{}');
      writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
      withBuild = await buildApp(y.yonder, { consoleDir: dir });
      withoutBuild = await buildApp(y.yonder, { consoleDir: join(dir, 'missing') });
    });
    afterAll(async () => {
      await withBuild?.close();
      await withoutBuild?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('serves index.html for /console and any app route, with the strict CSP and no caching', async () => {
      for (const url of ['/console', '/console/', '/console/identities', '/console/realms/abc/identities/def', '/console/index.html']) {
        const reply = await withBuild.inject({ method: 'GET', url });
        expect(reply.statusCode, url).toBe(200);
        expect(reply.body).toBe(INDEX);
        expect(reply.headers['content-type']).toMatch(/^text\/html/);
        expect(reply.headers['cache-control']).toBe('no-store');
        expect(reply.headers['content-security-policy']).toBe(CONSOLE_CSP);
        expect(reply.headers['x-frame-options']).toBe('DENY');
      }
      expect(CONSOLE_CSP).toBe(
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'",
      );
    });

    it('serves hashed assets for a year, other files revalidated, and 404 for a file that is not there', async () => {
      const js = await withBuild.inject({ method: 'GET', url: '/console/assets/index-Ab12Cd34.js' });
      expect(js.statusCode).toBe(200);
      expect(js.headers['content-type']).toMatch(/^text\/javascript/);
      expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(js.body).toBe('console.log("console");');
      const css = await withBuild.inject({ method: 'GET', url: '/console/assets/index-Ef56Gh78.css' });
      expect(css.headers['content-type']).toMatch(/^text\/css/);
      const icon = await withBuild.inject({ method: 'GET', url: '/console/favicon.svg' });
      expect(icon.statusCode).toBe(200);
      expect(icon.headers['cache-control']).toBe('no-cache');
      for (const url of ['/console/assets/index-00000000.js', '/console/missing.png', '/console/assets/']) {
        expect((await withBuild.inject({ method: 'GET', url })).statusCode, url).toBe(404);
      }
      const api = await withBuild.inject({ method: 'GET', url: '/console/api/nothing' });
      expect(api.statusCode).toBe(404);
      expect(api.json()).toMatchObject({ code: 'not_found' });
    });

    it('serves nothing outside the build, however the path is spelled', async () => {
      for (const url of [
        '/console/../package.json',
        '/console/..%2f..%2fpackage.json',
        '/console/%2e%2e/%2e%2e/package.json',
        '/console/assets/..%2f..%2f..%2fpackage.json',
        '/console/.%2e/.%2e/src/app.ts',
      ]) {
        const reply = await withBuild.inject({ method: 'GET', url });
        expect(reply.body, url).not.toContain('"name": "yonder"');
        expect(reply.body, url).not.toContain('buildApp');
        expect(reply.statusCode, url).toBeLessThan(500);
      }
    });

    it('answers 503 with a page saying how to build when the console is not built', async () => {
      for (const url of ['/console', '/console/identities']) {
        const reply = await withoutBuild.inject({ method: 'GET', url });
        expect(reply.statusCode).toBe(503);
        expect(reply.headers['content-type']).toMatch(/^text\/html/);
        expect(reply.headers['content-security-policy']).toBe(CONSOLE_CSP);
        expect(reply.body).toContain('The console is not built: run <code>npm run build</code>');
      }
      // The API still answers: the console's state does not depend on its files.
      expect((await withoutBuild.inject({ method: 'GET', url: '/console/api/config' })).statusCode).toBe(200);
    });
  });
});
