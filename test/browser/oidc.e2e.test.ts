import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
// The example relying party the README tells newcomers to run: openid-client, strict about iss,
// aud, nonce, state, PKCE, the signature and the userinfo `sub`.
import { startRelyingParty } from '../../examples/relying-party/server.mjs';
import type { TestYonder } from '../support/harness.js';
import { type Browser, finalStatus, launchBrowser, listeningYonder, pageWithAuthenticator, screenshot } from '../support/browser.js';

type RelyingParty = Awaited<ReturnType<typeof startRelyingParty>>;

/**
 * A person with a passkey signs in to a web application through yonder's OpenID Connect provider:
 * the application is created with Beyond Identity's body through v1, the passkey is enrolled
 * through a binding link, and the sign-in step is yonder's hosted passkey page. The cases are
 * named after the OpenID basic certification plan's modules (the conformance suite cannot run
 * here); the protocol's error cases run on both engines in test/api/oidc.*.test.ts.
 */
describe('OpenID Connect sign-in in headless Chromium, with the example relying party (on SQLite)', () => {
  let y: TestYonder;
  let url: string;
  let browser: Browser;
  let rp: RelyingParty;
  let applicationId: string;
  let issuer: string;
  /** Pia's tab: its virtual authenticator holds her passkey (each tab has an authenticator of its own). */
  let piaPage: Page;

  async function enroll(page: Page, identityId: string) {
    const reply = await y.request('POST', y.realmPath(`/identities/${identityId}/credential-binding-jobs`), {
      body: { job: { delivery_method: 'RETURN' } },
    });
    expect(reply.status).toBe(200);
    await page.goto(reply.body.credential_binding_link);
    await page.click('#register');
    expect(await finalStatus(page)).toMatchObject({ state: 'ok' });
  }

  /** Opens the relying party, signs in on yonder's hosted page, and answers the page it ends on. */
  async function signIn(page: Page, query = '') {
    await page.goto(`${rp.url}/login${query}`);
    await page.waitForURL(`${url}/**`);
    await page.click('#sign-in');
    await page.waitForURL(`${rp.url}/callback**`, { timeout: 20_000 });
    return page;
  }

  const shown = async (page: Page, id: string) => JSON.parse((await page.textContent(`#${id} pre`)) ?? '{}');

  beforeAll(async () => {
    ({ y, url } = await listeningYonder());
    browser = await launchBrowser();
    rp = await startRelyingParty({
      port: 0,
      register: async (redirectUri: string) => {
        const created = await y.request('POST', y.realmPath('/applications'), {
          body: {
            application: {
              display_name: 'Flight log',
              protocol_config: {
                type: 'oidc',
                allowed_scopes: [],
                confidentiality: 'confidential',
                grant_type: ['authorization_code'],
                redirect_uris: [redirectUri],
                token_configuration: { expires_after: 3600, subject_field: 'id', token_signing_algorithm: 'RS256' },
                pkce: 's256',
                token_format: 'self_contained',
              },
            },
          },
        });
        expect(created.status).toBe(200);
        applicationId = created.body.id;
        issuer = `${url}/v1/tenants/${y.tenantId}/realms/${y.realmId}/applications/${applicationId}`;
        return { issuer, clientId: created.body.protocol_config.client_id, clientSecret: created.body.protocol_config.client_secret };
      },
    });
  });
  afterAll(async () => {
    await rp?.close();
    await browser?.close();
    await y?.close();
  });

  it('oidcc-server: a person with a passkey signs in; the ID token verifies against discovery and the JWKS; userinfo has their claims', async () => {
    const discovery: any = await (await fetch(`${issuer}/.well-known/openid-configuration`)).json();
    expect(discovery).toMatchObject({
      issuer,
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/token`,
      userinfo_endpoint: `${issuer}/userinfo`,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      response_types_supported: ['code'],
    });
    expect(discovery.code_challenge_methods_supported).toContain('S256');

    const pia = await y.createIdentity('pia', {
      display_name: 'Pia Pilot',
      traits: { type: 'traits_v0', username: 'pia', primary_email_address: 'pia@example.com' },
    });
    ({ page: piaPage } = await pageWithAuthenticator(browser));
    const page = piaPage;
    await enroll(page, pia.id);
    await signIn(page);
    await screenshot(page, 'oidc/signed-in');
    // openid-client checked the signature with the JWKS, iss, aud, nonce, state and PKCE before this page.
    const claims = await shown(page, 'claims');
    expect(claims).toMatchObject({ iss: issuer, sub: pia.id });
    expect([claims.aud].flat()).toContain(rp.application.clientId);
    expect(typeof claims.auth_time).toBe('number');
    const userinfo = await shown(page, 'userinfo');
    expect(userinfo).toMatchObject({ sub: pia.id, name: 'Pia Pilot', preferred_username: 'pia', email: 'pia@example.com' });
  });

  it('oidcc-prompt-login: a second sign-in reuses the realm session without a ceremony; prompt=login asks for the passkey again', async () => {
    const page = piaPage;
    // The browser still holds yonder's session from the sign-in above: straight back to the app.
    const hosted: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame() && frame.url().startsWith(url)) hosted.push(frame.url());
    });
    await page.goto(`${rp.url}/login`);
    await page.waitForURL(`${rp.url}/callback**`, { timeout: 20_000 });
    expect(await shown(page, 'claims')).toMatchObject({ name: 'Pia Pilot' });
    expect(hosted.some((address) => address.includes('/interaction/'))).toBe(false);

    await signIn(page, '?prompt=login');
    expect(await shown(page, 'claims')).toMatchObject({ name: 'Pia Pilot' });
  });

  it("policy: with 'allow group Pilots' then 'deny the app', a member signs in and anyone else is refused with the rule's message", async () => {
    const pilots = (await y.request('POST', y.realmPath('/groups'), { body: { group: { display_name: 'Pilots' } } })).body.id;
    const [pia] = (await y.request('GET', y.realmPath(`/identities?filter=${encodeURIComponent('traits.username eq "pia"')}`))).body.identities;
    expect((await y.request('POST', y.realmPath(`/groups/${pilots}:addMembers`), { body: { identity_ids: [pia.id] } })).status).toBe(200);
    const current = (await y.request('GET', y.realmPath('/policy'))).body;
    const rules = [
      {
        id: 'pilots',
        name: 'allow Pilots',
        transaction: 'authentication',
        action: 'ALLOW',
        conditions: { groups: [pilots], applications: [applicationId] },
      },
      {
        id: 'others',
        name: 'deny the flight log',
        transaction: 'authentication',
        action: 'DENY',
        conditions: { applications: [applicationId] },
        deny_message: 'The flight log is for pilots.',
      },
      ...current.rules,
    ];
    expect((await y.request('PUT', y.realmPath('/policy'), { body: { policy: { version: current.version, rules } } })).status).toBe(200);

    await signIn(piaPage, '?prompt=login');
    expect(await shown(piaPage, 'claims')).toMatchObject({ sub: pia.id });

    // Someone else, in a browser of their own (no session of Pia's).
    const elsewhere = await launchBrowser();
    try {
      const sam = await y.createIdentity('sam', { display_name: 'Sam Passenger' });
      const { page } = await pageWithAuthenticator(elsewhere);
      await enroll(page, sam.id);
      await page.goto(`${rp.url}/login`);
      await page.waitForURL(`${url}/**`);
      await page.click('#sign-in');
      // The person is told why on yonder's page; going back, the application hears access_denied.
      expect(await finalStatus(page)).toMatchObject({ state: 'error', reason: 'policy_denied', text: 'The flight log is for pilots.' });
      await screenshot(page, 'oidc/refused');
      await page.click('#back');
      await page.waitForURL(`${rp.url}/callback**`);
      expect(await page.textContent('#refused')).toBe('The flight log is for pilots.');
      expect(page.url()).toContain('error=access_denied');
      expect(page.url()).not.toContain('code=');
    } finally {
      await elsewhere.close();
    }
  });
});
