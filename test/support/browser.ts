import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type CDPSession, type Page, chromium } from 'playwright-core';
import { ROOT, freePort } from './process.js';
import { TestYonder } from './harness.js';

export const ARTIFACTS = join(ROOT, 'test-artifacts');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A yonder listening on a port, with PUBLIC_URL = http://localhost:PORT (never 127.0.0.1: not an RP ID). */
export async function listeningYonder(extra: Parameters<typeof TestYonder.start>[1] = {}): Promise<{ y: TestYonder; url: string }> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const y = await TestYonder.start(undefined, { config: { publicUrl: url, ...extra.config } });
  await y.app.listen({ port, host: '127.0.0.1' });
  return { y, url };
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Headless Chromium, launched as the recipe in shared/testing says. */
export async function launchBrowser(): Promise<Browser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'passkey-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    timeout: 60_000,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface AuthenticatorPage {
  page: Page;
  cdp: CDPSession;
  authenticatorId: string;
}

/** A fresh tab with its own CDP virtual authenticator (resident keys, user verification). */
export async function pageWithAuthenticator(browser: Browser): Promise<AuthenticatorPage> {
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      ctap2Version: 'ctap2_1',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { page, cdp, authenticatorId };
}

/** Waits until `#status` leaves ready/working and returns its state and reason. */
export async function finalStatus(page: Page): Promise<{ state: string; reason: string; text: string }> {
  await page.waitForSelector('#status[data-state="ok"], #status[data-state="error"]', { timeout: 20_000 });
  return {
    state: (await page.getAttribute('#status', 'data-state')) ?? '',
    reason: (await page.getAttribute('#status', 'data-reason')) ?? '',
    text: (await page.textContent('#status')) ?? '',
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}
