import { afterAll, beforeAll, expect, it } from 'vitest';
import { RATE_LIMITS } from '../../src/domain/access/rate-limit.js';
import { type Reply, TestYonder, describeApi } from '../support/harness.js';
import { basicAuth, createClientApplication } from '../support/oauth-client.js';

/**
 * Behind a reverse proxy every connection comes from the proxy. With `TRUST_PROXY` naming it (or
 * counting the proxies), the client's address is read from `X-Forwarded-For`, for the rate limits
 * and the audit trail alike; without it the header is ignored, so a client cannot spoof its way
 * past a limit or into someone else's address. Three apps on one store: no setting, the proxy's
 * range, and one hop.
 */
describeApi('TRUST_PROXY: the client behind a reverse proxy', () => {
  const PROXY = '10.0.0.5';
  let direct: TestYonder;
  let proxied: TestYonder;
  let oneHop: TestYonder;
  let robot: Awaited<ReturnType<typeof createClientApplication>>;

  beforeAll(async () => {
    direct = await TestYonder.start();
    proxied = await TestYonder.start(direct.databaseLocation, { config: { trustProxy: ['10.0.0.0/8'] } });
    oneHop = await TestYonder.start(direct.databaseLocation, { config: { trustProxy: 1 } });
    robot = await createClientApplication(direct);
  });
  afterAll(async () => {
    await oneHop?.stop();
    await proxied?.stop();
    await direct?.close();
  });

  const grant = (on: TestYonder, secret: string, peer: string, forwardedFor?: string) =>
    on.request('POST', `${robot.path}/token`, {
      token: null,
      remoteAddress: peer,
      rawBody: new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: basicAuth(robot.clientId, secret),
        ...(forwardedFor !== undefined ? { 'x-forwarded-for': forwardedFor } : {}),
      },
    });

  /** Creates an identity through `on` and answers the address its audit event recorded. */
  async function auditedAddress(on: TestYonder, username: string, peer: string, forwardedFor: string): Promise<string | null> {
    const created = await on.request('POST', on.realmPath('/identities'), {
      remoteAddress: peer,
      headers: { 'x-forwarded-for': forwardedFor },
      body: { identity: { display_name: username, traits: { type: 'traits_v0', username } } },
    });
    expect(created.status, created.text).toBe(200);
    const events: Reply = await direct.request('GET', direct.realmPath(`/events?resource_id=${created.body.id}`));
    return events.body.events[0].address;
  }

  it('without TRUST_PROXY, X-Forwarded-For is ignored: a new header each time does not get past the limit', async () => {
    const { limit } = RATE_LIMITS.clientFailuresPerAddress;
    for (let i = 0; i < limit; i++) expect((await grant(direct, 'wrong', '203.0.113.40', `198.51.100.${i + 1}`)).status).toBe(401);
    expect((await grant(direct, robot.clientSecret, '203.0.113.40', '198.51.100.200')).status).toBe(429);
  });

  it("without TRUST_PROXY, the audit trail records the connection's peer, not the header", async () => {
    expect(await auditedAddress(direct, 'unproxied', '203.0.113.41', '198.51.100.41')).toBe('203.0.113.41');
  });

  it('with TRUST_PROXY naming the proxy, 20 bad secrets from one client behind it do not lock out another client behind it', async () => {
    const { limit } = RATE_LIMITS.clientFailuresPerAddress;
    for (let i = 0; i < limit; i++) expect((await grant(proxied, 'wrong', PROXY, '203.0.113.42')).status).toBe(401);
    expect((await grant(proxied, robot.clientSecret, PROXY, '203.0.113.42')).status).toBe(429);
    const other = await grant(proxied, robot.clientSecret, PROXY, '198.51.100.42');
    expect(other.status, other.text).toBe(200);
  });

  it('with TRUST_PROXY naming the proxy, the audit trail records the forwarded address', async () => {
    expect(await auditedAddress(proxied, 'proxied', PROXY, '203.0.113.43')).toBe('203.0.113.43');
  });

  it('with TRUST_PROXY naming the proxy, X-Forwarded-For from any other peer is ignored', async () => {
    expect(await auditedAddress(proxied, 'not-via-proxy', '203.0.113.44', '198.51.100.44')).toBe('203.0.113.44');
  });

  it("with TRUST_PROXY naming the proxy, addresses a client wrote in front of the proxy's are ignored", async () => {
    expect(await auditedAddress(proxied, 'spoofer', PROXY, '6.6.6.6, 203.0.113.45')).toBe('203.0.113.45');
  });

  it("with TRUST_PROXY as a hop count, the address the nearest proxy saw is the client's", async () => {
    expect(await auditedAddress(oneHop, 'one-hop', PROXY, '6.6.6.6, 203.0.113.46')).toBe('203.0.113.46');
  });
});
