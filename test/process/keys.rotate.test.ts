import { decodeProtectedHeader } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { ServerProcess, bannerExports, processEngines, runCli } from '../support/process.js';

const { engines, cleanup } = processEngines();
afterAll(cleanup);

const kidsOf = async (server: ServerProcess) =>
  ((await (await fetch(`${server.url}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] }).keys.map((key) => key.kid).sort();

for (const engine of engines) {
  describe(`yonder keys rotate [${engine.name}]`, () => {
    it('beside a running server: earlier tokens keep working, new ones carry the new kid, the server publishes both keys', async (context) => {
      if (!(await engine.available())) {
        process.stdout.write(`SKIPPING keys rotate [${engine.name}]: PostgreSQL unreachable\n`);
        context.skip();
      }
      const env = { DATABASE_URL: await engine.database(), PUBLIC_URL: 'http://localhost:8080' };
      const server = await ServerProcess.start(env);
      try {
        const vars = bannerExports(server.banner());
        const oldKid = decodeProtectedHeader(vars.YONDER_TOKEN!).kid!;
        expect(await kidsOf(server)).toEqual([oldKid]);

        const rotated = await runCli(['keys', 'rotate'], env);
        expect(rotated.code, rotated.stderr).toBe(0);
        const rotation = JSON.parse(rotated.stdout);
        expect(rotation.kid).not.toBe(oldKid);
        expect(rotation.retired.map((key: { kid: string }) => key.kid)).toEqual([oldKid]);

        const realm = `${server.url}/v1/tenants/${vars.TENANT_ID}/realms/${vars.REALM_ID}`;
        expect((await fetch(realm, { headers: { authorization: `Bearer ${vars.YONDER_TOKEN}` } })).status).toBe(200);
        const minted = await runCli(['token', 'create', '--scopes', 'realms:read'], env);
        const token = minted.stdout.trim();
        expect(decodeProtectedHeader(token).kid).toBe(rotation.kid);
        expect((await fetch(realm, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
        // The server reads its keys again within seconds; until then it still publishes the old set.
        const deadline = Date.now() + 30_000;
        while ((await kidsOf(server)).length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
        expect(await kidsOf(server)).toEqual([oldKid, rotation.kid].sort());
      } finally {
        await server.stop();
      }
    });
  });
}
