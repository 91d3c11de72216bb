import { afterAll, beforeAll, expect, it } from 'vitest';
import { RATE_LIMITS } from '../../src/domain/access/rate-limit.js';
import { TestYonder, describeApi } from '../support/harness.js';
import { basicAuth, createClientApplication, postForm } from '../support/oauth-client.js';
import { type Racer, bindingJob, createRealm, madeUpLink, racerOf } from '../support/races.js';

/**
 * A limit must not be a lever: what a stranger can send must not lock a real client or realm
 * out. Unknown client ids do not count against known clients; counts are per realm as well as
 * per address; a right secret from an address that never failed for its client is never refused.
 * (Behind a proxy, TRUST_PROXY gives each client its own address: rate-limits.trust-proxy.)
 */
describeApi('rate limits cannot be turned against a real client or realm', () => {
  let y: TestYonder;
  let robot: Awaited<ReturnType<typeof createClientApplication>>;
  let otherRealm: string;
  let racer: Racer;

  beforeAll(async () => {
    y = await TestYonder.start();
    racer = racerOf([y]);
    robot = await createClientApplication(y);
    otherRealm = await createRealm(racer, 'Elsewhere');
  });
  afterAll(async () => y?.close());

  const grant = (client: { clientId: string; path: string }, secret: string, address: string) =>
    postForm(y, `${client.path}/token`, { grant_type: 'client_credentials' }, basicAuth(client.clientId, secret), address);

  async function failTimes(count: number, client: { clientId: string; path: string }, address: string): Promise<number[]> {
    const statuses: number[] = [];
    for (let i = 0; i < count; i++) statuses.push((await grant(client, `wrong-${i}`, address)).status);
    return statuses;
  }

  it('101 made-up client ids from one address do not lock a real client out of that address', async () => {
    const { limit } = RATE_LIMITS.unknownClientsFromAddress;
    for (let i = 0; i <= limit; i++) await grant({ ...robot, clientId: `made-up-${i}` }, 'x', '203.0.113.30');
    // Made-up ids are refused past their limit...
    expect((await grant({ ...robot, clientId: 'made-up-last' }, 'x', '203.0.113.30')).status).toBe(429);
    // ...but they never counted against a real client.
    const real = await grant(robot, robot.clientSecret, '203.0.113.30');
    expect(real.status, real.text).toBe(200);
  });

  it('a right secret from an address that never failed for its client is let in, however much that address failed for others', async () => {
    const { limit } = RATE_LIMITS.clientFailuresFromAddress;
    const perClient = RATE_LIMITS.clientFailuresPerAddress.limit;
    const others = await Promise.all(Array.from({ length: Math.ceil(limit / perClient) + 1 }, () => createClientApplication(y)));
    for (const client of others) await failTimes(perClient, client, '203.0.113.31');
    expect((await grant(robot, 'wrong', '203.0.113.31')).status).toBe(429);
    const clean = await createClientApplication(y);
    const reply = await grant(clean, clean.clientSecret, '203.0.113.31');
    expect(reply.status, reply.text).toBe(200);
  });

  it('once an address is past its limit for a realm, a client that failed there is refused even with the right secret', async () => {
    const { limit } = RATE_LIMITS.clientFailuresFromAddress;
    const sprayed = await Promise.all(Array.from({ length: 6 }, () => createClientApplication(y)));
    const typo = await createClientApplication(y);
    expect(await failTimes(1, typo, '203.0.113.32')).toEqual([401]);
    // One guess at each of many clients: no client reaches its own limit.
    for (let i = 0; i < limit; i++) await grant(sprayed[i % sprayed.length]!, 'wrong', '203.0.113.32');
    expect((await grant(typo, typo.clientSecret, '203.0.113.32')).status).toBe(429);
    expect((await grant(typo, typo.clientSecret, '198.51.100.32')).status).toBe(200);
  });

  it("failures against one realm's clients do not count against another realm's clients", async () => {
    const { limit } = RATE_LIMITS.clientFailuresFromAddress;
    const sprayed = await Promise.all(Array.from({ length: 6 }, () => createClientApplication(y)));
    const elsewhere = await createClientApplication(y, { realmId: otherRealm });
    expect(await failTimes(1, elsewhere, '203.0.113.33')).toEqual([401]);
    for (let i = 0; i < limit; i++) await grant(sprayed[i % sprayed.length]!, 'wrong', '203.0.113.33');
    const reply = await grant(elsewhere, elsewhere.clientSecret, '203.0.113.33');
    expect(reply.status, reply.text).toBe(200);
  });

  it('a client that failed 20 times from an address is refused there even with the right secret, so guessing stays bounded', async () => {
    const { limit } = RATE_LIMITS.clientFailuresPerAddress;
    const statuses = await failTimes(limit + 3, robot, '203.0.113.34');
    expect(statuses.slice(0, limit).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(limit).every((s) => s === 429)).toBe(true);
    expect((await grant(robot, robot.clientSecret, '203.0.113.34')).status).toBe(429);
  });

  it("300 sign-in requests to one realm from one address leave sign-in to every other realm open there, the admin realm's included", async () => {
    const { limit } = RATE_LIMITS.signInFromAddress;
    const options = (realmId: string) =>
      y.request('POST', racer.hostedPath('/sign-in/options', realmId), { token: null, body: {}, remoteAddress: '192.0.2.130' });
    for (let i = 0; i < limit; i++) await options(y.realmId);
    expect((await options(y.realmId)).status).toBe(429);
    expect((await options(otherRealm)).status).toBe(200);
    expect((await options(y.adminRealmId)).status).toBe(200);
  });

  it('300 enrollment requests in one realm from one address leave enrollment in another realm open there', async () => {
    const { limit } = RATE_LIMITS.enrollmentFromAddress;
    const scanned = await bindingJob(racer, 'fair-scanned');
    const elsewhere = await bindingJob(racer, 'fair-elsewhere', otherRealm);
    for (let i = 0; i < limit; i++)
      await y.request('GET', madeUpLink(scanned.linkPath, `made-up-${i}`), { token: null, remoteAddress: '192.0.2.131' });
    expect((await y.request('GET', scanned.link, { token: null, remoteAddress: '192.0.2.131' })).status).toBe(429);
    expect((await y.request('GET', elsewhere.link, { token: null, remoteAddress: '192.0.2.131' })).status).toBe(200);
  });

  it('hosted requests naming made-up realms are limited per address without touching real realms', async () => {
    const { limit } = RATE_LIMITS.unknownRealmsFromAddress;
    const madeUp = (i: number) =>
      y.request('POST', racer.hostedPath('/sign-in/options', `made-up-${i}`), { token: null, body: {}, remoteAddress: '192.0.2.132' });
    for (let i = 0; i < limit; i++) expect((await madeUp(i)).status).toBe(404);
    expect((await madeUp(limit)).status).toBe(429);
    const real = await y.request('POST', racer.hostedPath('/sign-in/options'), { token: null, body: {}, remoteAddress: '192.0.2.132' });
    expect(real.status).toBe(200);
  });
});
