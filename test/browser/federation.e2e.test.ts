import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestYonder } from '../support/harness.js';
import { type Browser, finalStatus, launchBrowser, listeningYonder, pageWithAuthenticator, screenshot } from '../support/browser.js';
import { createOidcApplication } from '../support/oidc.js';
import type { Page } from 'playwright-core';
import { allowRedirects, tamperingTokenProxy, verifyingConfig } from '../support/federation.js';

/**
 * Identity-provider-verified enrollment in headless Chromium, with a second yonder as the
 * upstream: its own store and port, its own OpenID Connect application. A person's binding link
 * here sends the browser to the upstream, where they sign in with the passkey they hold there;
 * back on the link, they create their passkey here. Both yonders are on `localhost` (the only
 * host Chromium treats as a secure context without TLS; passkeys of both have RP ID `localhost`).
 * Then a claim matching another person, a missing claim and a tampered ID token are refused on
 * the page and nothing is enrolled; those and more run on both engines in
 * test/api/federation.enrollment.test.ts.
 */
describe('enrollment verified at a second yonder as the upstream, in headless Chromium (on SQLite)', () => {
  let y: TestYonder;
  let url: string;
  let upstream: TestYonder;
  let upstreamUrl: string;
  let browser: Browser;
  let page: Page;
  let verifying: Awaited<ReturnType<typeof verifyingConfig>>;
  let app: Awaited<ReturnType<typeof createOidcApplication>>;
  const traits = (username: string) => ({ type: 'traits_v0', username, primary_email_address: `${username}@example.com` });

  /** A binding link of a new person here, verified with `configId`. */
  async function linkOf(username: string, configId: string): Promise<{ id: string; link: string }> {
    const person = await y.createIdentity(username, { traits: traits(username) });
    const job = await y.request('POST', y.realmPath(`/identities/${person.id}/credential-binding-jobs`), {
      body: { job: { delivery_method: 'RETURN', authenticator_config_id: configId } },
    });
    return { id: person.id, link: job.body.credential_binding_link };
  }

  beforeAll(async () => {
    ({ y, url } = await listeningYonder());
    ({ y: upstream, url: upstreamUrl } = await listeningYonder());
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await y?.close();
    await upstream?.close();
  });

  it('the person signs in upstream with their passkey there, comes back to the link and creates their passkey here', async () => {
    app = await createOidcApplication(upstream, { redirect_uris: ['https://placeholder.example/callback'] });
    verifying = await verifyingConfig(y, `${upstreamUrl}${app.path}`, app);
    await allowRedirects(upstream, app.id, [verifying.redirectUrl]);

    // Pia's passkey at the upstream, enrolled in this tab (its virtual authenticator keeps it).
    ({ page } = await pageWithAuthenticator(browser));
    const upstreamPia = await upstream.createIdentity('pia', { traits: traits('pia') });
    const upstreamJob = await upstream.request('POST', upstream.realmPath(`/identities/${upstreamPia.id}/credential-binding-jobs`), {
      body: { job: { delivery_method: 'RETURN' } },
    });
    expect(upstreamJob.body.credential_binding_link.startsWith(upstreamUrl)).toBe(true);
    await page.goto(upstreamJob.body.credential_binding_link);
    await page.click('#register');
    expect(await finalStatus(page)).toMatchObject({ state: 'ok' });

    // Her link here goes through the upstream first.
    const pia = await linkOf('pia', verifying.configId);
    await page.goto(pia.link);
    await page.waitForURL(`${upstreamUrl}/**/interaction/**`);
    await page.click('#sign-in');
    await page.waitForURL(`${url}/**:invokeAuthenticator?token=**`, { timeout: 20_000 });
    await page.click('#register');
    expect(await finalStatus(page)).toMatchObject({ state: 'ok' });
    await screenshot(page, 'federation/enrolled-after-upstream');
    const credentials = await y.request('GET', y.realmPath(`/identities/${pia.id}/credentials`));
    expect(credentials.body.total_size).toBe(1);
    const upstreamCredentials = await upstream.request('GET', upstream.realmPath(`/identities/${upstreamPia.id}/credentials`));
    expect(upstreamCredentials.body.total_size).toBe(1);
  });

  it('a claim matching another person, a missing claim and a tampered ID token are refused on the page; nothing is enrolled', async () => {
    const missing = await verifyingConfig(y, `${upstreamUrl}${app.path}`, app, { identifying_claim_name: 'employee_number' });
    const proxy = await tamperingTokenProxy(`${upstreamUrl}${app.path}/token`, 'rex@example.com');
    try {
      const tampered = await verifyingConfig(y, `${upstreamUrl}${app.path}`, app, { token_url: proxy.tokenUrl });
      await allowRedirects(upstream, app.id, [missing.redirectUrl, tampered.redirectUrl]);
      for (const [username, configId, reason] of [
        ['quinn', verifying.configId, 'upstream_other_identity'],
        ['rosa', missing.configId, 'upstream_claim_missing'],
        ['rex', tampered.configId, 'upstream_failed'],
      ] as const) {
        // Pia signs in upstream each time (her upstream session may let her through without the page).
        const person = await linkOf(username, configId);
        await page.goto(person.link);
        await page.waitForURL((u) => u.pathname.includes('/interaction/') || u.pathname.endsWith('/callback'));
        if (page.url().includes('/interaction/')) await page.click('#sign-in');
        await page.waitForURL((u) => u.origin === url && u.pathname.endsWith('/callback'), { timeout: 20_000 });
        expect(await finalStatus(page), username).toMatchObject({ state: 'error', reason });
        const credentials = await y.request('GET', y.realmPath(`/identities/${person.id}/credentials`));
        expect(credentials.body.total_size).toBe(0);
      }
      await screenshot(page, 'federation/refused-tampered-id-token');
    } finally {
      proxy.server.close();
    }
  });
});
