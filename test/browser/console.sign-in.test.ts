import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestYonder } from '../support/harness.js';
import { type Browser, launchBrowser, listeningYonder, pageWithAuthenticator } from '../support/browser.js';

/**
 * The console's way in, in a real browser, without its app: the first start's link makes the
 * administrator's passkey and lands on /console/; the console's sign-in page (its `sign_in_url`)
 * signs in and comes back to /console/ (return_to); from a page of the console, the session cookie
 * (HttpOnly, so only the browser sends it) and the console header mint a console token.
 */
describe('console sign-in in headless Chromium (on SQLite: the pages call the same routes the API suite runs on both engines)', () => {
  let y: TestYonder;
  let url: string;
  let browser: Browser;

  beforeAll(async () => {
    ({ y, url } = await listeningYonder());
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await y?.close();
  });

  it('the bootstrap link enrolls admin and lands on the console; sign-in returns there and mints a console token', async () => {
    const { page } = await pageWithAuthenticator(browser);
    const link = y.bootstrap.consoleLink ?? '';
    expect(link.startsWith(`${url}/v1/`)).toBe(true);
    await page.goto(link);
    expect(await page.textContent('h1')).toBe('Create a passkey for Administrator');
    await Promise.all([page.waitForURL(`${url}/console/`), page.click('#register')]);

    const config = (await y.request('GET', '/console/api/config', { token: null })).body;
    await page.goto(`${url}${config.sign_in_url}`);
    await Promise.all([page.waitForURL(`${url}/console/`), page.click('#sign-in')]);

    const minted = await page.evaluate(async () => {
      const reply = await fetch('/console/api/token', { method: 'POST', headers: { 'X-Yonder-Console': '1' } });
      return { status: reply.status, body: (await reply.json()) as { access_token: string } };
    });
    expect(minted.status).toBe(200);
    expect(minted.body).toMatchObject({ token_type: 'Bearer', identity: { username: 'admin' }, tenant_id: y.tenantId });
    const identities = await page.evaluate(async ([path, token]) => (await fetch(path, { headers: { authorization: `Bearer ${token}` } })).status, [
      y.realmPath('/identities'),
      minted.body.access_token,
    ] as const);
    expect(identities).toBe(200);

    // A sign-in page asked to go elsewhere is refused before anyone signs in on it, however the
    // other origin is spelled (each of these once led there after signing in).
    const signOut = await page.evaluate(
      async () => (await fetch('/console/api/sign-out', { method: 'POST', headers: { 'X-Yonder-Console': '1' } })).status,
    );
    expect(signOut).toBe(200);
    for (const elsewhere of ['//example.com/', '/.//example.com', '/..//example.com', '/%2e%2e//example.com', '/\\example.com', '/%5cexample.com']) {
      const signInUrl = `${url}/hosted/tenants/${y.tenantId}/realms/${y.adminRealmId}/sign-in?application_id=${config.console_application_id}&return_to=${encodeURIComponent(elsewhere)}`;
      const response = await page.goto(signInUrl);
      expect(response?.status(), elsewhere).toBe(400);
      expect(await page.$('#sign-in'), elsewhere).toBeNull();
      expect(new URL(page.url()).origin).toBe(url);
    }

    // A path of this site is followed after signing in: the refusals above are not all there is.
    await page.goto(
      `${url}/hosted/tenants/${y.tenantId}/realms/${y.adminRealmId}/sign-in?application_id=${config.console_application_id}&return_to=${encodeURIComponent('/console/')}`,
    );
    await Promise.all([page.waitForURL((target) => target.pathname.startsWith('/console/')), page.click('#sign-in')]);
    await page.close();
  });
});
