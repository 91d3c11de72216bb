import { execFile } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { ServerProcess, bannerExports, processEngines, runCli } from '../support/process.js';

/** The banner's client-credentials curl line, run by a real shell with the banner's exports. */
function runTokenCurl(banner: string): Promise<string> {
  const start = banner.indexOf('curl -sS -u');
  const curl = banner.slice(start).split('\n\n')[0] ?? '';
  const exports = banner.match(/^export .*$/gm)?.join('\n') ?? '';
  return new Promise((resolve, reject) =>
    execFile('bash', ['-c', `${exports}\n${curl}`], { timeout: 15_000 }, (error, stdout) => (error ? reject(error) : resolve(stdout))),
  );
}

const { engines, cleanup } = processEngines();
afterAll(cleanup);

for (const engine of engines) {
  describe(`management API credentials [${engine.name}]`, () => {
    it('first start prints the client id and secret once; their token creates an identity; app credentials and :rotateSecret rotate; wrong secrets end in 429', async (context) => {
      if (!(await engine.available())) {
        process.stdout.write(`SKIPPING management API credentials [${engine.name}]: PostgreSQL unreachable\n`);
        context.skip();
      }
      const DATABASE_URL = await engine.database();
      const server = await ServerProcess.start({ DATABASE_URL, PUBLIC_URL: 'http://127.0.0.1:1' });
      try {
        const vars = bannerExports(server.banner());
        expect(vars.CLIENT_ID).toMatch(/^[\w-]{24}$/);
        expect(vars.CLIENT_SECRET).toMatch(/^[\w-]{43}$/);
        // The banner names PUBLIC_URL; talk to the real port instead.
        const banner = server.banner().replace(/http:\/\/127\.0\.0\.1:1\b/g, server.url);
        const issued = JSON.parse(await runTokenCurl(banner));
        expect(issued).toMatchObject({ token_type: 'Bearer' });

        const create = await fetch(`${server.url}/v1/tenants/${vars.TENANT_ID}/realms/${vars.REALM_ID}/identities`, {
          method: 'POST',
          headers: { authorization: `Bearer ${issued.access_token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ identity: { display_name: 'Scripted', traits: { type: 'traits_v0', username: 'scripted' } } }),
        });
        expect(create.status).toBe(200);
        expect(server.stdout).not.toContain(vars.CLIENT_SECRET);

        const rotated = await runCli(['app', 'credentials'], { DATABASE_URL });
        expect(rotated.code, rotated.stderr).toBe(0);
        const fresh = bannerExports(rotated.stdout);
        expect(fresh.CLIENT_ID).toBe(vars.CLIENT_ID);
        expect(fresh.CLIENT_SECRET).not.toBe(vars.CLIENT_SECRET);
        const tokenUrl = `${server.url}/v1/tenants/${vars.TENANT_ID}/realms/${vars.ADMIN_REALM_ID}/applications/${vars.APPLICATION_ID}/token`;
        const ask = (secret: string) =>
          fetch(tokenUrl, {
            method: 'POST',
            headers: {
              authorization: `Basic ${Buffer.from(`${vars.CLIENT_ID}:${secret}`).toString('base64')}`,
              'content-type': 'application/x-www-form-urlencoded',
            },
            body: 'grant_type=client_credentials&scope=identities%3Aread',
          });
        expect((await ask(vars.CLIENT_SECRET!)).status).toBe(401);
        expect((await ask(fresh.CLIENT_SECRET!)).status).toBe(200);

        // The API's :rotateSecret is the same operation: the secret the command printed stops working.
        const rotatedByApi = await fetch(
          `${server.url}/v1/tenants/${vars.TENANT_ID}/realms/${vars.ADMIN_REALM_ID}/applications/${vars.APPLICATION_ID}:rotateSecret`,
          { method: 'POST', headers: { authorization: `Bearer ${vars.YONDER_TOKEN}` } },
        );
        expect(rotatedByApi.status).toBe(200);
        const apiSecret = ((await rotatedByApi.json()) as { protocol_config: { client_secret: string } }).protocol_config.client_secret;
        expect((await ask(fresh.CLIENT_SECRET!)).status).toBe(401);
        expect((await ask(apiSecret)).status).toBe(200);

        // Acceptance 4 over real HTTP: wrong secrets in a row from one address end in 429 with Retry-After.
        const statuses: number[] = [];
        let retryAfter: string | null = null;
        for (let i = 0; i < 50; i++) {
          const reply = await ask(`wrong-${i}`);
          statuses.push(reply.status);
          if (reply.status === 429) retryAfter = reply.headers.get('retry-after');
        }
        expect(statuses.filter((s) => s === 401).length).toBeGreaterThan(0);
        expect(statuses.at(-1)).toBe(429);
        expect(Number(retryAfter)).toBeGreaterThan(0);
      } finally {
        expect(await server.stop()).toBe(0);
      }
    });
  });
}
