import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestYonder, describeApi } from '../support/harness.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';

const ORIGIN = 'http://localhost:8080';

/**
 * WebAuthn ceremonies at the API level, with a software authenticator. Two yonder instances share
 * one database: a ceremony begun on one finishes on the other, because challenges live in the store.
 */
describeApi('passkeys: ceremonies across instances', () => {
  let a: TestYonder;
  let b: TestYonder;
  beforeAll(async () => {
    a = await TestYonder.start();
    b = await TestYonder.start(a.databaseLocation);
  });
  afterAll(async () => {
    await b?.stop();
    await a?.close();
  });

  const hosted = (y: TestYonder, rest: string) => `/hosted/tenants/${y.tenantId}/realms/${y.realmId}${rest}`;

  async function enroll(username: string) {
    const identity = await a.createIdentity(username);
    const created = await a.request('POST', a.realmPath(`/identities/${identity.id}/credential-binding-jobs`), {
      body: { job: { delivery_method: 'RETURN' } },
    });
    const job = created.body.credential_binding_job;
    const token = new URL(created.body.credential_binding_link).searchParams.get('token');
    const base = hosted(a, `/identities/${identity.id}/credential-binding-jobs/${job.id}`);
    return { identity, job, token, base };
  }

  /** An identity with a passkey registered through its binding link. */
  async function enrollPasskey(username: string) {
    const { identity, token, base } = await enroll(username);
    const begun = await a.request('POST', `${base}/registration-options`, { body: { token } });
    const authenticator = new SoftAuthenticator(ORIGIN);
    const registered = await a.request('POST', `${base}/registration`, {
      body: { token, challenge_id: begun.body.challenge_id, response: authenticator.register(begun.body.options) },
    });
    expect(registered.status).toBe(200);
    return { identity, authenticator, credentialId: registered.body.credential_id as string };
  }

  it('a registration begun on instance A finishes on instance B, and the link is then used up', async () => {
    const { identity, job, token, base } = await enroll('crossreg');
    const begun = await a.request('POST', `${base}/registration-options`, { body: { token } });
    expect(begun.status).toBe(200);
    expect(begun.body.options.authenticatorSelection).toMatchObject({ residentKey: 'required', userVerification: 'required' });
    expect(begun.body.options.rp.id).toBe('localhost');
    const authenticator = new SoftAuthenticator(ORIGIN);
    const done = await b.request('POST', `${base}/registration`, {
      body: { token, challenge_id: begun.body.challenge_id, response: authenticator.register(begun.body.options) },
    });
    expect(done.status).toBe(200);
    const jobAfter = await b.request('GET', b.realmPath(`/identities/${identity.id}/credential-binding-jobs/${job.id}`));
    expect(jobAfter.body).toMatchObject({ state: 'COMPLETE', credential_id: done.body.credential_id });
    const credential = await a.request('GET', a.realmPath(`/identities/-/credentials/${done.body.credential_id}`));
    expect(JSON.parse(credential.body.jwk_json)).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
    expect(credential.body.jwk_thumbprint).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const again = await a.request('POST', `${base}/registration-options`, { body: { token } });
    expect(again.status).toBe(410);
    expect(again.body.reason).toBe('already_used');
  });

  it('a challenge answers one request only', async () => {
    const { token, base } = await enroll('oneshot');
    const begun = await a.request('POST', `${base}/registration-options`, { body: { token } });
    const authenticator = new SoftAuthenticator(ORIGIN);
    const response = authenticator.register(begun.body.options);
    const wrongOrigin = new SoftAuthenticator('http://evil.example:8080', 'localhost').register(begun.body.options);
    const bad = await b.request('POST', `${base}/registration`, { body: { token, challenge_id: begun.body.challenge_id, response: wrongOrigin } });
    expect(bad.status).toBe(400);
    expect(bad.body.reason).toBe('verification_failed');
    const replay = await b.request('POST', `${base}/registration`, { body: { token, challenge_id: begun.body.challenge_id, response } });
    expect(replay.body.reason).toBe('challenge_expired');
  });

  it('sign-in begun on A finishes on B, counters advance, a replayed counter and a revoked credential are refused', async () => {
    const { identity, authenticator, credentialId } = await enrollPasskey('crosssign');

    const options = await a.request('POST', hosted(a, '/sign-in/options'), { body: {} });
    expect(options.body.options.allowCredentials ?? []).toEqual([]);
    const signedIn = await b.request('POST', hosted(b, '/sign-in/verify'), {
      body: { challenge_id: options.body.challenge_id, response: authenticator.authenticate(options.body.options) },
    });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.identity_id).toBe(identity.id);
    const cookie = String(signedIn.headers['set-cookie']);
    expect(cookie).toMatch(/yonder_session=[A-Za-z0-9_-]{43}/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const session = cookie.split(';')[0]!;
    const who = await a.request('GET', hosted(a, '/session'), { headers: { cookie: session } });
    expect(who.body).toMatchObject({ identity_id: identity.id });

    // The same counter again: a cloned authenticator or a replay.
    const options2 = await a.request('POST', hosted(a, '/sign-in/options'), { body: {} });
    const replay = await a.request('POST', hosted(a, '/sign-in/verify'), {
      body: { challenge_id: options2.body.challenge_id, response: authenticator.authenticate(options2.body.options, { advance: false }) },
    });
    expect(replay.status).toBe(400);
    expect(replay.body.reason).toBe('verification_failed');

    await a.request('POST', a.realmPath(`/identities/${identity.id}/credentials/${credentialId}:revoke`));
    expect((await a.request('GET', hosted(a, '/session'), { headers: { cookie: session } })).status).toBe(401);
    const options3 = await a.request('POST', hosted(a, '/sign-in/options'), { body: {} });
    const refused = await b.request('POST', hosted(b, '/sign-in/verify'), {
      body: { challenge_id: options3.body.challenge_id, response: authenticator.authenticate(options3.body.options) },
    });
    expect(refused.status).toBe(401);
    expect(refused.body.reason).toBe('credential_revoked');
    expect((await a.request('GET', a.realmPath(`/identities/${identity.id}`))).body.enrollment_status).toBe('UNENROLLED');
  });

  // Synced passkeys (iCloud Keychain, Google Password Manager) report a signature counter of 0
  // on every use (WebAuthn §6.1.1): a counter that never moves is not a clone, and must not lock them out.
  it('a synced passkey whose counter stays 0 signs in every time', async () => {
    const { identity, authenticator: synced } = await enrollPasskey('synced');
    for (const server of [a, b, a]) {
      const options = await server.request('POST', hosted(server, '/sign-in/options'), { body: {} });
      const signedIn = await server.request('POST', hosted(server, '/sign-in/verify'), {
        body: { challenge_id: options.body.challenge_id, response: synced.authenticate(options.body.options, { advance: false }) },
      });
      expect(signedIn.status, signedIn.text).toBe(200);
      expect(signedIn.body.identity_id).toBe(identity.id);
    }
    expect(synced.counter).toBe(0);
  });

  it('a DENY rule for credential_enrollment blocks enrollment', async () => {
    const { identity, token, base } = await enroll('denied');
    const policy = await a.request('GET', a.realmPath('/policy'));
    const put = await a.request('PUT', a.realmPath('/policy'), {
      body: {
        policy: {
          version: policy.body.version,
          rules: [
            {
              name: 'no enrollment for one',
              transaction: 'credential_enrollment',
              action: 'DENY',
              conditions: { identities: [identity.id] },
              deny_message: 'not you',
            },
            ...policy.body.rules,
          ],
        },
      },
    });
    expect(put.status).toBe(200);
    const begun = await a.request('POST', `${base}/registration-options`, { body: { token } });
    expect(begun.status).toBe(403);
    expect(begun.body).toMatchObject({ reason: 'policy_denied', message: 'not you' });
  });
});
