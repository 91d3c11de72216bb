import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { ServerProcess, bannerExports, processEngines } from '../support/process.js';

/**
 * A real `yonder serve` over sockets, on each engine, under mixed load from many connections at
 * once while the machine's CPU is busy (a thread of this process spins the whole time): creates,
 * status PATCHes, reads and lists, v1 and SCIM. Not one request may answer 5xx, and every write
 * must be there afterwards. (An SQLite 500 was once seen under such load, 1 in 1,439 requests.)
 * Any 5xx fails the test with the server's error-level log lines, which name the cause. Heavier
 * runs: LOAD_CONNECTIONS and LOAD_ROUNDS.
 */
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 24);
const ROUNDS = Number(process.env.LOAD_ROUNDS ?? 12);

interface Tally {
  statuses: Map<number, number>;
  failures: string[];
}

async function call(tally: Tally, url: string, init: RequestInit): Promise<any> {
  const reply = await fetch(url, init);
  const text = await reply.text();
  tally.statuses.set(reply.status, (tally.statuses.get(reply.status) ?? 0) + 1);
  if (reply.status !== 200 && reply.status !== 201) {
    tally.failures.push(
      `${init.method ?? 'GET'} ${new URL(url).pathname} -> ${reply.status} ${reply.headers.get('x-request-id')}: ${text.slice(0, 200)}`,
    );
    return undefined;
  }
  return text ? JSON.parse(text) : undefined;
}

/** Spins one core until terminated, so the server competes for CPU as on a busy host. */
function busyThread(): Worker {
  return new Worker('for (;;) {}', { eval: true });
}

const { engines, cleanup } = processEngines();
afterAll(cleanup);

describe('mixed load from many connections on a busy CPU', () => {
  for (const engine of engines) {
    it(`[${engine.name}] ${CONNECTIONS} connections x ${ROUNDS} rounds of create, suspend, read, list, SCIM read and PATCH, and a PATCH of a shared identity: no 5xx, nothing lost`, async (context) => {
      if (!(await engine.available())) return context.skip();
      const server = await ServerProcess.start({ DATABASE_URL: await engine.database(), LOG_LEVEL: 'warn' });
      const spinner = busyThread();
      try {
        const vars = bannerExports(server.banner());
        const realm = `${server.url}/v1/tenants/${vars.TENANT_ID}/realms/${vars.REALM_ID}`;
        const headers = { authorization: `Bearer ${vars.YONDER_TOKEN}`, 'content-type': 'application/json' };
        const tally: Tally = { statuses: new Map(), failures: [] };
        // A few identities every connection PATCHes too: concurrent writes to the same rows.
        const hot: string[] = [];
        for (let h = 0; h < 4; h++) {
          const body = JSON.stringify({ identity: { display_name: `hot ${h}`, traits: { type: 'traits_v0', username: `hot-${h}` } } });
          hot.push((await call(tally, `${realm}/identities`, { method: 'POST', headers, body })).id);
        }

        const connection = async (c: number) => {
          for (let round = 0; round < ROUNDS; round++) {
            const username = `load-${c}-${round}`;
            const created = await call(tally, `${realm}/identities`, {
              method: 'POST',
              headers,
              body: JSON.stringify({
                identity: { display_name: username, traits: { type: 'traits_v0', username, primary_email_address: `${username}@example.com` } },
              }),
            });
            if (!created) continue;
            const one = `${realm}/identities/${created.id}`;
            await call(tally, one, { method: 'PATCH', headers, body: JSON.stringify({ identity: { status: 'suspended' } }) });
            await call(tally, one, { headers });
            await call(tally, `${realm}/identities?page_size=5&filter=${encodeURIComponent(`traits.username eq "${username}"`)}`, { headers });
            await call(tally, one, {
              method: 'PATCH',
              headers,
              body: JSON.stringify({ identity: { display_name: `${username} again`, status: 'active' } }),
            });
            await call(tally, `${realm}/scim/v2/Users/${created.id}`, { headers });
            await call(tally, `${realm}/scim/v2/Users/${created.id}`, {
              method: 'PATCH',
              headers: { ...headers, 'content-type': 'application/scim+json' },
              body: JSON.stringify({
                schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
                Operations: [{ op: 'replace', path: 'displayName', value: `${username} via SCIM` }],
              }),
            });
            const status = round % 2 === 0 ? 'suspended' : 'active';
            await call(tally, `${realm}/identities/${hot[(c + round) % hot.length]}`, {
              method: 'PATCH',
              headers,
              body: JSON.stringify({ identity: { status } }),
            });
          }
        };
        await Promise.all(Array.from({ length: CONNECTIONS }, (_, c) => connection(c)));

        const total = [...tally.statuses.values()].reduce((a, b) => a + b, 0);
        const fiveHundreds = [...tally.statuses].filter(([status]) => status >= 500).reduce((a, [, n]) => a + n, 0);
        const errorLines = server.stdout.split('\n').filter((line) => line.startsWith('{') && JSON.parse(line).level >= 50);
        process.stdout.write(
          `load [${engine.name}]: ${total} requests, statuses ${[...tally.statuses].map(([s, n]) => `${s}:${n}`).join(' ')}, ${fiveHundreds} 5xx\n`,
        );
        expect(tally.failures, `${tally.failures.slice(0, 10).join('\n')}\nserver errors:\n${errorLines.slice(0, 5).join('\n')}`).toEqual([]);
        expect(total).toBe(hot.length + CONNECTIONS * ROUNDS * 8);

        // Every write is there: all identities, every one active again under its new name.
        const list = await call(tally, `${realm}/identities?page_size=1&filter=${encodeURIComponent('traits.username sw "load-"')}`, { headers });
        expect(list.total_size).toBe(CONNECTIONS * ROUNDS);
        const suspended = await call(tally, `${realm}/scim/v2/Users?count=100&filter=${encodeURIComponent('active eq false')}`, { headers });
        expect(suspended.Resources.every((user: { userName: string }) => user.userName.startsWith('hot-'))).toBe(true);
      } finally {
        await spinner.terminate();
        await server.stop();
      }
    });
  }
});
