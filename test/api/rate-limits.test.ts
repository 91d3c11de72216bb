import { afterAll, beforeAll, expect, it } from 'vitest';
import { RATE_LIMITS } from '../../src/domain/access/rate-limit.js';
import { pruneRateLimits } from '../../src/services/access/rate-limits.js';
import { type Reply, TestYonder, describeApi } from '../support/harness.js';
import { basicAuth, createClientApplication, postForm } from '../support/oauth-client.js';
import { type Racer, bindingJob, madeUpLink, racerOf } from '../support/races.js';

/**
 * One rate-limit mechanism, counted in the store's `rate_limits` table so that every process on a
 * database shares the counts: failed client authentications at the token endpoint (per client and
 * address, per realm and address, and made-up client ids per address), and the hosted passkey
 * enrollment and sign-in (per realm and address, and per binding job). Each test uses its own
 * addresses, since counters live as long as their window. Bursts: rate-limits.concurrency; what a
 * stranger cannot lock out: rate-limits.fairness.
 */
describeApi('rate limits: shared counters, 429 with Retry-After', () => {
  let y: TestYonder;
  let other: TestYonder;
  let robot: Awaited<ReturnType<typeof createClientApplication>>;
  let racer: Racer;

  beforeAll(async () => {
    y = await TestYonder.start();
    other = await TestYonder.start(y.databaseLocation);
    robot = await createClientApplication(y);
    racer = racerOf([y]);
  });
  afterAll(async () => {
    await other?.stop();
    await y?.close();
  });

  const grant = (secret: string, address: string, on: TestYonder = y, clientId = robot.clientId) =>
    postForm(on, `${robot.path}/token`, { grant_type: 'client_credentials' }, basicAuth(clientId, secret), address);

  function expectRetryAfter(reply: Reply, windowSeconds: number) {
    const seconds = Number(reply.headers['retry-after']);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(windowSeconds);
  }

  it('a stranger who knows a client id cannot lock the real client out from another address', async () => {
    const { limit, windowSeconds } = RATE_LIMITS.clientFailuresPerAddress;
    const statuses: number[] = [];
    let last: Reply | undefined;
    for (let i = 0; i < limit + 5; i++) {
      last = await grant(`wrong-${i}`, '203.0.113.7', i % 2 === 0 ? y : other);
      statuses.push(last.status);
    }
    expect(statuses.slice(0, limit).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(limit).every((s) => s === 429)).toBe(true);
    expect(last!.body.error).toBe('invalid_client');
    expectRetryAfter(last!, windowSeconds);
    // The stranger's address is locked for this client, even with the right secret...
    expect((await grant(robot.clientSecret, '203.0.113.7')).status).toBe(429);
    // ...but the client itself, from its own address, is not.
    const real = await grant(robot.clientSecret, '198.51.100.1');
    expect(real.status, real.text).toBe(200);
  });

  it('made-up client ids from one address are refused past their limit, in every process, with Retry-After', async () => {
    const { limit, windowSeconds } = RATE_LIMITS.unknownClientsFromAddress;
    for (let i = 0; i < limit; i++) {
      const reply = await grant('wrong', '203.0.113.8', i % 2 === 0 ? y : other, `made-up-client-${i}`);
      expect(reply.status).toBe(401);
    }
    const refused = await grant('wrong', '203.0.113.8', y, 'made-up-client-last');
    expect(refused.status).toBe(429);
    expect(refused.body.error).toBe('invalid_client');
    expectRetryAfter(refused, windowSeconds);
  });

  it('successful client authentications are not counted', async () => {
    for (let i = 0; i < RATE_LIMITS.clientFailuresPerAddress.limit + 5; i++) {
      expect((await grant(robot.clientSecret, '198.51.100.3')).status).toBe(200);
    }
  });

  it('revocation and introspection share the failed-authentication limit of the client', async () => {
    const address = '203.0.113.9';
    for (let i = 0; i < RATE_LIMITS.clientFailuresPerAddress.limit; i++) {
      const reply = await postForm(y, `${robot.path}/revoke`, { token: 'x' }, basicAuth(robot.clientId, 'wrong'), address);
      expect(reply.status).toBe(401);
    }
    const introspect = await postForm(y, y.realmPath('/introspect'), { token: 'x' }, basicAuth(robot.clientId, robot.clientSecret), address);
    expect(introspect.status).toBe(429);
  });

  it('the binding link of one job answers a page with 429 and Retry-After past its limit; other jobs are not affected', async () => {
    const { limit, windowSeconds } = RATE_LIMITS.enrollmentPerJob;
    const guessed = await bindingJob(racer, 'guessed');
    for (let i = 0; i < limit; i++) {
      // Guesses of the link token from many addresses: each is a 4xx page, and each counts for the job.
      const reply = await y.request('GET', `${guessed.linkPath}?token=guess${i}`, { token: null, remoteAddress: `192.0.2.${i + 1}` });
      expect(reply.status).toBeLessThan(429);
    }
    const page = await y.request('GET', guessed.link, { token: null, remoteAddress: '192.0.2.200' });
    expect(page.status).toBe(429);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('data-reason="rate_limited"');
    expect(page.text).toContain('Too many attempts');
    expectRetryAfter(page, windowSeconds);
    // The ceremony endpoints of that job are refused in JSON, with the reason the page script shows.
    const options = await y.request('POST', `${guessed.hosted}/registration-options`, { token: null, body: { token: guessed.token } });
    expect(options.status).toBe(429);
    expect(options.body).toMatchObject({ code: 'too_many_requests', reason: 'rate_limited' });
    expectRetryAfter(options, windowSeconds);

    const fresh = await bindingJob(racer, 'fresh');
    expect((await y.request('GET', fresh.link, { token: null, remoteAddress: '192.0.2.201' })).status).toBe(200);
  });

  it('enrollment requests from one address to one realm are limited across jobs, in every process', async () => {
    const { limit } = RATE_LIMITS.enrollmentFromAddress;
    const job = await bindingJob(racer, 'scanned');
    for (let i = 0; i < limit; i++) {
      // A scan of made-up job ids: each has a counter of its own, all count for the address.
      const reply = await (i % 2 === 0 ? y : other).request('GET', madeUpLink(job.linkPath, `made-up-${i}`), {
        token: null,
        remoteAddress: '192.0.2.250',
      });
      expect(reply.status).toBeLessThan(429);
    }
    expect((await other.request('GET', job.link, { token: null, remoteAddress: '192.0.2.250' })).status).toBe(429);
    // The same link from another address still opens.
    expect((await y.request('GET', job.link, { token: null, remoteAddress: '192.0.2.251' })).status).toBe(200);
  });

  it('sign-in ceremony requests from one address to one realm are limited: JSON 429 with Retry-After', async () => {
    const { limit, windowSeconds } = RATE_LIMITS.signInFromAddress;
    const options = racer.hostedPath('/sign-in/options');
    const verify = racer.hostedPath('/sign-in/verify');
    for (let i = 0; i < limit; i++) {
      const reply =
        i % 2 === 0
          ? await y.request('POST', options, { token: null, body: {}, remoteAddress: '192.0.2.99' })
          : await other.request('POST', verify, { token: null, body: { challenge_id: 'nope', response: {} }, remoteAddress: '192.0.2.99' });
      expect(reply.status).toBeLessThan(429);
    }
    const refused = await y.request('POST', options, { token: null, body: {}, remoteAddress: '192.0.2.99' });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'too_many_requests', reason: 'rate_limited' });
    expect(refused.body.message).toMatch(/Too many attempts/);
    expectRetryAfter(refused, windowSeconds);
    expect((await y.request('POST', options, { token: null, body: {}, remoteAddress: '192.0.2.98' })).status).toBe(200);
  });

  it('a counter whose window is over starts a new window at one hit, on either engine (the clock given, not waited for)', async () => {
    const counters = y.yonder.store.rateLimits;
    const key = `window-over-${Math.random()}`;
    for (const hits of [1, 2, 3]) expect(await counters.hit(key, 1000, 60)).toEqual({ key, hits, expiresAt: 1060 });
    expect(await counters.hit(key, 1059, 60)).toEqual({ key, hits: 4, expiresAt: 1060 });
    expect(await counters.current([key], 1059)).toEqual([{ key, hits: 4, expiresAt: 1060 }]);
    // At the window's end it is over: not current, and the next hit is the first of a new window.
    expect(await counters.current([key], 1060)).toEqual([]);
    expect(await counters.hit(key, 1060, 60)).toEqual({ key, hits: 1, expiresAt: 1120 });
    expect(await counters.hit(key, 1061, 60)).toEqual({ key, hits: 2, expiresAt: 1120 });
  });

  it('pruning deletes only counters whose window is over, on either engine', async () => {
    const address = '203.0.113.50';
    for (let i = 0; i < RATE_LIMITS.clientFailuresPerAddress.limit; i++) await grant('wrong', address);
    expect((await grant(robot.clientSecret, address)).status).toBe(429);
    // Nothing is over yet: the counter stays, and so does the refusal.
    await pruneRateLimits(y.yonder);
    expect((await grant(robot.clientSecret, address)).status).toBe(429);
    // Once every window is over, pruning empties the table, in batches; the client is let in again.
    const later = Date.now() + (Math.max(...Object.values(RATE_LIMITS).map((r) => r.windowSeconds)) + 1) * 1000;
    expect(await pruneRateLimits(y.yonder, { now: later, batchSize: 7 })).toBeGreaterThan(7);
    expect(await pruneRateLimits(y.yonder, { now: later })).toBe(0);
    expect((await grant(robot.clientSecret, address)).status).toBe(200);
  });
});
