import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PAGE_CSP } from '../../src/http/hosted/pages.js';
import { type Reply, TestYonder, describeApi } from '../support/harness.js';
import { TEST_ORIGIN, enrollThrough, signInWith } from '../support/console.js';
import { Browser, codeFlow, createOidcApplication } from '../support/oidc.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';
import { linkIn } from '../support/smtp.js';

/**
 * The account page's calls as its script makes them (session cookie, X-Yonder-Account header),
 * on both engines: who may see and change what (nobody another identity's passkeys), the
 * re-authentication before adding or removing a passkey, the last-passkey rule, recovery that
 * answers alike whether anyone matches, and sign out everywhere (hosted and OpenID Connect).
 */
describeApi('account page: passkeys, recovery and sessions of the signed-in person', () => {
  let y: TestYonder;
  let outbox: string;
  let ada: { id: string; passkey: SoftAuthenticator; cookie: string };
  let bob: { id: string; passkey: SoftAuthenticator; cookie: string };
  let adaFirst: string;
  let bobFirst: string;
  const PAGE = { 'x-yonder-account': '1' };

  const account = () => `/hosted/tenants/${y.tenantId}/realms/${y.realmId}/account`;
  const post = (path: string, cookie: string | null, body: unknown = {}, headers: Record<string, string> = PAGE): Promise<Reply> =>
    y.request('POST', `${account()}${path}`, { token: null, body, headers: { ...headers, ...(cookie ? { cookie } : {}) } });
  const data = (cookie: string) => y.request('GET', `${account()}/data`, { token: null, headers: { cookie } });
  const credentials = async (identityId: string) =>
    (await y.request('GET', y.realmPath(`/identities/${identityId}/credentials`))).body.credentials as { id: string; state: string }[];
  const mails = () => readdirSync(outbox).filter((f) => f.endsWith('.eml')).length;

  async function person(username: string, email = `${username}@example.com`) {
    const created = await y.createIdentity(username, { traits: { type: 'traits_v0', username, primary_email_address: email } });
    const job = await y.request('POST', y.realmPath(`/identities/${created.id}/credential-binding-jobs`), {
      body: { job: { delivery_method: 'RETURN', post_binding_redirect_uri: `${TEST_ORIGIN}/done` } },
    });
    const { passkey } = await enrollThrough(y, job.body.credential_binding_link);
    return { id: created.id, passkey, cookie: await signInWith(y, passkey, y.realmId, null) };
  }

  /** Proves `passkey` again in the session of `cookie`, as the page does before adding or removing one. */
  async function reauthenticate(cookie: string, passkey: SoftAuthenticator, except?: string): Promise<Reply> {
    const begun = await post('/reauthentication/options', cookie, except ? { except_passkey_id: except } : {});
    expect(begun.status, begun.text).toBe(200);
    return post('/reauthentication', cookie, { challenge_id: begun.body.challenge_id, response: passkey.authenticate(begun.body.options) });
  }

  beforeAll(async () => {
    outbox = mkdtempSync(join(tmpdir(), 'yonder-account-outbox-'));
    y = await TestYonder.start(undefined, { config: { outboxDir: outbox } });
    ada = await person('ada');
    bob = await person('bob');
    [adaFirst] = (await credentials(ada.id)).map((c) => c.id) as [string];
    [bobFirst] = (await credentials(bob.id)).map((c) => c.id) as [string];
  });
  afterAll(async () => {
    await y?.close();
    rmSync(outbox, { recursive: true, force: true });
  });

  it('the page is HTML under the hosted CSP with no inline script; its data needs the session', async () => {
    const page = await y.request('GET', account(), { token: null });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(PAGE_CSP);
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect((await y.request('GET', `${account()}/data`, { token: null })).status).toBe(401);
    const view = await data(ada.cookie);
    expect(view.status, view.text).toBe(200);
    expect(view.body.identity).toEqual({ id: ada.id, display_name: 'ada', username: 'ada', email: 'ada@example.com' });
    expect(view.body.passkeys).toEqual([
      expect.objectContaining({ id: adaFirst, name: 'Passkey', device: 'device_bound', current: true, last_used_time: expect.any(String) }),
    ]);
    expect(view.body.sign_ins[0]).toMatchObject({ application: 'This account page', address: '127.0.0.1' });
    expect(view.body.reauthenticated_until).toBeNull();
  });

  it('refuses a state change without the page header or from another origin (CSRF)', async () => {
    expect((await post(`/passkeys/${adaFirst}/rename`, ada.cookie, { name: 'x' }, {})).body.reason).toBe('cross_origin');
    const foreign = await post(`/passkeys/${adaFirst}/rename`, ada.cookie, { name: 'x' }, { ...PAGE, origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect((await post('/sign-out-everywhere', ada.cookie, {}, {})).status).toBe(403);
    expect((await data(ada.cookie)).status).toBe(200);
  });

  it('adds a passkey only after a re-authentication with her own passkey, excluding those she has', async () => {
    expect((await post('/passkeys/options', ada.cookie)).body.reason).toBe('reauthentication_required');
    // Bob's passkey proves nothing about Ada's session.
    const begun = await post('/reauthentication/options', ada.cookie);
    expect(begun.body.options.allowCredentials.map((c: { id: string }) => c.id)).toEqual([ada.passkey.id]);
    const foreign = await post('/reauthentication', ada.cookie, {
      challenge_id: begun.body.challenge_id,
      response: bob.passkey.authenticate(begun.body.options),
    });
    expect(foreign.status).toBe(400);
    const proved = await reauthenticate(ada.cookie, ada.passkey);
    expect(proved.status, proved.text).toBe(200);
    expect(proved.body.reauthenticated_until).toEqual(expect.any(String));

    const options = await post('/passkeys/options', ada.cookie);
    expect(options.status, options.text).toBe(200);
    expect(options.body.options.excludeCredentials.map((c: { id: string }) => c.id)).toEqual([ada.passkey.id]);
    const second = new SoftAuthenticator(TEST_ORIGIN);
    const added = await post('/passkeys', ada.cookie, { challenge_id: options.body.challenge_id, response: second.register(options.body.options) });
    expect(added.status, added.text).toBe(200);
    expect((await credentials(ada.id)).filter((c) => c.state === 'ACTIVE')).toHaveLength(2);
    (ada as { second?: SoftAuthenticator; secondId?: string }).second = second;
    (ada as { secondId?: string }).secondId = added.body.id;
  });

  it("renames her own passkey (an event by her); another identity's passkey id is not found", async () => {
    const secondId = (ada as { secondId?: string }).secondId ?? '';
    const renamed = await post(`/passkeys/${secondId}/rename`, ada.cookie, { name: '  Laptop  ' });
    expect(renamed.status, renamed.text).toBe(200);
    expect(renamed.body.name).toBe('Laptop');
    expect((await post(`/passkeys/${secondId}/rename`, ada.cookie, { name: '' })).status).toBe(400);
    const attack = await post(`/passkeys/${bobFirst}/rename`, ada.cookie, { name: 'mine now' });
    expect(attack.status).toBe(404);
    expect(attack.body.reason).toBe('unknown_passkey');
    expect((await data(bob.cookie)).body.passkeys[0].name).toBe('Passkey');
    const events = await y.request('GET', y.realmPath(`/events?type=credential.renamed&resource_id=${secondId}`));
    expect(events.body.events[0]).toMatchObject({ actor: { type: 'account', identity_id: ada.id }, after: { display_name: 'Laptop' } });
  });

  it('removes a passkey only after re-authenticating with another; the session moves to that one', async () => {
    const second = (ada as { second?: SoftAuthenticator }).second as SoftAuthenticator;
    const attack = await post(`/passkeys/${bobFirst}/remove`, ada.cookie);
    expect(attack.status).toBe(404);
    expect((await credentials(bob.id))[0]?.state).toBe('ACTIVE');
    expect((await reauthenticate(ada.cookie, ada.passkey)).status).toBe(200);
    expect((await post(`/passkeys/${adaFirst}/remove`, ada.cookie)).body.reason).toBe('other_passkey_required');
    // The options for removing the first offer only the others.
    expect((await reauthenticate(ada.cookie, second, adaFirst)).status).toBe(200);
    const removed = await post(`/passkeys/${adaFirst}/remove`, ada.cookie);
    expect(removed.status, removed.text).toBe(200);
    expect(removed.body.passkeys).toEqual([expect.objectContaining({ name: 'Laptop', current: true })]);
    expect((await credentials(ada.id)).find((c) => c.id === adaFirst)?.state).toBe('REVOKED');
    expect((await data(ada.cookie)).status).toBe(200);
    // The removed passkey signs in nowhere.
    const options = await y.request('POST', `/hosted/tenants/${y.tenantId}/realms/${y.realmId}/sign-in/options`, { token: null, body: {} });
    const refused = await y.request('POST', `/hosted/tenants/${y.tenantId}/realms/${y.realmId}/sign-in/verify`, {
      token: null,
      body: { challenge_id: options.body.challenge_id, response: ada.passkey.authenticate(options.body.options) },
    });
    expect(refused.body.reason).toBe('credential_revoked');
  });

  it('refuses to remove the last passkey unless the realm allows it', async () => {
    const secondId = (ada as { secondId?: string }).secondId ?? '';
    const refused = await post(`/passkeys/${secondId}/remove`, ada.cookie);
    expect(refused.status).toBe(409);
    expect(refused.body.reason).toBe('last_passkey');
    const carol = await person('carol');
    const [carolOnly] = await credentials(carol.id);
    expect((await y.request('PUT', y.realmPath('/account-settings'), { body: { allow_removing_last_passkey: true } })).status).toBe(200);
    try {
      expect((await post(`/passkeys/${carolOnly?.id}/remove`, carol.cookie)).body.reason).toBe('reauthentication_required');
      expect((await reauthenticate(carol.cookie, carol.passkey)).status).toBe(200);
      const removed = await post(`/passkeys/${carolOnly?.id}/remove`, carol.cookie);
      expect(removed.status, removed.text).toBe(200);
      expect(removed.body).toEqual({ signed_out: true });
      expect((await data(carol.cookie)).status).toBe(401);
    } finally {
      await y.request('PUT', y.realmPath('/account-settings'), { body: { allow_removing_last_passkey: false } });
    }
  });

  it('recovery answers alike for a known and an unknown name; only the known one gets a link, which enrolls a passkey', async () => {
    const before = mails();
    expect((await post('/recovery', null, { identifier: 'bob' }, {})).status).toBe(403);
    const known = await post('/recovery', null, { identifier: 'BOB@example.com' });
    const unknown = await post('/recovery', null, { identifier: 'nobody-here' });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(known.status);
    expect(unknown.body).toEqual(known.body);
    // The link is made and mailed after the reply (its time must not tell who exists).
    await y.yonder.background.settled();
    expect(mails()).toBe(before + 1);
    const newest = readdirSync(outbox).sort().at(-1) ?? '';
    const link = linkIn(readFileSync(join(outbox, newest), 'utf8'));
    expect(link).toContain(`/identities/${bob.id}/`);
    const { redirectUri } = await enrollThrough(y, link);
    expect(redirectUri).toBe(`${TEST_ORIGIN}${account()}`);
    // The old passkey stays; the event says a recovery was asked for.
    expect((await credentials(bob.id)).filter((c) => c.state === 'ACTIVE')).toHaveLength(2);
    const events = await y.request('GET', y.realmPath(`/events?type=identity.recovery_requested&resource_id=${bob.id}`));
    expect(events.body.events).toHaveLength(1);
    // Single use.
    const url = new URL(link);
    const again = await y.request('GET', `${url.pathname}${url.search}`, { token: null });
    expect(again.status).toBe(410);
  });

  it('recovery is limited per identity (silently) and per address (429)', async () => {
    const before = mails();
    for (let i = 0; i < 3; i++) expect((await post('/recovery', null, { identifier: 'ada' })).status).toBe(200);
    // Bob asked once already this hour; Ada's 3 went out, a 4th does not, answered the same.
    // The link is made and mailed after the reply (its time must not tell who exists).
    await y.yonder.background.settled();
    expect(mails()).toBe(before + 3);
    expect((await post('/recovery', null, { identifier: 'ada' })).status).toBe(200);
    // The link is made and mailed after the reply (its time must not tell who exists).
    await y.yonder.background.settled();
    expect(mails()).toBe(before + 3);
    const from = (n: number) =>
      y.request('POST', `${account()}/recovery`, { token: null, body: { identifier: `x${n}` }, headers: PAGE, remoteAddress: '10.9.9.9' });
    for (let i = 0; i < 10; i++) expect((await from(i)).status).toBe(200);
    expect((await from(10)).status).toBe(429);
  });

  it("sign out everywhere ends every session of the person, OpenID Connect's and its tokens too, and no one else's", async () => {
    const app = await createOidcApplication(y, { enable_refresh_tokens: true });
    const browser = new Browser(y);
    const tokens = await codeFlow(y, browser, app, bob.passkey);
    expect(tokens.status, tokens.text).toBe(200);
    const userinfo = () => y.request('GET', `${app.path}/userinfo`, { token: tokens.body.access_token });
    expect((await userinfo()).status).toBe(200);
    const elsewhere = await signInWith(y, bob.passkey, y.realmId, null);

    const out = await post('/sign-out-everywhere', bob.cookie);
    expect(out.status, out.text).toBe(200);
    expect(out.body.sessions).toBeGreaterThanOrEqual(2);
    expect((await data(bob.cookie)).status).toBe(401);
    expect((await data(elsewhere)).status).toBe(401);
    expect((await userinfo()).status).toBe(401);
    const refreshed = await y.request('POST', `${app.path}/token`, {
      token: null,
      rawBody: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token }).toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64')}`,
      },
    });
    expect(refreshed.status).toBe(400);
    expect((await data(ada.cookie)).status).toBe(200);
    const events = await y.request('GET', y.realmPath(`/events?type=identity.signed_out_everywhere&resource_id=${bob.id}`));
    expect(events.body.events[0].actor).toMatchObject({ type: 'account', identity_id: bob.id });
  });

  it("an administrator ends an identity's sessions and sends a recovery link through v1", async () => {
    const ended = await y.request('POST', y.realmPath(`/identities/${ada.id}:signOutEverywhere`), { body: {} });
    expect(ended.status, ended.text).toBe(200);
    expect((await data(ada.cookie)).status).toBe(401);
    const listed = await y.request('GET', y.realmPath(`/identities/${ada.id}/passkeys`));
    expect(listed.body.passkeys).toEqual([expect.objectContaining({ name: 'Laptop', current: false })]);
  });
});
