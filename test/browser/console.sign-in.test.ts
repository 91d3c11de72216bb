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
    const identities = await page.evaluate(
      async ([path, token]) => (await fetch(path, { headers: { authorization: `Bearer ${token}` } })).status,
      [y.realmPath('/identities'), minted.body.access_token] as const,
    );
    expect(identities).toBe(200);

    // A sign-in page asked to go elsewhere stays put. Every navigation the page starts is recorded
    // (one to another origin is refused before it leaves the browser); the sign-in handler has
    // finished once the button is enabled again, and it decides where to go before that.
    const navigations: string[] = [];
    page.on('request', (request) => {
      if (request.isNavigationRequest() && request.frame() === page.mainFrame()) navigations.push(request.url());
    });
    await page.route('https://example.com/**', (route) => route.abort());
    await page.route('http://example.com/**', (route) => route.abort());
    const signOut = await page.evaluate(async () => (await fetch('/console/api/sign-out', { method: 'POST', headers: { 'X-Yonder-Console': '1' } })).status);
    expect(signOut).toBe(200);
    const signInAt = (returnTo: string) =>
      `${url}/hosted/tenants/${y.tenantId}/realms/${y.adminRealmId}/sign-in?application_id=${config.console_application_id}&return_to=${encodeURIComponent(returnTo)}`;
    const elsewhere = signInAt('//example.com/');
    await page.goto(elsewhere);
    navigations.length = 0;
    await page.click('#sign-in');
    await page.waitForSelector('#status[data-state="ok"]');
    await page.waitForSelector('#sign-in:not([disabled])', { state: 'attached' });
    // One more round trip through the page, so a navigation begun before it has been seen.
    expect(await page.evaluate(async () => (await fetch('/healthz')).status)).toBe(200);
    expect(navigations).toEqual([]);
    expect(page.url()).toBe(elsewhere);

    // The same page with a path of this site does go there: the check above could see a navigation.
    await page.evaluate(async () => (await fetch('/console/api/sign-out', { method: 'POST', headers: { 'X-Yonder-Console': '1' } })).status);
    await page.goto(signInAt('/healthz'));
    await Promise.all([page.waitForURL(`${url}/healthz`), page.click('#sign-in')]);
    await page.close();
  });
});
