import { expect } from 'vitest';
import { RATE_LIMITS } from '../../src/domain/access/rate-limit.js';
import { type Race, bindingJob, burst, createClient, grant, madeUpLink, tally } from './races.js';

/**
 * Every rate limit, hit by a burst of parallel requests: exactly `limit` may get through, however
 * the burst is spread over apps or processes. A limiter that reads a count, decides, then counts
 * lets the whole burst through wherever requests really run side by side (PostgreSQL, or several
 * processes). Each race uses addresses of its own, since counters outlive it.
 */
export const LIMIT_BURSTS: Race[] = [
  {
    name: '100 concurrent wrong secrets for one client from one address: exactly 20 answer 401, the other 80 answer 429',
    async run(r) {
      const { limit } = RATE_LIMITS.clientFailuresPerAddress;
      const client = await createClient(r);
      const replies = await burst(100, (i) => grant(r, i, client, `wrong-${i}`, '203.0.113.20'));
      expect(tally(replies)).toEqual({ 401: limit, 429: 100 - limit });
      expect((await grant(r, 0, client, client.clientSecret, '203.0.113.20')).status).toBe(429);
      expect((await grant(r, 1, client, client.clientSecret, '198.51.100.20')).status).toBe(200);
    },
  },
  {
    name: 'the right secret amid 99 wrong ones for one client and address: still exactly 20 wrong ones answer 401',
    async run(r) {
      const { limit } = RATE_LIMITS.clientFailuresPerAddress;
      const client = await createClient(r);
      const right = 50;
      const replies = await burst(100, (i) => grant(r, i, client, i === right ? client.clientSecret : `wrong-${i}`, '203.0.113.21'));
      expect(tally(replies.filter((_, i) => i !== right))).toEqual({ 401: limit, 429: 99 - limit });
      // The right secret is let in only if fewer than `limit` failures were counted before it.
      expect([200, 429]).toContain(replies[right]?.status);
    },
  },
  {
    name: 'wrong secrets for eight clients of a realm from one address, all at once: exactly 100 answer 401',
    async run(r) {
      const { limit } = RATE_LIMITS.clientFailuresFromAddress;
      const clients = await Promise.all(Array.from({ length: 8 }, () => createClient(r)));
      // 15 each: no client reaches its own limit of 20, so only the realm's per-address count refuses.
      const replies = await burst(120, (i) => grant(r, i, clients[i % 8]!, 'wrong', '203.0.113.22'));
      expect(tally(replies)).toEqual({ 401: limit, 429: 120 - limit });
    },
  },
  {
    name: '130 made-up client ids from one address at once: exactly 100 answer 401, and a real client sent amid them is let in',
    async run(r) {
      const { limit } = RATE_LIMITS.unknownClientsFromAddress;
      const real = await createClient(r);
      const replies = await burst(131, (i) =>
        i === 65 ? grant(r, i, real, real.clientSecret, '203.0.113.23') : grant(r, i, { ...real, clientId: `made-up-${i}` }, 'x', '203.0.113.23'),
      );
      expect(replies[65]?.status).toBe(200);
      expect(tally(replies.filter((_, i) => i !== 65))).toEqual({ 401: limit, 429: 130 - limit });
    },
  },
  {
    name: 'a right secret sent amid a burst of failures for other clients from its address is let in',
    async run(r) {
      const clients = await Promise.all(Array.from({ length: 6 }, () => createClient(r)));
      const clean = await createClient(r);
      const replies = await burst(151, (i) =>
        i === 150 ? grant(r, i, clean, clean.clientSecret, '203.0.113.24') : grant(r, i, clients[i % 6]!, 'wrong', '203.0.113.24'),
      );
      expect(replies[150]?.status).toBe(200);
      expect(tally(replies.slice(0, 150))[429]).toBeGreaterThan(0);
    },
  },
  {
    name: '40 concurrent requests for one binding job from 40 addresses: exactly 30 get through',
    async run(r) {
      const { limit } = RATE_LIMITS.enrollmentPerJob;
      const job = await bindingJob(r, 'burst-job');
      const replies = await burst(40, (i) =>
        r.request(i, 'GET', `${job.linkPath}?token=guess${i}`, { token: null, clientAddress: `192.0.2.${i + 1}` }),
      );
      expect(replies.filter((reply) => reply.status !== 429)).toHaveLength(limit);
      expect(replies.filter((reply) => reply.status === 429)).toHaveLength(40 - limit);
    },
  },
  {
    name: '310 concurrent enrollment requests in one realm from one address: exactly 300 get through',
    async run(r) {
      const { limit } = RATE_LIMITS.enrollmentFromAddress;
      const job = await bindingJob(r, 'burst-scan');
      const replies = await burst(limit + 10, (i) =>
        r.request(i, 'GET', madeUpLink(job.linkPath, `made-up-${i}`), { token: null, clientAddress: '192.0.2.210' }),
      );
      expect(replies.filter((reply) => reply.status !== 429)).toHaveLength(limit);
      expect(replies.filter((reply) => reply.status === 429)).toHaveLength(10);
    },
  },
  {
    name: '310 concurrent sign-in requests to one realm from one address: exactly 300 get through, and the admin realm stays open there',
    async run(r) {
      const { limit } = RATE_LIMITS.signInFromAddress;
      const options = (i: number, realmId = r.realmId) =>
        r.request(i, 'POST', r.hostedPath('/sign-in/options', realmId), { token: null, body: {}, clientAddress: '192.0.2.211' });
      expect(tally(await burst(limit + 10, (i) => options(i)))).toEqual({ 200: limit, 429: 10 });
      expect((await options(0, r.adminRealmId)).status).toBe(200);
    },
  },
  {
    name: 'hosted requests naming made-up realms from one address, all at once: exactly the limit get through',
    async run(r) {
      const { limit } = RATE_LIMITS.unknownRealmsFromAddress;
      const replies = await burst(limit + 10, (i) =>
        r.request(i, 'POST', r.hostedPath('/sign-in/options', `made-up-realm-${i}`), { token: null, body: {}, clientAddress: '192.0.2.212' }),
      );
      expect(tally(replies)).toEqual({ 404: limit, 429: 10 });
    },
  },
];
