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

      // The server is killed once this many creates have been acknowledged, with eight more in
      // flight: a count, not a time, so a slow machine changes nothing but how long it takes.
      const KILL_AFTER = 40;
      const acknowledged: string[] = [];
      let enoughAcknowledged!: () => void;
      const killTime = new Promise<void>((resolve) => (enoughAcknowledged = resolve));
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
            if (acknowledged.length >= KILL_AFTER) enoughAcknowledged();
          } catch {
            // the server died under this request: it was never acknowledged
          }
        }
      };
      const workers = Array.from({ length: 8 }, worker);
      await killTime;
      await first.kill();
      stop = true;
      await Promise.all(workers);
      expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);

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
