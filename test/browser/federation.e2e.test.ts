import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestYonder } from '../support/harness.js';
import { type Browser, finalStatus, launchBrowser, listeningYonder, pageWithAuthenticator, screenshot } from '../support/browser.js';
import { createOidcApplication } from '../support/oidc.js';
import { allowRedirects, verifyingConfig } from '../support/federation.js';

/**
 * Identity-provider-verified enrollment in headless Chromium: a person's binding link sends the
 * browser to an upstream yonder (another realm of the same server, with its own OpenID Connect
 * application), where they sign in with the passkey they hold there; back on the link, they
 * create their passkey here. The refusals run on both engines in test/api/federation.enrollment.test.ts.
 */
describe('enrollment verified at an upstream yonder, in headless Chromium (on SQLite)', () => {
  let y: TestYonder;
  let url: string;
  let browser: Browser;
  let upstreamRealm: string;

  const upstream = () => ({
    request: (method: string, path: string, options?: { body?: unknown }) => y.request(method, path, options),
    realmPath: (rest = '') => y.realmPath(rest, upstreamRealm),
  });

  beforeAll(async () => {
    ({ y, url } = await listeningYonder());
    browser = await launchBrowser();
    upstreamRealm = (await y.request('POST', `/v1/tenants/${y.tenantId}/realms`, { body: { realm: { display_name: 'Upstream' } } })).body.id;
  });
  afterAll(async () => {
    await browser?.close();
    await y?.close();
  });

  it('the person signs in upstream with their passkey there, comes back to the link and creates their passkey here', async () => {
    const app = await createOidcApplication(upstream(), { redirect_uris: ['https://placeholder.example/callback'] });
    const verifying = await verifyingConfig(y, `${url}${app.path}`, app);
    await allowRedirects(upstream(), app.id, [verifying.redirectUrl]);
    const traits = { type: 'traits_v0', username: 'pia', primary_email_address: 'pia@example.com' };

    // Pia's passkey at the upstream, enrolled in this tab (its virtual authenticator keeps it).
    const { page } = await pageWithAuthenticator(browser);
    const upstreamPia = await y.createIdentity('pia', { traits }, upstreamRealm);
    const upstreamJob = await y.request('POST', y.realmPath(`/identities/${upstreamPia.id}/credential-binding-jobs`, upstreamRealm), {
      body: { job: { delivery_method: 'RETURN' } },
    });
    await page.goto(upstreamJob.body.credential_binding_link);
    await page.click('#register');
    expect(await finalStatus(page)).toMatchObject({ state: 'ok' });

    // Her link here goes through the upstream first.
    const pia = await y.createIdentity('pia', { traits });
    const job = await y.request('POST', y.realmPath(`/identities/${pia.id}/credential-binding-jobs`), {
      body: { job: { delivery_method: 'RETURN', authenticator_config_id: verifying.configId } },
    });
    await page.goto(job.body.credential_binding_link);
    await page.waitForURL('**/interaction/**');
    await page.click('#sign-in');
    await page.waitForURL('**:invokeAuthenticator?token=**', { timeout: 20_000 });
    await page.click('#register');
    expect(await finalStatus(page)).toMatchObject({ state: 'ok' });
    await screenshot(page, 'federation/enrolled-after-upstream');
    const credentials = await y.request('GET', y.realmPath(`/identities/${pia.id}/credentials`));
    expect(credentials.body.total_size).toBe(1);
  });
});
