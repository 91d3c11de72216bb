import { createPublicKey, verify } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describe } from 'vitest';
import type { TestYonder } from '../support/harness.js';
import { type TestSmtp, linkIn, startSmtp } from '../support/smtp.js';
import { type Browser, finalStatus, launchBrowser, listeningYonder, pageWithAuthenticator, screenshot } from '../support/browser.js';

describe('passkeys end to end in headless Chromium (on SQLite: the pages call the same routes the API suite runs on both engines)', () => {
  let y: TestYonder;
  let url: string;
  let browser: Browser;
  let smtp: TestSmtp;

  beforeAll(async () => {
    smtp = await startSmtp();
    ({ y, url } = await listeningYonder({ config: { smtpUrl: smtp.url } }));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await y?.close();
    await smtp?.close();
  });

  async function bindingLink(identityId: string, extra: Record<string, unknown> = {}) {
    const reply = await y.request('POST', y.realmPath(`/identities/${identityId}/credential-binding-jobs`), {
      body: { job: { delivery_method: 'RETURN', ...extra } },
    });
    expect(reply.status).toBe(200);
    return reply.body as { credential_binding_job: { id: string; state: string }; credential_binding_link: string };
  }

  it('enrolls through the link, signs in on the sign-in page, and is refused once the credential is revoked', async () => {
    const identity = await y.createIdentity('ada', { display_name: 'Ada Lovelace' });
    const { credential_binding_job: job, credential_binding_link: link } = await bindingLink(identity.id);
    expect(
      link.startsWith(
        `${url}/v1/tenants/${y.tenantId}/realms/${y.realmId}/identities/${identity.id}/credential-binding-jobs/${job.id}:invokeAuthenticator?token=`,
      ),
    ).toBe(true);

    const { page, cdp, authenticatorId } = await pageWithAuthenticator(browser);
    await page.goto(link);
    expect(await page.textContent('h1')).toBe('Create a passkey for Ada Lovelace');
    expect((await y.request('GET', y.realmPath(`/identities/${identity.id}/credential-binding-jobs/${job.id}`))).body.state).toBe('LINK_OPENED');
    await page.click('#register');
    const enrolled = await finalStatus(page);
    await screenshot(page, 'enroll-ok');
    expect(enrolled).toMatchObject({ state: 'ok' });

    const { credentials: held } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(held).toHaveLength(1);
    expect(held[0]?.isResidentCredential).toBe(true);
    expect(held[0]?.rpId).toBe('localhost');

    const listed = await y.request('GET', y.realmPath(`/identities/${identity.id}/credentials`));
    expect(listed.status).toBe(200);
    expect(listed.body.credentials).toHaveLength(1);
    const credential = listed.body.credentials[0];
    expect(credential).toMatchObject({ identity_id: identity.id, state: 'ACTIVE', csr_type: 'WEBAUTHN' });
    const jwk = JSON.parse(credential.jwk_json);
    // Chromium's virtual authenticator picks the first algorithm offered it supports (Ed25519 today).
    expect(['EC', 'OKP', 'RSA']).toContain(jwk.kty);
    expect((await y.request('GET', y.realmPath(`/identities/${identity.id}`))).body.enrollment_status).toBe('ENROLLED');
    const completed = await y.request('GET', y.realmPath(`/identities/${identity.id}/credential-binding-jobs/${job.id}`));
    expect(completed.body).toMatchObject({ state: 'COMPLETE', credential_id: credential.id });

    // Sign in on the hosted page, keeping the assertion the browser sends to check it with jwk_json.
    let assertion: any;
    page.on('request', (request) => {
      if (request.url().endsWith('/sign-in/verify')) assertion = JSON.parse(request.postData() ?? '{}').response;
    });
    await page.goto(`${url}/hosted/tenants/${y.tenantId}/realms/${y.realmId}/sign-in`);
    await page.click('#sign-in');
    const signedIn = await finalStatus(page);
    await screenshot(page, 'sign-in-ok');
    expect(signedIn.state).toBe('ok');
    expect(signedIn.text).toContain('Ada Lovelace');

    // jwk_json verifies the signature the authenticator made: over authenticatorData || SHA-256(clientDataJSON).
    const { createHash } = await import('node:crypto');
    const data = Buffer.concat([
      Buffer.from(assertion.response.authenticatorData, 'base64url'),
      createHash('sha256').update(Buffer.from(assertion.response.clientDataJSON, 'base64url')).digest(),
    ]);
    const key = createPublicKey({ key: jwk, format: 'jwk' });
    const digest = jwk.kty === 'OKP' ? null : 'sha256';
    expect(verify(digest, data, key, Buffer.from(assertion.response.signature, 'base64url'))).toBe(true);
    // ...and a tampered message does not verify.
    expect(verify(digest, Buffer.concat([data, Buffer.from([0])]), key, Buffer.from(assertion.response.signature, 'base64url'))).toBe(false);

    // The session cookie: HttpOnly, SameSite, and the session endpoint knows who is signed in.
    const cookies = await browser.context.cookies(url);
    const session = cookies.find((c) => c.name === 'yonder_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    const who = await page.evaluate(async (u) => (await fetch(u)).json(), `${url}/hosted/tenants/${y.tenantId}/realms/${y.realmId}/session`);
    expect(who).toMatchObject({ identity_id: identity.id, display_name: 'Ada Lovelace' });

    // Sign out ends the session server-side.
    await page.click('#sign-out');
    await page.waitForSelector('#status[data-state="ready"]');
    const after = await page.evaluate(async (u) => (await fetch(u)).status, `${url}/hosted/tenants/${y.tenantId}/realms/${y.realmId}/session`);
    expect(after).toBe(401);

    // Revoke the credential: the same passkey is refused.
    const revoked = await y.request('POST', y.realmPath(`/identities/${identity.id}/credentials/${credential.id}:revoke`));
    expect(revoked.status).toBe(200);
    expect(revoked.body.state).toBe('REVOKED');
    await page.click('#sign-in');
    const refused = await finalStatus(page);
    await screenshot(page, 'sign-in-revoked');
    expect(refused).toMatchObject({ state: 'error', reason: 'credential_revoked' });

    // The same link a second time is dead.
    await page.goto(link);
    expect(await finalStatus(page)).toMatchObject({ state: 'error', reason: 'already_used' });
    await screenshot(page, 'link-used');
    await page.close();
  });

  it('a revoked job link and an expired job link show why they fail', async () => {
    const identity = await y.createIdentity('grace', { display_name: 'Grace Hopper' });
    const revokedJob = await bindingLink(identity.id);
    await y.request('POST', y.realmPath(`/identities/${identity.id}/credential-binding-jobs/${revokedJob.credential_binding_job.id}:revoke`));
    const { page } = await pageWithAuthenticator(browser);
    const reply = await page.goto(revokedJob.credential_binding_link);
    expect(reply?.status()).toBe(410);
    expect(await finalStatus(page)).toMatchObject({ state: 'error', reason: 'revoked' });

    const expiring = await bindingLink(identity.id);
    await expireJob(y, expiring.credential_binding_job.id);
    await page.goto(expiring.credential_binding_link);
    expect(await finalStatus(page)).toMatchObject({ state: 'error', reason: 'expired' });
    await screenshot(page, 'link-expired');
    await page.close();
  });

  it("an EMAIL job's message arrives at the SMTP receiver and its link enrolls, then redirects", async () => {
    const identity = await y.createIdentity('emmy', {
      display_name: 'Emmy Noether',
      traits: { type: 'traits_v0', username: 'emmy', primary_email_address: 'emmy@example.com' },
    });
    const before = smtp.messages.length;
    const reply = await y.request('POST', y.realmPath(`/identities/${identity.id}/credential-binding-jobs`), {
      body: { job: { delivery_method: 'EMAIL', post_binding_redirect_uri: `${url}/healthz` } },
    });
    expect(reply.status).toBe(200);
    await smtp.waitFor(before + 1);
    const link = linkIn(smtp.messages[before]!.raw);
    const { page } = await pageWithAuthenticator(browser);
    await page.goto(link);
    await page.click('#register');
    await page.waitForURL(`${url}/healthz`, { timeout: 20_000 });
    const job = await y.request('GET', y.realmPath(`/identities/${identity.id}/credential-binding-jobs/${reply.body.credential_binding_job.id}`));
    expect(job.body.state).toBe('COMPLETE');
    await page.close();
  });

  it('a suspended identity cannot enroll', async () => {
    const identity = await y.createIdentity('mallory', { display_name: 'Mallory' });
    const { credential_binding_link: link } = await bindingLink(identity.id);
    await y.request('PATCH', y.realmPath(`/identities/${identity.id}`), { body: { identity: { status: 'suspended' } } });
    const { page } = await pageWithAuthenticator(browser);
    await page.goto(link);
    expect(await finalStatus(page)).toMatchObject({ state: 'error', reason: 'suspended' });
    await screenshot(page, 'enroll-suspended');
    await page.close();
  });
});

/** Moves a job's expiry into the past, as 7 days passing would. */
async function expireJob(y: TestYonder, jobId: string) {
  const { sql } = await import('kysely');
  const db = (y.yonder.store as unknown as { connection: { db: import('kysely').Kysely<any> } }).connection.db;
  await sql`update credential_binding_jobs set expire_time = ${new Date(Date.now() - 1000).toISOString()} where id = ${jobId}`.execute(db);
}
