import { afterAll, describe, expect, it } from 'vitest';
import { ServerProcess, bannerExports, processEngines } from '../support/process.js';

const { engines, cleanup } = processEngines();
afterAll(cleanup);

/**
 * `yonder serve` with LOG_LEVEL=debug, as an operator chasing a problem runs it: the log it writes
 * to stdout and stderr (its own logger configuration, not a test's) holds none of the secrets the
 * flows carrying them handle: the first start's admin token, client secret and console link, the
 * link opened, the client-credentials grant, an application created with a secret, its rotation
 * and its read-back with applications:read-secrets.
 */
for (const engine of engines) {
  describe(`logs at LOG_LEVEL=debug [${engine.name}]`, () => {
    it('yonder serve writes no secret, token or link to stdout or stderr while those flows run', async (context) => {
      if (!(await engine.available())) {
        process.stdout.write(`SKIPPING logs at LOG_LEVEL=debug [${engine.name}]: PostgreSQL unreachable\n`);
        context.skip();
      }
      const server = await ServerProcess.start({ DATABASE_URL: await engine.database(), LOG_LEVEL: 'debug', PUBLIC_URL: 'http://localhost:8080' });
      try {
        const banner = server.banner();
        const vars = bannerExports(banner);
        const consoleLink = new URL(/https?:\/\/\S+:invokeAuthenticator\?token=\S+/.exec(banner)?.[0] ?? '');
        const secrets = [vars.YONDER_TOKEN, vars.CLIENT_SECRET, consoleLink.searchParams.get('token')];
        const call = (method: string, path: string, init: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: string } = {}) =>
          fetch(`${server.url}${path}`, {
            method,
            headers: {
              ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
              ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
              ...init.headers,
            },
            ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : init.raw !== undefined ? { body: init.raw } : {}),
          });

        expect((await call('GET', `${consoleLink.pathname}${consoleLink.search}`)).status).toBeLessThan(500);
        const admin = `/v1/tenants/${vars.TENANT_ID}/realms/${vars.ADMIN_REALM_ID}`;
        const issued = await call('POST', `${admin}/applications/${vars.APPLICATION_ID}/token`, {
          headers: {
            authorization: `Basic ${Buffer.from(`${vars.CLIENT_ID}:${vars.CLIENT_SECRET}`).toString('base64')}`,
            'content-type': 'application/x-www-form-urlencoded',
          },
          raw: 'grant_type=client_credentials',
        });
        expect(issued.status).toBe(200);
        const managementToken = ((await issued.json()) as { access_token: string }).access_token;
        secrets.push(managementToken);

        const realm = `/v1/tenants/${vars.TENANT_ID}/realms/${vars.REALM_ID}`;
        const created = await call('POST', `${realm}/applications`, {
          token: vars.YONDER_TOKEN,
          body: { application: { display_name: 'Logged app', protocol_config: { type: 'oidc' } } },
        });
        expect(created.status).toBe(200);
        const app = (await created.json()) as { id: string; protocol_config: { client_secret: string } };
        const rotated = await call('POST', `${realm}/applications/${app.id}:rotateSecret`, { token: vars.YONDER_TOKEN });
        expect(rotated.status).toBe(200);
        const newSecret = ((await rotated.json()) as { protocol_config: { client_secret: string } }).protocol_config.client_secret;
        // The Management API application's own token reads secrets back, as Beyond Identity's CLI does.
        const read = await call('GET', `${realm}/applications/${app.id}`, { token: managementToken });
        expect(((await read.json()) as { protocol_config: { client_secret?: string } }).protocol_config.client_secret).toBe(newSecret);
        secrets.push(app.protocol_config.client_secret, newSecret);

        const log = `${server.stdout}\n${server.stderr}`;
        // The log did record these requests (so the absence below means something), at debug level.
        expect(log).toContain(':invokeAuthenticator?token=[redacted]');
        expect(log).toContain(':rotateSecret');
        for (const secret of secrets) {
          expect(secret?.length ?? 0).toBeGreaterThan(20);
          expect(log).not.toContain(secret);
        }
      } finally {
        await server.stop();
      }
    });
  });
}
