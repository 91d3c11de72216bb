import { afterAll, beforeAll, expect, it } from 'vitest';
import { RATE_LIMITS } from '../../src/domain/rate-limit.js';
import { TestYonder, describeApi } from '../support/harness.js';
import { basicAuth, createClientApplication, postForm } from '../support/oauth-client.js';
import { bindingJob, burst, hostedPath, madeUpLink, tally } from '../support/rate-limits.js';

/**
 * Every limit holds when its requests arrive all at once, not only one after another: each burst
 * is sent in parallel, half through a second app on the same store (a second process's view), and
 * exactly `limit` requests may get through. A check-then-count limiter lets the whole burst
 * through on PostgreSQL, where the requests really run side by side. Each test uses addresses of
 * its own, since counters outlive the test.
 */
describeApi('rate limits: bursts of parallel requests', () => {
  let y: TestYonder;
  let other: TestYonder;
  let robot: Awaited<ReturnType<typeof createClientApplication>>;

  beforeAll(async () => {
    y = await TestYonder.start();
    other = await TestYonder.start(y.databaseLocation);
    robot = await createClientApplication(y);
  });
  afterAll(async () => {
    await other?.stop();
    await y?.close();
  });

  const via = (i: number) => (i % 2 === 0 ? y : other);
  const grant = (on: TestYonder, client: { clientId: string; path: string }, secret: string, address: string) =>
    postForm(on, `${client.path}/token`, { grant_type: 'client_credentials' }, basicAuth(client.clientId, secret), address);
  const statuses = (replies: { status: number }[]) => tally(replies.map((r) => r.status));

  it('100 concurrent wrong secrets for one client from one address: exactly 20 answer 401, the other 80 answer 429', async () => {
    const { limit } = RATE_LIMITS.clientFailuresPerAddress;
    const replies = await burst(100, (i) => grant(via(i), robot, `wrong-${i}`, '203.0.113.20'));
    expect(statuses(replies)).toEqual({ 401: limit, 429: 100 - limit });
    expect((await grant(y, robot, robot.clientSecret, '203.0.113.20')).status).toBe(429);
    expect((await grant(y, robot, robot.clientSecret, '198.51.100.20')).status).toBe(200);
  });

  it('the right secret amid 99 wrong ones for one client and address: still exactly 20 wrong ones answer 401', async () => {
    const { limit } = RATE_LIMITS.clientFailuresPerAddress;
    const right = 50;
    const replies = await burst(100, (i) => grant(via(i), robot, i === right ? robot.clientSecret : `wrong-${i}`, '203.0.113.21'));
    const wrong = replies.filter((_, i) => i !== right);
    expect(statuses(wrong)).toEqual({ 401: limit, 429: 99 - limit });
    // The right secret is let in only if fewer than `limit` failures were counted before it.
    expect([200, 429]).toContain(replies[right]?.status);
  });

  it('wrong secrets for eight clients of a realm from one address, all at once: exactly 100 answer 401', async () => {
    const { limit } = RATE_LIMITS.clientFailuresFromAddress;
    const clients = await Promise.all(Array.from({ length: 8 }, () => createClientApplication(y)));
    // 15 each: no client reaches its own limit of 20, so only the realm's per-address count refuses.
    const replies = await burst(120, (i) => grant(via(i), clients[i % 8]!, 'wrong', '203.0.113.22'));
    expect(statuses(replies)).toEqual({ 401: limit, 429: 120 - limit });
  });

  it('130 made-up client ids from one address at once: exactly 100 answer 401, and a real client sent amid them is let in', async () => {
    const { limit } = RATE_LIMITS.unknownClientsFromAddress;
    const real = await createClientApplication(y);
    const replies = await burst(131, (i) =>
      i === 65 ? grant(via(i), real, real.clientSecret, '203.0.113.23') : grant(via(i), { ...robot, clientId: `made-up-${i}` }, 'x', '203.0.113.23'),
    );
    expect(replies[65]?.status).toBe(200);
    expect(statuses(replies.filter((_, i) => i !== 65))).toEqual({ 401: limit, 429: 130 - limit });
  });

  it('a right secret sent amid a burst of failures for other clients from its address is let in', async () => {
    const clients = await Promise.all(Array.from({ length: 6 }, () => createClientApplication(y)));
    const clean = await createClientApplication(y);
    const replies = await burst(151, (i) =>
      i === 150 ? grant(via(i), clean, clean.clientSecret, '203.0.113.24') : grant(via(i), clients[i % 6]!, 'wrong', '203.0.113.24'),
    );
    expect(replies[150]?.status).toBe(200);
    expect(statuses(replies.slice(0, 150))[429]).toBeGreaterThan(0);
  });

  it('40 concurrent requests for one binding job from 40 addresses: exactly 30 get through', async () => {
    const { limit } = RATE_LIMITS.enrollmentPerJob;
    const job = await bindingJob(y, 'burst-job');
    const replies = await burst(40, (i) => via(i).request('GET', `${job.linkPath}?token=guess${i}`, { token: null, remoteAddress: `192.0.2.${i + 1}` }));
    expect(replies.filter((r) => r.status !== 429)).toHaveLength(limit);
    expect(replies.filter((r) => r.status === 429)).toHaveLength(40 - limit);
  });

  it('310 concurrent enrollment requests in one realm from one address: exactly 300 get through', async () => {
    const { limit } = RATE_LIMITS.enrollmentFromAddress;
    const job = await bindingJob(y, 'burst-scan');
    const replies = await burst(limit + 10, (i) =>
      via(i).request('GET', madeUpLink(job.linkPath, `made-up-${i}`), { token: null, remoteAddress: '192.0.2.210' }),
    );
    expect(replies.filter((r) => r.status !== 429)).toHaveLength(limit);
    expect(replies.filter((r) => r.status === 429)).toHaveLength(10);
  });

  it('310 concurrent sign-in requests to one realm from one address: exactly 300 get through', async () => {
    const { limit } = RATE_LIMITS.signInFromAddress;
    const replies = await burst(limit + 10, (i) =>
      via(i).request('POST', hostedPath(y, '/sign-in/options'), { token: null, body: {}, remoteAddress: '192.0.2.211' }),
    );
    expect(statuses(replies)).toEqual({ 200: limit, 429: 10 });
  });

  it('hosted requests naming made-up realms from one address, all at once: exactly the limit get through', async () => {
    const { limit } = RATE_LIMITS.unknownRealmsFromAddress;
    const replies = await burst(limit + 10, (i) =>
      via(i).request('POST', hostedPath(y, '/sign-in/options', `made-up-realm-${i}`), { token: null, body: {}, remoteAddress: '192.0.2.212' }),
    );
    expect(statuses(replies)).toEqual({ 404: limit, 429: 10 });
  });
});
