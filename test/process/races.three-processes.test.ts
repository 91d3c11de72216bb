import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerProcess, bannerExports, processEngines } from '../support/process.js';

/**
 * Races across processes: three yonder servers on one store behave as one service, on PostgreSQL
 * and on one SQLite file (whose writers take the file's lock in turn).
 */
const { engines, cleanup } = processEngines();
afterAll(cleanup);

for (const engine of engines)
  describe(`three yonder processes on one ${engine.name} store`, () => {
    const servers: ServerProcess[] = [];
    let vars: Record<string, string> = {};
    let skip = false;

    beforeAll(async () => {
      if (!(await engine.available())) {
        process.stdout.write(`SKIPPING three-process races [${engine.name}]: PostgreSQL unreachable\n`);
        skip = true;
        return;
      }
      const DATABASE_URL = await engine.database();
      // The first start bootstraps; the other two join the same store. One PUBLIC_URL for all three,
      // as behind a load balancer: tokens name it as their issuer.
      const env = { DATABASE_URL, LOG_LEVEL: 'warn', PUBLIC_URL: 'http://localhost:8080' };
      servers.push(await ServerProcess.start(env));
      vars = bannerExports(servers[0]?.banner() ?? '');
      servers.push(...(await Promise.all([1, 2].map(() => ServerProcess.start(env)))));
    }, 90_000);
    afterAll(async () => {
      await Promise.all(servers.map((s) => s.stop()));
    });

    const send = (i: number, method: string, rest: string, body?: unknown) =>
      fetch(`${servers[i % servers.length]?.url}/v1/tenants/${vars.TENANT_ID}/realms/${vars.REALM_ID}${rest}`, {
        method,
        headers: { authorization: `Bearer ${vars.YONDER_TOKEN}`, 'content-type': 'application/json' },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });

    it('1,000 concurrent creates of one username in mixed case make exactly one identity', { timeout: 120_000 }, async (context) => {
      if (skip) context.skip();
      const spellings = ['racer', 'RACER', 'Racer', 'rAcEr'];
      const statuses = await Promise.all(
        Array.from({ length: 1000 }, async (_, i) => {
          const username = spellings[i % spellings.length];
          const reply = await send(i, 'POST', '/identities', { identity: { display_name: 'r', traits: { type: 'traits_v0', username } } });
          await reply.arrayBuffer();
          return reply.status;
        }),
      );
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(999);
      const list = await send(0, 'GET', '/identities?filter=traits.username eq "racer"');
      expect(((await list.json()) as { total_size: number }).total_size).toBe(1);
    });

    it('concurrent membership changes through three processes end with the serial result', { timeout: 120_000 }, async (context) => {
      if (skip) context.skip();
      const ids: string[] = [];
      for (let i = 0; i < 60; i++) {
        const reply = await send(i, 'POST', '/identities', {
          identity: { display_name: `m${i}`, traits: { type: 'traits_v0', username: `member${i}` } },
        });
        ids.push(((await reply.json()) as { id: string }).id);
      }
      const group = (await (await send(0, 'POST', '/groups', { group: { display_name: 'Racers' } })).json()) as { id: string };
      // Client k adds identities 2k and 2k+1, then removes 2k+1; all clients also add the shared first four.
      const results = await Promise.all(
        Array.from({ length: 30 }, async (_, k) => {
          const add = await send(k, 'POST', `/groups/${group.id}:addMembers`, { identity_ids: [ids[2 * k], ids[2 * k + 1], ...ids.slice(0, 4)] });
          const remove = await send(k + 1, 'POST', `/groups/${group.id}:deleteMembers`, { identity_ids: [ids[2 * k + 1]] });
          return [add.status, remove.status];
        }),
      );
      expect(results.flat().every((s) => s === 200)).toBe(true);
      const expected = new Set([...ids.filter((_, i) => i % 2 === 0)]);
      // Identities 1 and 3 were added by everyone but removed by their owners; whether a later shared
      // add re-adds them depends on the serial order, so they are checked separately.
      const members = new Set<string>();
      let token = '';
      do {
        const page = (await (await send(2, 'GET', `/groups/${group.id}:listMembers?page_size=200${token ? `&page_token=${token}` : ''}`)).json()) as {
          identities: { id: string }[];
          next_page_token?: string;
        };
        for (const identity of page.identities) members.add(identity.id);
        token = page.next_page_token ?? '';
      } while (token);
      for (const id of expected) expect(members.has(id), id).toBe(true);
      const extra = [...members].filter((id) => !expected.has(id));
      expect(
        extra.every((id) => id === ids[1] || id === ids[3]),
        'only the shared odd ids may remain',
      ).toBe(true);
      expect(members.size).toBe(expected.size + extra.length);
    });

    it('concurrent policy PUTs on one version through three processes: exactly one wins', { timeout: 60_000 }, async (context) => {
      if (skip) context.skip();
      const current = (await (await send(0, 'GET', '/policy')).json()) as { version: number };
      const statuses = await Promise.all(
        Array.from({ length: 12 }, async (_, i) => {
          const reply = await send(i, 'PUT', '/policy', {
            policy: { version: current.version, rules: [{ name: `writer ${i}`, transaction: 'authentication', action: 'ALLOW', conditions: {} }] },
          });
          await reply.arrayBuffer();
          return reply.status;
        }),
      );
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(11);
      const after = (await (await send(1, 'GET', '/policy')).json()) as { version: number };
      expect(after.version).toBe(current.version + 1);
    });
  });
