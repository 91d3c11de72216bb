import { afterAll, describe, expect, it } from 'vitest';
import { ServerProcess, bannerExports, processEngines, runCli } from '../support/process.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';

const { engines, cleanup } = processEngines();
afterAll(cleanup);

const LINK_LINE = /^Open this link to create the first administrator's passkey: (\S+)$/m;

for (const engine of engines) {
  describe(`console link [${engine.name}]`, () => {
    it('first start prints the admin enrollment link; it makes a passkey that signs in to the console; console-link replaces it and recreates admin', async (context) => {
      if (!(await engine.available())) {
        process.stdout.write(`SKIPPING console link [${engine.name}]: PostgreSQL unreachable\n`);
        context.skip();
      }
      const DATABASE_URL = await engine.database();
      const server = await ServerProcess.start({ DATABASE_URL });
      const publicUrl = server.url.replace('127.0.0.1', 'localhost');
      // Links name PUBLIC_URL (localhost); the server listens on 127.0.0.1.
      const local = (link: string) => link.replace(publicUrl, server.url);
      const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
        fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
      try {
        const vars = bannerExports(server.banner());
        const first = LINK_LINE.exec(server.banner())?.[1] ?? '';
        expect(first.startsWith(`${publicUrl}/v1/tenants/${vars.TENANT_ID}/realms/`), server.banner()).toBe(true);
        const page = await fetch(local(first));
        expect(page.status).toBe(200);
        expect(await page.text()).toContain('Create a passkey for Administrator');

        // console-link: a fresh link; the first one is withdrawn.
        const again = await runCli(['console-link'], { DATABASE_URL, PUBLIC_URL: publicUrl });
        expect(again.code, again.stderr).toBe(0);
        const second = again.stdout.trim();
        expect(second).not.toBe(first);
        expect(again.stderr).toContain('revoked 1 earlier console link');
        expect((await fetch(local(first))).status).toBe(410);

        // The new link makes a passkey, and it leads to the console, which it signs in to.
        const url = new URL(local(second));
        const base = url.pathname.replace(/^\/v1\//, '/hosted/').replace(/:invokeAuthenticator$/, '');
        const token = url.searchParams.get('token');
        const begun = (await (await post(`${base}/registration-options`, { token })).json()) as any;
        const passkey = new SoftAuthenticator(publicUrl);
        const made = await post(`${base}/registration`, { token, challenge_id: begun.challenge_id, response: passkey.register(begun.options) });
        expect(made.status).toBe(200);
        expect(((await made.json()) as any).redirect_uri).toBe(`${publicUrl}/console/`);
        const config = (await (await fetch(`${server.url}/console/api/config`)).json()) as any;
        const signInPage = await fetch(`${server.url}${config.sign_in_url}`);
        expect(signInPage.status).toBe(200);
        const hosted = `/hosted/tenants/${config.tenant_id}/realms/${config.admin_realm_id}`;
        const options = (await (await post(`${hosted}/sign-in/options`, { application_id: config.console_application_id })).json()) as any;
        const verified = await post(`${hosted}/sign-in/verify`, {
          challenge_id: options.challenge_id,
          response: passkey.authenticate(options.options),
        });
        expect(verified.status).toBe(200);
        const cookie = (verified.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
        const minted = await post('/console/api/token', {}, { cookie, 'x-yonder-console': '1' });
        expect(minted.status).toBe(200);
        const consoleToken = (await minted.json()) as { access_token: string; identity: { id: string; username: string } };
        expect(consoleToken.identity.username).toBe('admin');
        const realms = await fetch(`${server.url}/v1/tenants/${vars.TENANT_ID}/realms`, {
          headers: { authorization: `Bearer ${consoleToken.access_token}` },
        });
        expect(realms.status).toBe(200);

        // Deleted, admin comes back with the next console-link, again an Administrator: only
        // Administrators may enroll in the admin realm, so the link page opening proves it.
        const admin = `${server.url}/v1/tenants/${vars.TENANT_ID}/realms/${config.admin_realm_id}/identities/${consoleToken.identity.id}`;
        expect((await fetch(admin, { method: 'DELETE', headers: { authorization: `Bearer ${vars.YONDER_TOKEN}` } })).status).toBe(200);
        const recreated = await runCli(['console-link'], { DATABASE_URL, PUBLIC_URL: publicUrl });
        expect(recreated.code, recreated.stderr).toBe(0);
        expect(recreated.stderr).toContain('created the identity "admin"');
        const third = recreated.stdout.trim();
        const thirdPage = await fetch(local(third));
        expect(thirdPage.status).toBe(200);
        expect(await thirdPage.text()).toContain('Create a passkey for Administrator');
      } finally {
        expect(await server.stop()).toBe(0);
      }
    });
  });
}
