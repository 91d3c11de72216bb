import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { TestYonder, describeApi } from '../support/harness.js';

/**
 * A 5xx is a bug or an outage, and whoever runs yonder must be able to find out which: every 5xx
 * is logged at error level with the error's stack and the request id the client was answered
 * with (x-request-id), whichever door it came through. The store is closed under a running app
 * to make every door fail (a 503 there: test/api/store.lost.test.ts).
 */
describeApi('every 5xx logs its cause', () => {
  let y: TestYonder;
  let app: FastifyInstance;
  const lines: Record<string, any>[] = [];
  beforeAll(async () => {
    y = await TestYonder.start();
    const stream = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(JSON.parse(line));
        done();
      },
    });
    app = await buildApp(y.yonder, { logger: { level: 'info', stream } });
    await y.yonder.store.close();
  });
  afterAll(async () => {
    await app?.close();
    await y?.app.close();
    y?.yonder.mailer.close();
    await y?.databaseLocation.drop();
  });

  it('v1, SCIM, the OAuth token endpoint and the hosted pages: 5xx, and an error-level log line with the stack and request id', async () => {
    const realm = `/v1/tenants/${y.tenantId}/realms/${y.realmId}`;
    const requests: { method: 'GET' | 'POST'; url: string; payload?: string; headers: Record<string, string> }[] = [
      { method: 'GET', url: `${realm}/identities`, headers: { authorization: `Bearer ${y.token}` } },
      { method: 'GET', url: `${realm}/scim/v2/Users`, headers: { authorization: `Bearer ${y.token}` } },
      {
        method: 'POST',
        url: `${realm}/applications/0000000000000000/token`,
        payload: 'grant_type=client_credentials&client_id=a&client_secret=b',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
      {
        method: 'POST',
        url: `/hosted/tenants/${y.tenantId}/realms/${y.realmId}/sign-in/options`,
        payload: '{}',
        headers: { 'content-type': 'application/json' },
      },
    ];
    for (const [i, request] of requests.entries()) {
      const requestId = `five-hundred-${i}`;
      const reply = await app.inject({ ...request, headers: { ...request.headers, 'x-request-id': requestId } });
      expect(reply.statusCode, `${request.url}: ${reply.body}`).toBeGreaterThanOrEqual(500);
      expect(reply.headers['x-request-id']).toBe(requestId);
      expect(reply.body, 'no internals in the reply').not.toMatch(/at .*\.(js|ts):\d+/);
      const logged = lines.filter((line) => line.reqId === requestId && line.level >= 50);
      expect(logged.length, `${request.url}: ${JSON.stringify(lines.filter((l) => l.reqId === requestId))}`).toBeGreaterThan(0);
      expect(logged[0]?.err?.stack, request.url).toMatch(/\n\s+at /);
    }
  });
});
