import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { startCeremonyPurgeJob, purgeExpiredCeremonies } from '../../src/services/passkeys/ceremony-cleanup.js';
import { hashToken } from '../../src/services/passkeys/credential-binding-jobs.js';
import { TestYonder, describeApi } from '../support/harness.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';

const ORIGIN = 'http://localhost:8080';
const LONG_AGO = '1970-01-01T00:00:00.000Z';
const later = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

/**
 * Expired WebAuthn challenges and hosted-page sessions are deleted, not just refused: the purge
 * that `yonder serve` runs every few minutes removes exactly the expired rows.
 */
describeApi('passkeys: expired challenges and sessions are purged', () => {
  let y: TestYonder;
  beforeAll(async () => {
    y = await TestYonder.start();
  });
  afterAll(async () => y?.close());

  const hosted = (rest: string) => `/hosted/tenants/${y.tenantId}/realms/${y.realmId}${rest}`;
  /** Reads a session row whatever its expiry: is it still in the table? */
  const sessionRow = (token: string) => y.yonder.store.ceremonies.session(hashToken(token), LONG_AGO);

  let people = 0;
  async function signedInSession(): Promise<string> {
    const identity = await y.createIdentity(`purged${++people}`);
    const created = await y.request('POST', y.realmPath(`/identities/${identity.id}/credential-binding-jobs`), {
      body: { job: { delivery_method: 'RETURN' } },
    });
    const token = new URL(created.body.credential_binding_link).searchParams.get('token');
    const base = hosted(`/identities/${identity.id}/credential-binding-jobs/${created.body.credential_binding_job.id}`);
    const authenticator = new SoftAuthenticator(ORIGIN);
    const begun = await y.request('POST', `${base}/registration-options`, { body: { token } });
    await y.request('POST', `${base}/registration`, {
      body: { token, challenge_id: begun.body.challenge_id, response: authenticator.register(begun.body.options) },
    });
    const options = await y.request('POST', hosted('/sign-in/options'), { body: {} });
    const signedIn = await y.request('POST', hosted('/sign-in/verify'), {
      body: { challenge_id: options.body.challenge_id, response: authenticator.authenticate(options.body.options) },
    });
    expect(signedIn.status).toBe(200);
    return /yonder_session=([A-Za-z0-9_-]+)/.exec(String(signedIn.headers['set-cookie']))![1]!;
  }

  it('removes challenges once past their 5 minutes and sessions once past their 12 hours, and nothing live', async () => {
    const session = await signedInSession();
    // Two sign-in pages opened and abandoned: their challenges are never consumed.
    const abandoned = [];
    for (let i = 0; i < 2; i++) abandoned.push((await y.request('POST', hosted('/sign-in/options'), { body: {} })).body.challenge_id as string);

    expect(await purgeExpiredCeremonies(y.yonder)).toEqual({ challenges: 0, sessions: 0 });
    expect(await purgeExpiredCeremonies(y.yonder, later(6 * 60))).toEqual({ challenges: 2, sessions: 0 });
    expect(await sessionRow(session)).toBeDefined();
    expect((await y.request('GET', hosted('/session'), { headers: { cookie: `yonder_session=${session}` } })).status).toBe(200);

    expect(await purgeExpiredCeremonies(y.yonder, later(13 * 3600))).toEqual({ challenges: 0, sessions: 1 });
    expect(await sessionRow(session)).toBeUndefined();
    for (const id of abandoned) expect(await y.yonder.store.ceremonies.consumeChallenge(id, LONG_AGO)).toBeUndefined();
  });

  // That it then stops when told is the timer's own test (test/unit/periodic.test.ts): every
  // cleanup job returns startPeriodicJob's stop.
  it('the periodic job started by `yonder serve` purges at once, without waiting for its interval', async () => {
    const live = (await sessionRow(await signedInSession()))!;
    const past = new Date(Date.now() - 1000).toISOString();
    await y.yonder.store.ceremonies.insertSession({ ...live, token_hash: hashToken('expired-before-start'), expire_time: past, create_time: past });
    const errors: unknown[] = [];
    // An hour: only the run at start can purge within this test.
    const stop = startCeremonyPurgeJob(y.yonder, (error) => errors.push(error), 3_600_000);
    try {
      await vi.waitFor(async () => expect(await sessionRow('expired-before-start')).toBeUndefined(), { timeout: 20_000 });
    } finally {
      stop();
    }
    expect(errors).toEqual([]);
  });
});
