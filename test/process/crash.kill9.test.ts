import { afterAll, describe, expect, it } from 'vitest';
import { ServerProcess, bannerExports, processEngines } from '../support/process.js';

const { engines, cleanup } = processEngines();
afterAll(cleanup);

/**
 * Crash safety: every identity whose create was acknowledged with a 200 survives a `kill -9` of the
 * server in the middle of a create load.
 */
for (const engine of engines) {
  describe(`crash safety [${engine.name}]`, () => {
    it('kill -9 mid-load loses no acknowledged create', { timeout: 90_000 }, async (context) => {
      if (!(await engine.available())) {
        process.stdout.write(`SKIPPING crash safety [${engine.name}]: PostgreSQL unreachable\n`);
        context.skip();
      }
      const DATABASE_URL = await engine.database();
      const first = await ServerProcess.start({ DATABASE_URL, LOG_LEVEL: 'warn', PUBLIC_URL: 'http://localhost:8080' });
      const vars = bannerExports(first.banner());
      const path = `/v1/tenants/${vars.TENANT_ID}/realms/${vars.REALM_ID}/identities`;
      const headers = { authorization: `Bearer ${vars.YONDER_TOKEN}`, 'content-type': 'application/json' };

      const acknowledged: string[] = [];
      let stop = false;
      let n = 0;
      const worker = async () => {
        while (!stop) {
          const username = `crash${n++}`;
          try {
            const reply = await fetch(`${first.url}${path}`, {
              method: 'POST',
              headers,
              body: JSON.stringify({ identity: { display_name: username, traits: { type: 'traits_v0', username } } }),
            });
            if (reply.status === 200) acknowledged.push(((await reply.json()) as { id: string }).id);
          } catch {
            // the server died under this request: it was never acknowledged
          }
        }
      };
      const workers = Array.from({ length: 8 }, worker);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await first.kill();
      stop = true;
      await Promise.all(workers);
      expect(acknowledged.length).toBeGreaterThan(20);

      const second = await ServerProcess.start({ DATABASE_URL, LOG_LEVEL: 'warn', PUBLIC_URL: 'http://localhost:8080' });
      try {
        const missing: string[] = [];
        for (let i = 0; i < acknowledged.length; i += 40) {
          const ids = acknowledged.slice(i, i + 40);
          const filter = encodeURIComponent(ids.map((id) => `id eq "${id}"`).join(' or '));
          const reply = await fetch(`${second.url}${path}?page_size=200&filter=${filter}`, { headers });
          const found = new Set(((await reply.json()) as { identities: { id: string }[] }).identities.map((i) => i.id));
          missing.push(...ids.filter((id) => !found.has(id)));
        }
        expect(missing).toEqual([]);
      } finally {
        await second.stop();
      }
    });
  });
}
