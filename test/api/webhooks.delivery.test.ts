import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyWebhook } from '../../src/domain/webhooks/signature.js';
import { type DeliveryWorker, startWebhookDelivery } from '../../src/services/webhooks/delivery.js';
import { TestYonder, describeApi } from '../support/harness.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * Delivery to a loopback receiver (WEBHOOKS_ALLOW_PRIVATE on): every event of the tenant from the
 * endpoint's creation on, in the order GET .../events lists them, signed; a failure backs off and
 * the same event (same webhook-id) comes again; the filter skips what the endpoint does not want.
 */
describeApi('webhooks: delivery', () => {
  let y: TestYonder;
  let server: Server;
  let receiverUrl: string;
  let worker: DeliveryWorker;
  const received: Received[] = [];
  let answer = 204;

  beforeAll(async () => {
    y = await TestYonder.start(undefined, { config: { webhooksAllowPrivate: true, webhooksTimeoutMs: 2000 } });
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        received.push({ headers: request.headers, body: Buffer.concat(chunks).toString() });
        response.writeHead(answer).end('a body nobody reads');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    // The timer's interval is long: each step below runs the worker itself.
    worker = startWebhookDelivery(
      y.yonder,
      (error) => {
        throw error;
      },
      3_600_000,
    );
  });
  afterAll(async () => {
    await worker?.stop();
    server?.close();
    await y?.close();
  });

  const base = () => `/v1/tenants/${y.tenantId}/webhooks`;

  /** The tenant's events (both realms in play) from `firstId` on, oldest first, as GET .../events lists them. */
  async function listedSince(firstId: string): Promise<{ id: string }[]> {
    const all: { id: string }[] = [];
    for (const realm of [y.adminRealmId, y.realmId]) {
      const page = await y.request('GET', `/v1/tenants/${y.tenantId}/realms/${realm}/events?page_size=200`);
      all.push(...page.body.events);
    }
    return all.filter((e) => e.id >= firstId).sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  it('delivers every event from the endpoint’s creation on, in order, signed', async () => {
    const created = await y.request('POST', base(), { body: { webhook: { url: receiverUrl } } });
    expect(created.status, created.text).toBe(200);
    const secret = created.body.secret as string;
    const people = [];
    for (let i = 0; i < 4; i++) people.push(await y.createIdentity(`hooked${i}`));
    await y.request('PATCH', y.realmPath(`/identities/${people[0]?.id}`), { body: { identity: { display_name: 'Renamed' } } });
    await y.request('DELETE', y.realmPath(`/identities/${people[1]?.id}`));

    await worker.runOnce();
    const events = await y.request('GET', `/v1/tenants/${y.tenantId}/realms/${y.adminRealmId}/events?type=webhook.created`);
    const firstId = events.body.events[0].id as string;
    const listed = await listedSince(firstId);
    expect(listed.length).toBe(7);
    expect(received.map((r) => r.headers['webhook-id'])).toEqual(listed.map((e) => e.id));
    for (const [i, r] of received.entries()) {
      expect(JSON.parse(r.body)).toEqual(listed[i]);
      const content = { id: String(r.headers['webhook-id']), timestamp: Number(r.headers['webhook-timestamp']), body: r.body };
      expect(verifyWebhook(secret, content, String(r.headers['webhook-signature']))).toBe(true);
      expect(verifyWebhook(secret, { ...content, body: `${r.body} ` }, String(r.headers['webhook-signature']))).toBe(false);
    }
    const status = await y.request('GET', `${base()}/${created.body.id}`);
    expect(status.body.status).toMatchObject({ cursor_event_id: listed.at(-1)?.id, failure_count: 0, last_status_code: 204, last_error: null });
    const deliveries = await y.request('GET', `${base()}/${created.body.id}/deliveries`);
    expect(deliveries.body.deliveries).toHaveLength(7);
    expect(deliveries.body.deliveries[0]).toMatchObject({ event_id: listed.at(-1)?.id, succeeded: true, status_code: 204, attempt: 1 });
    expect(JSON.stringify(deliveries.body)).not.toContain(secret);
  });

  it('a failed attempt backs off, and the same event comes again once the receiver answers', async () => {
    const [hook] = (await y.request('GET', base())).body.webhooks;
    received.length = 0;
    answer = 500;
    const person = await y.createIdentity('while-failing');
    await worker.runOnce();
    expect(received).toHaveLength(1);
    const failedId = received[0]?.headers['webhook-id'];
    const failing = (await y.request('GET', `${base()}/${hook.id}`)).body.status;
    expect(failing).toMatchObject({ failure_count: 1, last_status_code: 500, last_error: 'the receiver answered 500' });
    expect(failing.next_attempt_time).not.toBeNull();
    // Backing off: another run before the retry time posts nothing.
    await worker.runOnce();
    expect(received).toHaveLength(1);

    answer = 200;
    // Re-enabling retries at once rather than after the backoff.
    await y.request('PATCH', `${base()}/${hook.id}`, { body: { webhook: { enabled: true } } });
    await worker.runOnce();
    expect(received.map((r) => r.headers['webhook-id'])[1]).toBe(failedId);
    expect(JSON.parse(received[1]?.body ?? '{}')).toMatchObject({ type: 'identity.created', resource_id: person.id });
    expect(received.map((r) => JSON.parse(r.body).type)).toEqual(['identity.created', 'identity.created', 'webhook.updated']);
    const recovered = (await y.request('GET', `${base()}/${hook.id}`)).body.status;
    expect(recovered).toMatchObject({ failure_count: 0, next_attempt_time: null, last_status_code: 200 });
    const attempts = (await y.request('GET', `${base()}/${hook.id}/deliveries`)).body.deliveries;
    expect(attempts.filter((d: { event_id: string }) => d.event_id === failedId).map((d: { attempt: number }) => d.attempt)).toEqual([2, 1]);
  });

  it('an endpoint’s filter skips the types it does not want; a private address is refused at delivery unless allowed', async () => {
    const filtered = await y.request('POST', base(), {
      body: { webhook: { url: `${receiverUrl}?only=deleted`, event_types: ['identity.deleted'] } },
    });
    await worker.runOnce();
    received.length = 0;
    const person = await y.createIdentity('filtered');
    await y.request('DELETE', y.realmPath(`/identities/${person.id}`));
    await worker.runOnce();
    const toFiltered = received.filter((r) => JSON.parse(r.body).type === 'identity.deleted');
    expect(toFiltered).toHaveLength(2);
    expect(received).toHaveLength(3);

    y.yonder.config.webhooksAllowPrivate = false;
    try {
      await y.createIdentity('refused');
      await worker.runOnce();
      const status = (await y.request('GET', `${base()}/${filtered.body.id}`)).body.status;
      expect(status.failure_count).toBe(0);
      const [first] = (await y.request('GET', base())).body.webhooks;
      expect(first.status.last_error).toMatch(/^refused: /);
      expect(first.status.last_status_code).toBeNull();
    } finally {
      y.yonder.config.webhooksAllowPrivate = true;
    }
  });

  it('two workers on one store (as two processes) never post the same event twice: the lease gives each endpoint to one', async () => {
    const second = startWebhookDelivery(
      y.yonder,
      (error) => {
        throw error;
      },
      3_600_000,
    );
    try {
      // The last test left the first endpoint backing off: re-enabling it retries at once.
      const [first] = (await y.request('GET', base())).body.webhooks;
      await y.request('PATCH', `${base()}/${first.id}`, { body: { webhook: { enabled: true } } });
      await Promise.all([worker.runOnce(), second.runOnce()]);
      received.length = 0;
      for (let i = 0; i < 6; i++) await y.createIdentity(`leased${i}`);
      await Promise.all([worker.runOnce(), second.runOnce(), worker.runOnce(), second.runOnce()]);
      await Promise.all([worker.runOnce(), second.runOnce()]);
      // The endpoint taking every event got each of the six creates exactly once, in order.
      const created = received.filter((r) => JSON.parse(r.body).type === 'identity.created').map((r) => r.headers['webhook-id']);
      expect(created).toHaveLength(6);
      expect(new Set(created).size).toBe(6);
      expect([...created].sort()).toEqual(created);
    } finally {
      await second.stop();
    }
  });
});
