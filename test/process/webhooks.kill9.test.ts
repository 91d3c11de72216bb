import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../src/domain/webhooks/signature.js';
import { ServerProcess, bannerExports, processEngines } from '../support/process.js';

const { engines, cleanup } = processEngines();
afterAll(cleanup);

interface Delivery {
  id: string;
  timestamp: number;
  signature: string;
  body: string;
}

/** A loopback receiver that keeps every delivery, duplicates included. */
async function startReceiver(): Promise<{ url: string; deliveries: Delivery[]; server: Server }> {
  const deliveries: Delivery[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      deliveries.push({
        id: String(request.headers['webhook-id']),
        timestamp: Number(request.headers['webhook-timestamp']),
        signature: String(request.headers['webhook-signature']),
        body: Buffer.concat(chunks).toString(),
      });
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, deliveries, server };
}

/**
 * Issue 20, acceptance 3: a receiver on loopback (WEBHOOKS_ALLOW_PRIVATE on) gets every event of a
 * run exactly as GET .../events lists them, in that order, with valid signatures; yonder is killed
 * with SIGKILL mid-run and restarted on the same store: nothing is missing, and a repeat is only
 * ever the same event under the same webhook-id.
 */
for (const engine of engines) {
  describe(`webhook delivery across kill -9 [${engine.name}]`, () => {
    it('delivers every event once or more, in order, signed, across a crash', { timeout: 120_000 }, async (context) => {
      if (!(await engine.available())) {
        process.stdout.write(`SKIPPING webhook delivery [${engine.name}]: PostgreSQL unreachable\n`);
        context.skip();
      }
      const receiver = await startReceiver();
      const env = {
        DATABASE_URL: await engine.database(),
        LOG_LEVEL: 'warn',
        PUBLIC_URL: 'http://localhost:8080',
        WEBHOOKS_ALLOW_PRIVATE: 'true',
        // A short timeout makes a short lease: the restarted process takes over the dead one's soon.
        WEBHOOKS_TIMEOUT_MS: '1000',
      };
      let server = await ServerProcess.start(env);
      try {
        const vars = bannerExports(server.banner());
        const headers = { authorization: `Bearer ${vars.YONDER_TOKEN}`, 'content-type': 'application/json' };
        const api = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, { headers, ...init });
        const created = await api(`/v1/tenants/${vars.TENANT_ID}/webhooks`, {
          method: 'POST',
          body: JSON.stringify({ webhook: { url: receiver.url } }),
        });
        expect(created.status).toBe(200);
        const hook = (await created.json()) as { id: string; secret: string };

        /** One change after another, each acknowledged before the next: their events commit in id order. */
        const change = async (n: number) => {
          try {
            const reply = await api(`/v1/tenants/${vars.TENANT_ID}/realms/${vars.REALM_ID}/identities`, {
              method: 'POST',
              body: JSON.stringify({ identity: { display_name: `Hooked ${n}`, traits: { type: 'traits_v0', username: `hooked${n}` } } }),
            });
            if (reply.status !== 200) return;
            const { id } = (await reply.json()) as { id: string };
            await api(`/v1/tenants/${vars.TENANT_ID}/realms/${vars.REALM_ID}/identities/${id}`, {
              method: 'PATCH',
              body: JSON.stringify({ identity: { display_name: `Renamed ${n}` } }),
            });
          } catch {
            // the server died under this request
          }
        };

        // Kill once the receiver has some of the run, while changes are still being made: a count, not a time.
        let n = 0;
        while (receiver.deliveries.length < 10) await change(n++);
        await server.kill();
        server = await ServerProcess.start(env);
        for (let i = 0; i < 10; i++) await change(n++);

        // Everything the tenant's realms list from the endpoint's creation on, oldest first.
        const listed = async () => {
          const realms = (await (await api(`/v1/tenants/${vars.TENANT_ID}/realms?page_size=200`)).json()) as { realms: { id: string }[] };
          const events: { id: string; type: string }[] = [];
          for (const realm of realms.realms) {
            let token = '';
            do {
              const page = (await (
                await api(`/v1/tenants/${vars.TENANT_ID}/realms/${realm.id}/events?page_size=200${token ? `&page_token=${token}` : ''}`)
              ).json()) as { events: { id: string; type: string }[]; next_page_token?: string };
              events.push(...page.events);
              token = page.next_page_token ?? '';
            } while (token !== '');
          }
          const first = events.find((e) => e.type === 'webhook.created')?.id ?? '';
          return events.filter((e) => e.id >= first).sort((a, b) => (a.id < b.id ? -1 : 1));
        };
        let expected = await listed();
        const deadline = Date.now() + 60_000;
        while (new Set(receiver.deliveries.map((d) => d.id)).size < expected.length && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        expected = await listed();

        const firstSeen = new Map<string, Delivery>();
        for (const delivery of receiver.deliveries) {
          expect(verifyWebhook(hook.secret, delivery, delivery.signature), `signature of ${delivery.id}`).toBe(true);
          const earlier = firstSeen.get(delivery.id);
          // A repeat is the same event: same id, same body.
          if (earlier) expect(delivery.body).toBe(earlier.body);
          else firstSeen.set(delivery.id, delivery);
          expect(JSON.parse(delivery.body).id).toBe(delivery.id);
        }
        expect([...firstSeen.keys()]).toEqual(expected.map((e) => e.id));
        for (const event of expected) expect(JSON.parse(firstSeen.get(event.id)?.body ?? '{}')).toEqual(event);
        expect(expected.length).toBeGreaterThan(20);
      } finally {
        await server.stop();
        receiver.server.close();
      }
    });
  });
}
