import { afterAll, beforeAll, expect, it } from 'vitest';
import { RATE_LIMITS } from '../../src/domain/access/rate-limit.js';
import { TestYonder, describeApi } from '../support/harness.js';
import { CONSOLE_HEADERS, TEST_ORIGIN, enrollThrough, signInWith } from '../support/console.js';

/**
 * The endpoints anyone can reach without a token, that take no body (console token, console and
 * hosted sign-out): they read at most a kilobyte, count requests per address, and the hosted
 * sign-out answers only this site's own page.
 */
describeApi('console token and sign-out: body limits, rate limits, origin', () => {
  let y: TestYonder;
  const hostedSignOut = () => `/hosted/tenants/${y.tenantId}/realms/${y.adminRealmId}/sign-out`;
  const twoKib = JSON.stringify({ padding: 'x'.repeat(2048) });

  beforeAll(async () => {
    y = await TestYonder.start();
  });
  afterAll(async () => y?.close());

  it('a body over a kilobyte is refused with 413 before it is read', async () => {
    for (const url of ['/console/api/token', '/console/api/sign-out', hostedSignOut()]) {
      const reply = await y.request('POST', url, {
        token: null,
        rawBody: twoKib,
        headers: { ...CONSOLE_HEADERS, origin: TEST_ORIGIN, 'content-type': 'application/json' },
      });
      expect(reply.status, url).toBe(413);
    }
  });

  it('the hosted sign-out answers only this site: no Origin or another one is 403, and the session lives on', async () => {
    const config = await y.request('GET', '/console/api/config', { token: null });
    const { passkey } = await enrollThrough(y, y.bootstrap.consoleLink ?? '');
    const cookie = await signInWith(y, passkey, y.adminRealmId, config.body.console_application_id);
    const session = () => y.request('GET', `/hosted/tenants/${y.tenantId}/realms/${y.adminRealmId}/session`, { token: null, headers: { cookie } });
    const signedInBefore = await session();
    expect(signedInBefore.status, signedInBefore.text).toBe(200);
    for (const headers of [{ cookie }, { cookie, origin: 'https://evil.example' }] as Record<string, string>[]) {
      const refused = await y.request('POST', hostedSignOut(), { token: null, headers });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ reason: 'cross_origin' });
    }
    expect((await session()).body).toEqual(signedInBefore.body);
    const done = await y.request('POST', hostedSignOut(), { token: null, headers: { cookie, origin: TEST_ORIGIN } });
    expect(done.status, done.text).toBe(200);
    expect((await session()).body).not.toEqual(signedInBefore.body);
  });

  it('the console token endpoint counts requests per address: past the limit 429 with Retry-After, other addresses unaffected', async () => {
    const { limit } = RATE_LIMITS.consoleFromAddress;
    const mint = (remoteAddress: string) => y.request('POST', '/console/api/token', { token: null, headers: CONSOLE_HEADERS, remoteAddress });
    for (let i = 0; i < limit; i++) expect((await mint('203.0.113.71')).status).toBe(401);
    const limited = await mint('203.0.113.71');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await y.request('POST', '/console/api/sign-out', { token: null, headers: CONSOLE_HEADERS, remoteAddress: '203.0.113.71' })).status).toBe(
      429,
    );
    expect((await mint('203.0.113.72')).status).toBe(401);
  });

  it('the hosted sign-out counts with its realm sign-in ceremony per address', async () => {
    const { limit } = RATE_LIMITS.signInFromAddress;
    const signOut = (remoteAddress: string) => y.request('POST', hostedSignOut(), { token: null, headers: { origin: TEST_ORIGIN }, remoteAddress });
    for (let i = 0; i < limit; i++) expect((await signOut('203.0.113.73')).status).toBe(200);
    expect((await signOut('203.0.113.73')).status).toBe(429);
    expect((await signOut('203.0.113.74')).status).toBe(200);
  });
});
