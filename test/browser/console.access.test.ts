import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestYonder } from '../support/harness.js';
import { ROOT } from '../support/process.js';
import { ARTIFACTS, type Browser, finalStatus, launchBrowser, listeningYonder, pageWithAuthenticator } from '../support/browser.js';

/**
 * The Admin Console's access screens driven as an administrator would: signed in with a passkey
 * through the hosted sign-in page, then policy, applications, API tokens, SCIM, activity and
 * tenant settings, each checked against the API it claims to have changed.
 */
const SHOTS = join(ARTIFACTS, 'console');

async function shot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

describe('Admin Console access screens in headless Chromium (on SQLite: the pages call the same routes the API suite runs on both engines)', () => {
  let y: TestYonder;
  let url: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // Until the browser suite builds the console itself, build it here when it is missing.
    if (!existsSync(join(ROOT, 'dist', 'console', 'index.html'))) {
      execFileSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '-c', 'console/vite.config.ts'], {
        cwd: ROOT,
        stdio: 'ignore',
      });
    }
    ({ y, url } = await listeningYonder());
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await y?.close();
  });

  /** Navigates inside the console and waits for the screen's heading. */
  async function open(path: string, heading: string) {
    await page.goto(`${url}/console/realms/${y.realmId}${path}`);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor({ timeout: 15_000 });
  }

  /** Waits until the cursor is in an empty input: the entry "Add redirect URI" has just made (evaluated in the page). */
  const newEntryFocused = () =>
    expect.poll(() => page.evaluate("document.activeElement?.tagName === 'INPUT' && document.activeElement.value === ''")).toBe(true);

  async function api(method: string, path: string, body?: unknown) {
    const reply = await y.request(method, path, body === undefined ? {} : { body });
    expect(reply.status, `${method} ${path}: ${JSON.stringify(reply.body)}`).toBe(200);
    return reply.body;
  }

  it('an administrator signs in with a passkey enrolled through a binding link', async () => {
    const admin = await y.createIdentity('root', { display_name: 'Rita Root' }, y.adminRealmId);
    const groups = await api('GET', y.realmPath('/groups?page_size=200', y.adminRealmId));
    const administrators = groups.groups.find((g: { display_name: string }) => g.display_name === 'Administrators');
    await api('POST', y.realmPath(`/groups/${administrators.id}:addMembers`, y.adminRealmId), { identity_ids: [admin.id] });
    const job = await api('POST', y.realmPath(`/identities/${admin.id}/credential-binding-jobs`, y.adminRealmId), {
      job: { delivery_method: 'RETURN' },
    });

    ({ page } = await pageWithAuthenticator(browser));
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(job.credential_binding_link);
    await page.click('#register');
    expect(await finalStatus(page)).toMatchObject({ state: 'ok' });

    await page.goto(`${url}/console/`);
    await page.getByRole('link', { name: 'Sign in with a passkey' }).click();
    await page.click('#sign-in');
    await page.waitForURL(/\/console\/realms\//, { timeout: 20_000 });
    await expect(page.locator('.who-name').textContent()).resolves.toBe('Rita Root');
  });

  it('creates an application and shows its secret once', async () => {
    await open('/applications', 'Applications');
    await page.getByRole('button', { name: 'Add application' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add application' });
    await dialog.getByLabel('Name').fill('Flight Deck');
    await dialog.getByRole('radio', { name: /^Sign people in/ }).check();
    await dialog.getByLabel('Redirect URI 1', { exact: true }).fill('https://flightdeck.example/callback');
    await dialog.getByRole('button', { name: 'Add application' }).click();

    const shown = page.getByRole('dialog', { name: 'Credentials of Flight Deck' });
    const clientId = await shown.getByLabel('Client id').inputValue();
    const secret = await shown.getByLabel('Client secret').inputValue();
    expect(secret.length).toBeGreaterThan(20);
    await shot(page, 'application-secret-once');
    await shown.getByRole('button', { name: 'Done' }).click();

    // Read with a token without applications:read-secrets, as the console's own: no secret in it.
    const reader = await y.mintToken(['applications:read']);
    const listed = (await y.request('GET', y.realmPath('/applications?page_size=200'), { token: reader })).body;
    const app = listed.applications.find((a: { display_name: string }) => a.display_name === 'Flight Deck');
    expect(app.protocol_config).toMatchObject({ client_id: clientId, redirect_uris: ['https://flightdeck.example/callback'] });
    expect(app.protocol_config.client_secret).toBeUndefined();
    await page.getByRole('row', { name: /Flight Deck/ }).waitFor();
    await shot(page, 'applications');
  });

  it('adds an OpenID Connect application: issuer, discovery URL and client id to copy, the secret once, redirect URIs edited', async () => {
    await open('/applications', 'Applications');
    await page.getByRole('button', { name: 'Add application' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add application' });
    await dialog.getByLabel('Name').fill('Logbook');
    await dialog.getByRole('radio', { name: /^Sign people in/ }).check();
    await dialog.getByLabel('Client type').selectOption('confidential');
    await dialog.getByLabel('Redirect URI 1', { exact: true }).fill('https://logbook.example/callback');
    // "Add redirect URI" puts the cursor in the new entry: typed there, the API refuses it (too long).
    await dialog.getByRole('button', { name: 'Add redirect URI' }).click();
    await newEntryFocused();
    await page.keyboard.insertText(`https://logbook.example/${'a'.repeat(2100)}`);
    await dialog.getByLabel('PKCE').selectOption('s256');
    await dialog.getByRole('checkbox', { name: 'Enable refresh tokens' }).check();
    await dialog.getByLabel('Token lifetime (seconds)').fill('3600');
    await dialog.getByLabel('Token subject').selectOption('email');
    await dialog.getByLabel('Token format').selectOption('referential');
    await dialog.getByRole('button', { name: 'Add application' }).click();

    // The API's field violation is shown on the entry it names, and tied to it for screen readers.
    const second = dialog.getByLabel('Redirect URI 2', { exact: true });
    await expect.poll(() => second.getAttribute('aria-invalid')).toBe('true');
    await expect(dialog.locator('.field-error').textContent()).resolves.toBe('must be at most 2048 characters');
    await shot(page, 'oidc-application-field-error');
    await second.fill('https://logbook.example/silent');
    await dialog.getByRole('button', { name: 'Add application' }).click();

    const shown = page.getByRole('dialog', { name: 'Credentials of Logbook' });
    const clientId = await shown.getByLabel('Client id').inputValue();
    const secret = await shown.getByLabel('Client secret').inputValue();
    const issuer = await shown.getByLabel('Issuer').inputValue();
    const discovery = await shown.getByLabel('Discovery URL').inputValue();
    expect(secret.length).toBeGreaterThan(20);
    await shot(page, 'oidc-application-created');
    await shown.getByRole('button', { name: 'Done' }).click();

    const reader = await y.mintToken(['applications:read']);
    const listed = (await y.request('GET', y.realmPath('/applications?page_size=200'), { token: reader })).body;
    const id = listed.applications.find((a: { display_name: string }) => a.display_name === 'Logbook').id;
    expect(issuer).toBe(`${url}/v1/tenants/${y.tenantId}/realms/${y.realmId}/applications/${id}`);
    expect(discovery).toBe(`${issuer}/.well-known/openid-configuration`);
    const metadata = (await (await fetch(discovery)).json()) as { issuer: string; authorization_endpoint: string };
    expect(metadata.issuer).toBe(issuer);
    expect(metadata.authorization_endpoint).toBe(`${issuer}/authorize`);
    const read = async () => (await y.request('GET', y.realmPath(`/applications/${id}`), { token: reader })).body;
    const created = await read();
    expect(created.protocol_config).toMatchObject({
      type: 'oidc',
      client_id: clientId,
      grant_type: ['authorization_code'],
      confidentiality: 'confidential',
      token_endpoint_auth_method: 'client_secret_basic',
      redirect_uris: ['https://logbook.example/callback', 'https://logbook.example/silent'],
      pkce: 's256',
      enable_refresh_tokens: true,
      token_configuration: { expires_after: 3600, subject_field: 'email' },
      token_format: 'referential',
    });
    expect(created.protocol_config.client_secret).toBeUndefined();

    // Viewed later, the application shows what to copy, but never the secret again.
    await page.getByRole('button', { name: 'Logbook', exact: true }).click();
    const facts = page.getByRole('dialog', { name: 'Logbook' });
    await expect(facts.getByLabel('Issuer').inputValue()).resolves.toBe(issuer);
    await expect(facts.getByLabel('Discovery URL').inputValue()).resolves.toBe(discovery);
    await expect(facts.getByLabel('Client id').inputValue()).resolves.toBe(clientId);
    expect(await facts.getByLabel('Client secret').count()).toBe(0);
    await facts.getByRole('button', { name: 'Close', exact: true }).last().click();

    // Edit: remove the first redirect URI (the cursor moves to the one that took its place), add another.
    await page.getByRole('button', { name: 'Edit Logbook' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Logbook' });
    await edit.getByRole('button', { name: 'Remove Redirect URI 1' }).click();
    await expect(edit.getByLabel('Redirect URI 1', { exact: true }).inputValue()).resolves.toBe('https://logbook.example/silent');
    await edit.getByRole('button', { name: 'Add redirect URI' }).click();
    await newEntryFocused();
    await page.keyboard.insertText('https://logbook.example/v2/callback');
    await shot(page, 'oidc-application-edit');
    await edit.getByRole('button', { name: 'Save application' }).click();
    await page.getByText('Application Logbook saved').waitFor();
    const edited = await read();
    expect(edited.protocol_config).toMatchObject({
      client_id: clientId,
      redirect_uris: ['https://logbook.example/silent', 'https://logbook.example/v2/callback'],
      pkce: 's256',
      enable_refresh_tokens: true,
      token_configuration: { expires_after: 3600, subject_field: 'email' },
    });

    // A new secret is shown once too, and differs from the first.
    await page.getByRole('button', { name: 'New secret for Logbook' }).click();
    await page.getByRole('dialog', { name: 'Issue a new client secret' }).getByRole('button', { name: 'Issue new secret' }).click();
    const rotated = page.getByRole('dialog', { name: 'Credentials of Logbook' });
    const newSecret = await rotated.getByLabel('Client secret').inputValue();
    expect(newSecret.length).toBeGreaterThan(20);
    expect(newSecret).not.toBe(secret);
    await rotated.getByRole('button', { name: 'Done' }).click();
  });

  it('adds a machine-to-machine application: client credentials, no redirect URIs, no issuer', async () => {
    await page.getByRole('button', { name: 'Add application' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add application' });
    await dialog.getByLabel('Name').fill('Nightly Sync');
    await dialog.getByRole('radio', { name: /^Machine to machine/ }).check();
    expect(await dialog.getByRole('group', { name: 'Redirect URIs' }).count()).toBe(0);
    await dialog.getByRole('button', { name: 'Add application' }).click();
    const shown = page.getByRole('dialog', { name: 'Credentials of Nightly Sync' });
    const clientId = await shown.getByLabel('Client id').inputValue();
    expect((await shown.getByLabel('Client secret').inputValue()).length).toBeGreaterThan(20);
    expect(await shown.getByLabel('Issuer').count()).toBe(0);
    await shown.getByRole('button', { name: 'Done' }).click();
    const listed = await api('GET', y.realmPath('/applications?page_size=200'));
    const app = listed.applications.find((a: { display_name: string }) => a.display_name === 'Nightly Sync');
    expect(app.protocol_config).toMatchObject({
      type: 'oauth2',
      client_id: clientId,
      grant_type: ['client_credentials'],
      confidentiality: 'confidential',
    });
    expect(app.protocol_config.enable_refresh_tokens).toBeUndefined();
  });

  it('writes a rule allowing a group an application, publishes, simulates it and restores the earlier version', async () => {
    const pilots = await api('POST', y.realmPath('/groups'), { group: { display_name: 'Pilots' } });
    const amelia = await y.createIdentity('amelia', { display_name: 'Amelia Earhart' });
    await y.createIdentity('bob', { display_name: 'Bob Ground' });
    await api('POST', y.realmPath(`/groups/${pilots.id}:addMembers`), { identity_ids: [amelia.id] });
    const before = await api('GET', y.realmPath('/policy'));

    await open('/policy', 'Policy');
    await page.getByRole('button', { name: 'Add rule' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add rule' });
    await dialog.getByLabel('Name').fill('Pilots fly Flight Deck');
    await dialog.getByRole('checkbox', { name: 'Pilots' }).check();
    await dialog.getByRole('checkbox', { name: 'Flight Deck' }).check();
    await dialog.getByRole('button', { name: 'Add rule' }).click();
    // Only the new rule stays: the realm's allow-everyone rules go, so the rule alone decides.
    for (const rule of before.rules) {
      await page.getByRole('button', { name: `Delete ${rule.name}` }).click();
      await page.getByRole('dialog', { name: 'Delete rule' }).getByRole('button', { name: 'Delete rule' }).click();
    }
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText(`Policy version ${before.version + 1} published`).waitFor();

    const published = await api('GET', y.realmPath('/policy'));
    expect(published.version).toBe(before.version + 1);
    expect(published.rules).toHaveLength(1);
    const app = (await api('GET', y.realmPath('/applications?page_size=200'))).applications.find(
      (a: { display_name: string }) => a.display_name === 'Flight Deck',
    );
    expect(published.rules[0]).toMatchObject({
      name: 'Pilots fly Flight Deck',
      action: 'ALLOW',
      transaction: 'authentication',
      conditions: { groups: [pilots.id], applications: [app.id], identities: [] },
    });

    const simulate = async (who: string) => {
      const panel = page.getByRole('region', { name: 'Simulate' });
      const change = panel.getByRole('button', { name: 'Choose another identity' });
      if (await change.isVisible()) await change.click();
      await panel.getByRole('searchbox', { name: 'Identity' }).fill(who);
      await panel.getByRole('button', { name: new RegExp(who, 'i') }).click();
      await panel.getByLabel('Application').selectOption({ label: 'Flight Deck' });
      await panel.getByRole('button', { name: 'Simulate', exact: true }).click();
      const result = panel.locator('[data-decision]');
      await result.waitFor();
      return { decision: await result.getAttribute('data-decision'), text: await result.textContent() };
    };
    const allowed = await simulate('amelia');
    expect(allowed.decision).toBe('ALLOW');
    expect(allowed.text).toContain('Pilots fly Flight Deck');
    const denied = await simulate('bob');
    expect(denied.decision).toBe('DENY');
    expect(denied.text).toContain('default deny');
    await shot(page, 'policy');

    await page.getByRole('button', { name: `Restore version ${before.version}` }).click();
    await page.getByRole('dialog', { name: 'Restore version' }).getByRole('button', { name: 'Restore' }).click();
    await page.getByText(`Version ${before.version} restored as version ${before.version + 2}`).waitFor();
    const restored = await api('GET', y.realmPath('/policy'));
    expect(restored.version).toBe(before.version + 2);
    expect(restored.rules).toEqual(before.rules);
  });

  it('creates an API token with chosen scopes whose shown value works against the API, then revokes it', async () => {
    await open('/tokens', 'API tokens');
    await page.getByRole('button', { name: 'Create token' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create token' });
    await dialog.getByLabel('Name').fill('CI reader');
    await dialog.getByRole('checkbox', { name: 'identities:read', exact: true }).check();
    await dialog.getByRole('checkbox', { name: 'groups:read', exact: true }).check();
    await dialog.getByRole('button', { name: 'Create token' }).click();
    const shown = page.getByRole('dialog', { name: 'Token CI reader created' });
    const token = await shown.getByLabel('Token').inputValue();
    await shot(page, 'token-shown-once');
    await shown.getByRole('button', { name: 'Done' }).click();

    const bearer = { authorization: `Bearer ${token}` };
    const read = await fetch(`${url}${y.realmPath('/identities')}`, { headers: bearer });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { identities: unknown[] }).identities.length).toBeGreaterThan(0);
    // Only the chosen scopes: writing is refused.
    const write = await fetch(`${url}${y.realmPath('/groups')}`, {
      method: 'POST',
      headers: { ...bearer, 'content-type': 'application/json' },
      body: JSON.stringify({ group: { display_name: 'Nope' } }),
    });
    expect(write.status).toBe(403);

    const row = page.getByRole('row', { name: /CI reader/ });
    await row.waitFor();
    await shot(page, 'tokens');
    await row.getByRole('button', { name: 'Revoke CI reader' }).click();
    await page.getByRole('dialog', { name: 'Revoke token' }).getByRole('button', { name: 'Revoke token' }).click();
    await row.waitFor({ state: 'detached' });
    expect((await fetch(`${url}${y.realmPath('/identities')}`, { headers: bearer })).status).toBe(401);
  });

  it('creates a SCIM token whose values list the realm’s users through SCIM', async () => {
    await open('/scim', 'SCIM provisioning');
    await page.getByRole('button', { name: 'Create SCIM token' }).click();
    const tenantUrl = await page.getByLabel('Tenant URL').inputValue();
    const secret = await page.getByLabel('Secret Token').inputValue();
    expect(tenantUrl).toBe(`${url}/v1/tenants/${y.tenantId}/realms/${y.realmId}/scim/v2`);
    expect(await page.getByLabel('SCIM connector base URL').inputValue()).toBe(tenantUrl);
    expect(await page.getByLabel('Unique identifier field for users').inputValue()).toBe('userName');
    expect(await page.getByLabel('Authorization (Bearer)').inputValue()).toBe(secret);
    await shot(page, 'scim');

    const users = await fetch(`${tenantUrl}/Users?filter=${encodeURIComponent('userName eq "amelia"')}`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(users.status).toBe(200);
    const body = (await users.json()) as { totalResults: number; Resources: { userName: string }[] };
    expect(body.totalResults).toBe(1);
    expect(body.Resources[0]?.userName).toBe('amelia');
    // The token holds scim:all only, and only for this realm.
    expect((await fetch(`${url}${y.realmPath('/identities')}`, { headers: { authorization: `Bearer ${secret}` } })).status).toBe(403);
    const otherRealm = `${url}/v1/tenants/${y.tenantId}/realms/${y.adminRealmId}/scim/v2/Users`;
    expect((await fetch(otherRealm, { headers: { authorization: `Bearer ${secret}` } })).status).toBe(403);
  });

  it('shows the realm’s events newest first, filters them by type and expands before and after', async () => {
    await open('/activity', 'Activity');
    const first = page.locator('tbody.event').first();
    await first.waitFor();
    // The restore was the last change made in this realm.
    await expect(first.locator('.event-type').textContent()).resolves.toBe('policy.restored');
    await page.getByLabel('Type').selectOption('policy.published');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText(/^1 event$/).waitFor();
    const event = page.locator('tbody.event').first();
    // The filtered list replaces the first one: wait for it rather than read the old rows once.
    await expect.poll(() => event.locator('.event-type').textContent(), { timeout: 20_000 }).toBe('policy.published');
    await event.getByRole('button', { name: 'Before and after' }).click();
    await expect(event.getByRole('button', { name: 'Hide before and after' }).getAttribute('aria-expanded')).resolves.toBe('true');
    await expect(event.locator('pre').nth(1).textContent()).resolves.toContain('Pilots fly Flight Deck');
    await shot(page, 'activity');
  });

  it('renames a realm in tenant settings', async () => {
    await open('/settings', 'Tenant settings');
    const realm = await api('GET', y.realmPath(''));
    await page.getByRole('button', { name: `Rename ${realm.display_name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Rename ${realm.display_name}` });
    await dialog.getByLabel('Realm name').fill('Customers');
    await dialog.getByRole('button', { name: 'Save name' }).click();
    await page.getByText('Realm renamed to Customers').waitFor();
    expect((await api('GET', y.realmPath(''))).display_name).toBe('Customers');
    // The realm switcher shows the new name too.
    // (The realm list reloads after the rename; wait for it rather than read it once.)
    await expect.poll(() => page.locator('.realm-switcher option:checked').textContent(), { timeout: 20_000 }).toBe('Customers');
    await shot(page, 'settings');

    // A realm that still holds identities cannot go: the dialog says why, in the API's words.
    await page.getByRole('button', { name: 'Delete Customers' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete realm' });
    await confirm.getByRole('button', { name: 'Delete realm' }).click();
    await expect(confirm.getByRole('alert').textContent()).resolves.toContain('remove its identities, groups and applications first');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect((await y.request('GET', y.realmPath(''))).status).toBe(200);
  });

  it('shows resource servers with roles, members and scopes', async () => {
    await page.goto(`${url}/console/realms/${y.adminRealmId}/resource-servers`);
    await page.getByRole('heading', { level: 1, name: 'Resource servers and roles' }).waitFor();
    await page.getByRole('button', { name: 'Roles of yonder Management API' }).click();
    await page.getByRole('button', { name: 'Members and scopes of Tenant Administrator' }).click();
    await page.getByRole('heading', { level: 3, name: 'Tenant Administrator' }).waitFor();
    await page.locator('.member-list li', { hasText: 'Administrators' }).waitFor();
    await page.locator('.member-list code', { hasText: 'scim:all' }).waitFor();
    await shot(page, 'resource-servers');
  });

  it('fits a 390 pixel wide phone without sideways scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [path, heading] of [
      ['/applications', 'Applications'],
      ['/policy', 'Policy'],
      ['/tokens', 'API tokens'],
      ['/scim', 'SCIM provisioning'],
      ['/activity', 'Activity'],
      ['/settings', 'Tenant settings'],
    ] as const) {
      await open(path, heading);
      await page.waitForLoadState('networkidle');
      // Evaluated in the page: the test's own lib has no DOM types.
      const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      expect(overflow as number, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
    }
    await open('/policy', 'Policy');
    await shot(page, 'policy-390');
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
