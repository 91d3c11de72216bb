import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestYonder } from '../support/harness.js';
import { ARTIFACTS, CHROMIUM, finalStatus, listeningYonder } from '../support/browser.js';
import { linkIn } from '../support/smtp.js';

/**
 * The account page in headless Chromium with CDP virtual authenticators, walking issue 21's
 * acceptance 1 to 3: a person signs in, adds a passkey from another authenticator (the same one is
 * excluded), renames it, removes the first after re-authenticating with the second, is refused
 * removing the last, recovers by email (an unknown name answered alike, nothing sent), and signs
 * out everywhere, which ends the session open in a second browser context. Every state of the
 * page is saved at 1280 and 390 px wide in test-artifacts/account-*.png.
 */
describe('account page end to end in headless Chromium', () => {
  let y: TestYonder;
  let url: string;
  let outbox: string;
  let browser: Browser;

  beforeAll(async () => {
    outbox = mkdtempSync(join(tmpdir(), 'yonder-account-browser-outbox-'));
    ({ y, url } = await listeningYonder({ config: { outboxDir: outbox } }));
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  });
  afterAll(async () => {
    await browser?.close();
    await y?.close();
    rmSync(outbox, { recursive: true, force: true });
  });

  /** A tab of `context` with a virtual authenticator of its own (synced when `synced`). */
  async function tab(context: BrowserContext, synced = false) {
    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable', { enableUI: false });
    const add = async (backedUp: boolean) =>
      (
        await cdp.send('WebAuthn.addVirtualAuthenticator', {
          options: {
            protocol: 'ctap2',
            ctap2Version: 'ctap2_1',
            transport: 'internal',
            hasResidentKey: true,
            hasUserVerification: true,
            isUserVerified: true,
            automaticPresenceSimulation: true,
            ...(backedUp ? { defaultBackupEligibility: true, defaultBackupState: true } : {}),
          },
        })
      ).authenticatorId;
    let authenticatorId = await add(synced);
    /** Takes this tab's authenticator away and gives it another: "another device". */
    const swap = async (backedUp: boolean) => {
      await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId });
      authenticatorId = await add(backedUp);
    };
    return { page, swap };
  }

  async function shot(page: Page, name: string) {
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, `account-${name}-1280.png`), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(ARTIFACTS, `account-${name}-390.png`), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  const accountUrl = () => `${url}/hosted/tenants/${y.tenantId}/realms/${y.realmId}/account`;
  const view = (page: Page, which: 'account' | 'signed-out') => page.waitForSelector(`main[data-view="${which}"]`, { timeout: 20_000 });
  const credentials = async (identityId: string) =>
    ((await y.request('GET', y.realmPath(`/identities/${identityId}/credentials`))).body.credentials as { id: string; state: string }[])
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((c) => c.state);
  /** Clears the status line, then waits for the next final state (ok or error). */
  async function outcome(page: Page, act: () => Promise<unknown>) {
    await page.evaluate("document.getElementById('status').dataset.state = 'ready'");
    await act();
    return finalStatus(page);
  }
  async function signIn(page: Page) {
    await page.goto(accountUrl());
    await view(page, 'signed-out');
    await page.click('#sign-in');
    await page.waitForSelector('button#sign-in');
    await page.click('button#sign-in');
    await page.waitForURL(accountUrl(), { timeout: 20_000 });
    await view(page, 'account');
  }
  const passkeyItems = (page: Page) => page.locator('li.passkey');

  it('acceptance 1 to 3: add, rename, remove after re-authentication, last refused, recovery by email, sign out everywhere', async () => {
    const grace = await y.createIdentity('grace', {
      display_name: 'Grace Hopper',
      traits: { type: 'traits_v0', username: 'grace', primary_email_address: 'grace@example.com' },
    });
    const job = await y.request('POST', y.realmPath(`/identities/${grace.id}/credential-binding-jobs`), {
      body: { job: { delivery_method: 'RETURN', post_binding_redirect_uri: accountUrl() } },
    });
    const first = await browser.newContext();
    const { page, swap } = await tab(first);

    // Enrolled through a binding link, which leads to the account page: signed out there.
    await page.goto(job.body.credential_binding_link);
    await page.click('#register');
    await page.waitForURL(accountUrl(), { timeout: 20_000 });
    await view(page, 'signed-out');
    await shot(page, 'signed-out');
    expect(await credentials(grace.id)).toEqual(['ACTIVE']);

    // 1. Signs in and sees the passkey.
    await signIn(page);
    expect(await page.textContent('#profile-name')).toBe('Grace Hopper');
    expect(await page.textContent('#profile-email')).toBe('grace@example.com');
    await expect.poll(() => passkeyItems(page).count()).toBe(1);
    expect(await page.locator('#sign-ins tbody tr').count()).toBeGreaterThan(0);
    await shot(page, 'one-passkey');

    // The same authenticator cannot be added twice (excludeCredentials): it already holds one.
    const excluded = await outcome(page, () => page.click('#add-passkey'));
    expect(excluded).toMatchObject({ state: 'error', reason: 'already_registered' });
    await shot(page, 'add-excluded');
    expect(await credentials(grace.id)).toEqual(['ACTIVE']);

    // Another authenticator (a synced one) adds the second passkey.
    await swap(true);
    const added = await outcome(page, () => page.click('#add-passkey'));
    expect(added.state, added.text).toBe('ok');
    await expect.poll(() => passkeyItems(page).count()).toBe(2);
    expect(await passkeyItems(page).nth(1).textContent()).toContain('Synced passkey');
    await shot(page, 'two-passkeys');
    expect(await credentials(grace.id)).toEqual(['ACTIVE', 'ACTIVE']);

    // Renames it.
    const second = passkeyItems(page).nth(1);
    await second.getByRole('button', { name: /^Rename/ }).click();
    await second.getByLabel(/New name for/).fill('Work laptop');
    await shot(page, 'rename-form');
    const renamed = await outcome(page, () => second.getByRole('button', { name: 'Save name' }).click());
    expect(renamed.state, renamed.text).toBe('ok');
    expect(await page.locator('li.passkey h3').allTextContents()).toEqual(['Passkey', 'Work laptop']);
    await shot(page, 'renamed');
    const listed = await y.request('GET', y.realmPath(`/identities/${grace.id}/passkeys`));
    expect(listed.body.passkeys.map((p: { name: string }) => p.name)).toEqual(['Passkey', 'Work laptop']);

    // Removes the first after re-authenticating with the second (the only one this tab still has).
    const removed = await outcome(page, () =>
      passkeyItems(page)
        .nth(0)
        .getByRole('button', { name: /^Remove/ })
        .click(),
    );
    expect(removed.state, removed.text).toBe('ok');
    await expect.poll(() => page.locator('li.passkey h3').allTextContents()).toEqual(['Work laptop']);
    await shot(page, 'removed-first');
    expect((await credentials(grace.id)).sort()).toEqual(['ACTIVE', 'REVOKED']);

    // 2. Removing the last passkey is refused.
    const last = await outcome(page, () =>
      passkeyItems(page)
        .nth(0)
        .getByRole('button', { name: /^Remove/ })
        .click(),
    );
    expect(last).toMatchObject({ state: 'error', reason: 'last_passkey' });
    await shot(page, 'last-refused');

    // Recovery by email, on a new device (a second context): an unknown name looks the same and sends nothing.
    const second_ = await browser.newContext();
    const { page: other } = await tab(second_);
    await other.goto(`${accountUrl()}/recovery`);
    await shot(other, 'recovery-form');
    const mails = () => readdirSync(outbox).filter((f) => f.endsWith('.eml'));
    await other.fill('#identifier', 'nobody-at-all');
    const unknown = await outcome(other, () => other.click('#recovery button[type="submit"]'));
    expect(mails()).toHaveLength(0);
    await other.fill('#identifier', 'grace');
    const known = await outcome(other, () => other.click('#recovery button[type="submit"]'));
    expect(known).toEqual(unknown);
    await shot(other, 'recovery-sent');
    // The link is mailed after the reply, whose time must not tell who has an account.
    await expect.poll(() => mails().length, { timeout: 15_000 }).toBe(1);
    const link = linkIn(readFileSync(join(outbox, mails()[0] ?? ''), 'utf8'));
    await other.goto(link);
    await other.click('#register');
    await other.waitForURL(accountUrl(), { timeout: 20_000 });
    await signIn(other);
    await expect.poll(() => passkeyItems(other).count()).toBe(2);
    await shot(other, 'after-recovery');
    expect((await credentials(grace.id)).sort()).toEqual(['ACTIVE', 'ACTIVE', 'REVOKED']);

    // 3. Sign out everywhere, from the new device, ends the session in the first context too.
    const out = await outcome(other, () => other.click('#sign-out-everywhere'));
    expect(out.state).toBe('ok');
    await view(other, 'signed-out');
    await shot(other, 'signed-out-everywhere');
    await page.reload();
    await view(page, 'signed-out');
    await second_.close();
    await first.close();
  }, 120_000);
});
