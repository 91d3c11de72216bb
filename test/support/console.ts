import { expect } from 'vitest';
import type { Reply, TestYonder } from './harness.js';
import { SoftAuthenticator } from './soft-authenticator.js';

/** The origin of the test yonder (its PUBLIC_URL): passkeys are made and used for it. */
export const TEST_ORIGIN = 'http://localhost:8080';

/** The header the console's own script sends with its calls. */
export const CONSOLE_HEADERS = { 'x-yonder-console': '1' };

/**
 * Follows a binding link (`.../credential-binding-jobs/{id}:invokeAuthenticator?token=...`) through
 * yonder's hosted enrollment ceremony with a new software passkey, as a browser would (at `origin`,
 * the yonder's public URL).
 */
export async function enrollThrough(
  y: Pick<TestYonder, 'request'>,
  link: string,
  origin = TEST_ORIGIN,
): Promise<{ passkey: SoftAuthenticator; redirectUri: string | null }> {
  const url = new URL(link);
  const base = url.pathname.replace(/^\/v1\//, '/hosted/').replace(/:invokeAuthenticator$/, '');
  const token = url.searchParams.get('token');
  const begun = await y.request('POST', `${base}/registration-options`, { body: { token } });
  expect(begun.status, begun.text).toBe(200);
  const passkey = new SoftAuthenticator(origin);
  const done = await y.request('POST', `${base}/registration`, {
    body: { token, challenge_id: begun.body.challenge_id, response: passkey.register(begun.body.options) },
  });
  expect(done.status, done.text).toBe(200);
  return { passkey, redirectUri: done.body.redirect_uri };
}

/**
 * Signs in on the hosted page of `realmId` (for `applicationId`, when given) and answers the
 * session cookie as a `cookie` header value (`yonder_session=...`).
 */
export async function signInWith(y: TestYonder, passkey: SoftAuthenticator, realmId: string, applicationId: string | null): Promise<string> {
  const hosted = `/hosted/tenants/${y.tenantId}/realms/${realmId}`;
  const options = await y.request('POST', `${hosted}/sign-in/options`, { body: applicationId ? { application_id: applicationId } : {} });
  expect(options.status, options.text).toBe(200);
  const verified = await y.request('POST', `${hosted}/sign-in/verify`, {
    body: { challenge_id: options.body.challenge_id, response: passkey.authenticate(options.body.options) },
  });
  expect(verified.status, verified.text).toBe(200);
  return String(verified.headers['set-cookie']).split(';')[0] ?? '';
}

/** POST /console/api/token with `cookie` (none when null) and the console's header unless others are given. */
export function mintConsoleToken(y: TestYonder, cookie: string | null, headers: Record<string, string> = CONSOLE_HEADERS): Promise<Reply> {
  return y.request('POST', '/console/api/token', { token: null, headers: { ...headers, ...(cookie ? { cookie } : {}) } });
}
