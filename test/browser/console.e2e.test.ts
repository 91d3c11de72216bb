import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestYonder } from '../support/harness.js';
import { type TestSmtp, linkIn, startSmtp } from '../support/smtp.js';
import { type Browser, finalStatus, launchBrowser, listeningYonder, pageWithAuthenticator, screenshot } from '../support/browser.js';

/**
 * The Admin Console's directory screens driven as an administrator would: a passkey enrolled
 * through the bootstrap link, signed in on the hosted sign-in page, then the seed's "Directory →
 * Identities → Add identity" and the rest of an identity's life. The steps share one signed-in
 * page and run in order. Screenshots go to test-artifacts/console/.
 */
describe('Admin Console directory in headless Chromium (on SQLite: the pages call the same routes the API suite runs on both engines)', () => {
  let y: TestYonder;
  let url: string;
  let browser: Browser;
  let smtp: TestSmtp;
  let page: Page;
  let adminId: string;
  let identityId: string;
  let groupId: string;
  /** Uncaught exceptions and Content-Security-Policy refusals seen by the console page. */
  const problems: string[] = [];

  const shot = (name: string) => screenshot(page, `console/${name}`);
  const button = (name: string) => page.getByRole('button', { name, exact: true });
  const dialog = (name: string | RegExp) => page.getByRole('dialog', { name });
  const toast = (text: string) => page.locator('.toast', { hasText: text }).waitFor();
  const api = (method: string, path: string, body?: unknown, realmId?: string) =>
    y.request(method, y.realmPath(path, realmId), body === undefined ? {} : { body });

  beforeAll(async () => {
    smtp = await startSmtp();
    ({ y, url } = await listeningYonder({ config: { smtpUrl: smtp.url } }));
    browser = await launchBrowser();
    const admins = await api('GET', `/identities?filter=${encodeURIComponent('traits.username eq "admin"')}`, undefined, y.adminRealmId);
    adminId = admins.body.identities[0].id;
  });
  afterAll(async () => {
    await browser?.close();
    await y?.close();
    await smtp?.close();
  });

  it('the bootstrap link enrolls the admin passkey, and the hosted sign-in page signs in to the console', async () => {
    const link = y.bootstrap.consoleLink;
    expect(link).toBeTruthy();
    ({ page } = await pageWithAuthenticator(browser));
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) problems.push(message.text());
    });
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.goto(link as string);
    await page.click('#register');
    await page.waitForURL(`${url}/console/**`, { timeout: 20_000 });
    // Enrolling does not sign in: the console offers the hosted sign-in page, which comes back.
    await page.getByRole('link', { name: 'Sign in with a passkey' }).click();
    await page.click('#sign-in');
    await page.waitForURL(`${url}/console/realms/${y.realmId}/identities`, { timeout: 20_000 });
    await page.getByRole('heading', { name: 'Identities', level: 1 }).waitFor();
    expect(await page.locator('.who-name').textContent()).toBeTruthy();
  }, 60_000);

  it('adds an identity as the seed describes: Identities > Add identity, name, username, email, Add Identity', async () => {
    await page.getByRole('link', { name: 'Identities', exact: true }).click();
    await button('Add identity').click();
    const add = dialog('Add identity');
    await add.getByLabel(/^Name/).fill('Test Identity');
    await add.getByLabel(/^Username/).fill('test');
    await add.getByLabel(/^Email/).fill('test@example.com');
    await shot('add-identity-1280');
    await add.getByRole('button', { name: 'Add Identity', exact: true }).click();
    await toast('Added Test Identity.');
    await page.getByRole('link', { name: 'Test Identity' }).waitFor();
    await shot('identities-1280');

    const listed = await api('GET', `/identities?filter=${encodeURIComponent('traits.username eq "test"')}`);
    expect(listed.status).toBe(200);
    expect(listed.body.identities).toHaveLength(1);
    expect(listed.body.identities[0]).toMatchObject({
      display_name: 'Test Identity',
      traits: { username: 'test', primary_email_address: 'test@example.com' },
    });
    identityId = listed.body.identities[0].id;
  });

  it('a taken username shows an inline error on the Username field and adds nothing', async () => {
    await button('Add identity').click();
    const add = dialog('Add identity');
    await add.getByLabel(/^Name/).fill('Someone Else');
    await add.getByLabel(/^Username/).fill('TEST');
    await add.getByRole('button', { name: 'Add Identity', exact: true }).click();
    const username = add.getByLabel(/^Username/);
    await add.getByText('The username “TEST” is already taken in this realm. Choose another.').waitFor();
    expect(await username.getAttribute('aria-invalid')).toBe('true');
    await shot('add-identity-taken-1280');

    // An email the API refuses is shown on the Email field, in the API's words.
    await username.fill('someone');
    await add.getByLabel(/^Email/).fill('not-an-email');
    await add.getByRole('button', { name: 'Add Identity', exact: true }).click();
    await add.getByText('Email must be an email address.').waitFor();
    await add.getByRole('button', { name: 'Cancel' }).click();
    const all = await api('GET', '/identities');
    expect(all.body.identities.map((i: { traits: { username: string } }) => i.traits.username)).toEqual(['test']);
  });

  it('the search box finds identities by username, email and name through the API filter', async () => {
    for (let i = 0; i < 3; i++) await y.createIdentity(`other${i}`, { display_name: `Other Person ${i}` });
    const search = page.getByLabel('Search identities');
    await search.fill('test@');
    await page.getByText('1 matching “test@”').waitFor();
    await search.fill('other person');
    await page.getByText('3 matching “other person”').waitFor();
    expect(await page.getByRole('link', { name: 'Test Identity' }).count()).toBe(0);
    await search.fill('');
    await page.getByText('4 identities').waitFor();
  });

  it('creates a group, adds the identity with the picker, and explains why a group with members cannot be deleted', async () => {
    await page.getByRole('link', { name: 'Groups', exact: true }).click();
    await button('Create group').click();
    const create = dialog('Create group');
    await create.getByLabel(/^Name/).fill('Engineering');
    await create.getByLabel('Description').fill('People who build things');
    await create.getByRole('button', { name: 'Create group' }).click();
    await toast('Created the group Engineering.');
    await shot('groups-1280');

    await page.getByRole('link', { name: 'Engineering' }).click();
    await page.getByRole('heading', { name: 'Engineering', level: 1 }).waitFor();
    groupId = page.url().split('/').pop() as string;
    await button('Add members').click();
    const picker = dialog('Add members to Engineering');
    await picker.getByLabel('Find identities').fill('test');
    await picker.getByRole('checkbox', { name: /Test Identity/ }).check();
    await shot('group-add-members-1280');
    await picker.getByRole('button', { name: 'Add 1 member' }).click();
    await toast('Added Test Identity to Engineering.');
    await page.getByRole('heading', { name: 'Members (1)' }).waitFor();
    await shot('group-detail-1280');
    const members = await api('GET', `/groups/${groupId}:listMembers`);
    expect(members.body.identities.map((i: { id: string }) => i.id)).toEqual([identityId]);

    await button('Delete').click();
    const refuse = dialog('Delete Engineering?');
    await refuse.getByText('Engineering cannot be deleted while it has members (1 now)').waitFor();
    expect(await refuse.getByRole('button', { name: 'Delete group' }).count()).toBe(0);
    await refuse.getByRole('button', { name: 'OK', exact: true }).click();
    expect((await api('GET', `/groups/${groupId}`)).status).toBe(200);
  });

  it('the identity page edits the profile and lists the groups', async () => {
    await page.getByRole('link', { name: 'Test Identity' }).click();
    await page.getByRole('heading', { name: 'Test Identity', level: 1 }).waitFor();
    await page.getByLabel('Given name').fill('Testy');
    await button('Save profile').click();
    await toast('Saved the profile of Test Identity.');
    expect((await api('GET', `/identities/${identityId}`)).body.traits.given_name).toBe('Testy');
    await shot('identity-profile-1280');

    // The tabs follow the WAI-ARIA pattern: arrow keys move between them.
    await page.getByRole('tab', { name: 'Profile' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('tab', { name: 'Groups' }).getAttribute('aria-selected')).toBe('true');
    await page.getByRole('link', { name: 'Engineering' }).waitFor();
    await shot('identity-groups-1280');
  });

  it('Add passkey with RETURN shows a link that enrolls in a second browser; the passkey is then revoked', async () => {
    await page.getByRole('tab', { name: 'Passkeys' }).click();
    await button('Add passkey').click();
    const add = dialog('Add a passkey for Test Identity');
    await add.getByRole('radio', { name: /Show me the link/ }).check();
    await add.getByRole('button', { name: 'Create link' }).click();
    const field = add.getByLabel('Enrollment link');
    await field.waitFor();
    const link = await field.inputValue();
    expect(link.startsWith(`${url}/v1/tenants/${y.tenantId}/realms/${y.realmId}/identities/${identityId}/credential-binding-jobs/`)).toBe(true);
    await shot('identity-add-passkey-link-1280');

    const other = await launchBrowser();
    try {
      const { page: elsewhere } = await pageWithAuthenticator(other);
      await elsewhere.goto(link);
      await elsewhere.click('#register');
      expect(await finalStatus(elsewhere)).toMatchObject({ state: 'ok' });
    } finally {
      await other.close();
    }

    await add.getByRole('button', { name: 'Done' }).click();
    await button('Refresh').click();
    const table = page.getByRole('table', { name: 'Passkeys of Test Identity' });
    await table.getByText('Active').waitFor();
    await shot('identity-passkeys-1280');
    const [credential] = (await api('GET', `/identities/${identityId}/credentials`)).body.credentials;
    expect(credential.state).toBe('ACTIVE');

    // Renames it (the name its person sees on the account page), ends every session, sends a recovery link.
    await page.getByRole('button', { name: `Rename passkey ${credential.id}` }).click();
    await dialog('Rename passkey').getByLabel('Name').fill('Desk key');
    await dialog('Rename passkey').getByRole('button', { name: 'Save name' }).click();
    await toast('Renamed the passkey to Desk key.');
    await table.getByText('Desk key').waitFor();
    expect((await api('GET', `/identities/${identityId}/passkeys`)).body.passkeys[0].name).toBe('Desk key');
    await button('Sign out everywhere').click();
    await dialog('Sign out everywhere').getByRole('button', { name: 'Sign out everywhere' }).click();
    await toast('Ended every session of Test Identity.');
    const mailed = smtp.messages.length;
    await button('Send recovery link').click();
    await dialog('Send recovery link').getByRole('button', { name: 'Send link' }).click();
    await toast('Sent a recovery link to Test Identity.');
    await smtp.waitFor(mailed + 1);
    await shot('identity-passkeys-actions-1280');

    await page.getByRole('button', { name: `Revoke passkey ${credential.id}` }).click();
    await dialog('Revoke passkey').getByRole('button', { name: 'Revoke passkey' }).click();
    await toast('Revoked a passkey of Test Identity.');
    await table.getByText('Revoked', { exact: true }).waitFor();
    expect((await api('GET', `/identities/${identityId}/credentials/${credential.id}`)).body.state).toBe('REVOKED');

    // EMAIL sends the link to the identity's address instead of showing it.
    const before = smtp.messages.length;
    await button('Add passkey').click();
    await add.getByRole('radio', { name: /Email it/ }).check();
    await add.getByRole('button', { name: 'Send email' }).click();
    await add.getByText('An enrollment link was sent to test@example.com.', { exact: false }).waitFor();
    await smtp.waitFor(before + 1);
    expect(linkIn(smtp.messages[before]!.raw)).toContain(`/identities/${identityId}/credential-binding-jobs/`);
    await add.getByRole('button', { name: 'Done' }).click();
  }, 60_000);

  it('suspends and then deletes the identity, each after confirmation', async () => {
    await button('Suspend').click();
    await dialog('Suspend Test Identity?').getByRole('button', { name: 'Suspend identity' }).click();
    await toast('Suspended Test Identity.');
    await button('Unsuspend').waitFor();
    expect((await api('GET', `/identities/${identityId}`)).body.status).toBe('suspended');

    await button('Delete').click();
    await dialog('Delete Test Identity?').getByRole('button', { name: 'Delete identity' }).click();
    await page.waitForURL(`${url}/console/realms/${y.realmId}/identities`);
    await toast('Deleted Test Identity.');
    expect((await api('GET', `/identities/${identityId}`)).status).toBe(404);
    // With its last member gone, the group can be deleted.
    await page.getByRole('link', { name: 'Groups', exact: true }).click();
    await page.getByRole('button', { name: 'Delete Engineering' }).click();
    await dialog('Delete Engineering?').getByRole('button', { name: 'Delete group' }).click();
    await toast('Deleted the group Engineering.');
    expect((await api('GET', `/groups/${groupId}`)).status).toBe(404);
  });

  it("the admin's roles show the Tenant Administrator role held through Administrators", async () => {
    await page.goto(`${url}/console/realms/${y.adminRealmId}/identities/${adminId}?tab=roles`);
    const roles = page.getByRole('table', { name: /^Roles of/ });
    await roles.getByText('Tenant Administrator').waitFor();
    await roles.getByRole('link', { name: 'Administrators' }).waitFor();
    await shot('identity-roles-1280');
  });

  it('Webhooks: Add webhook shows the signing secret once, the list shows the endpoint, and Delete removes it', async () => {
    await page.getByRole('link', { name: 'Webhooks', exact: true }).click();
    await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();
    await button('Add webhook').click();
    const adding = dialog('Add webhook');
    await adding.getByLabel('URL').fill('http://127.0.0.1/inside');
    await adding.getByRole('button', { name: 'Add webhook' }).click();
    // Inside the network: refused on the field, nothing added.
    await adding.getByText(/must not point at a loopback destination/).waitFor();
    await adding.getByLabel('URL').fill('https://203.0.113.40/siem');
    await adding.getByRole('button', { name: 'Add webhook' }).click();
    const secret = await dialog('Webhook added').getByLabel('Signing secret').inputValue();
    expect(secret).toMatch(/^whsec_/);
    await shot('webhook-added-1280');
    await dialog('Webhook added').getByRole('button', { name: 'Done' }).click();
    const table = page.getByRole('table', { name: 'Webhook endpoints' });
    await table.getByText('https://203.0.113.40/siem').waitFor();
    await table.getByText('Waiting for the first event').waitFor();
    expect(await table.textContent()).not.toContain(secret);
    await button('Delete https://203.0.113.40/siem').click();
    await dialog('Delete webhook').getByRole('button', { name: 'Delete webhook' }).click();
    await page.getByText('No webhooks yet.').waitFor();
  });

  it('the identities list works at phone width', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${url}/console/realms/${y.realmId}/identities`);
    await page.getByRole('link', { name: 'Other Person 0' }).waitFor();
    await shot('identities-390');
    // The page itself never scrolls sideways (a wide table scrolls inside its own box).
    const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it('pages through identities with page tokens and deletes a selection in bulk', async () => {
    for (let i = 0; i < 50; i++) await y.createIdentity(`bulk${String(i).padStart(2, '0')}`, { display_name: `Bulk ${i}` });
    await page.goto(`${url}/console/realms/${y.realmId}/identities`);
    await page.getByText('53 identities').waitFor();
    const rows = page.getByRole('table', { name: 'Identities' }).locator('tbody tr');
    expect(await rows.count()).toBe(50);
    await button('Next').click();
    await page.getByText('Page 2').waitFor();
    await rows.nth(3).waitFor({ state: 'detached' });
    expect(await rows.count()).toBe(3);
    await button('Previous').click();
    await page.getByText('Page 1').waitFor();

    await page.getByLabel('Search identities').fill('bulk0');
    await page.getByText('10 matching “bulk0”').waitFor();
    await page.getByRole('checkbox', { name: 'Select all rows on this page' }).check();
    await page.getByText('10 selected').waitFor();
    await shot('identities-selected-1280');
    await button('Delete').click();
    await dialog('Delete identities').getByRole('button', { name: 'Delete 10' }).click();
    await toast('Deleted 10 identities.');
    await page.getByText('No identity matches “bulk0”.').waitFor();
    const left = await api('GET', `/identities?filter=${encodeURIComponent('traits.username sw "bulk"')}`);
    expect(left.body.total_size).toBe(40);
  }, 60_000);

  it('an admin removed from Administrators loses the console on the next request', async () => {
    const groups = await api('GET', '/groups', undefined, y.adminRealmId);
    const administrators = groups.body.groups.find((g: { display_name: string }) => g.display_name === 'Administrators');
    const removed = await api('POST', `/groups/${administrators.id}:deleteMembers`, { identity_ids: [adminId] }, y.adminRealmId);
    expect(removed.status).toBe(200);
    // Verified tokens are cached for up to a second; the request after that is refused.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await page.getByRole('link', { name: 'Groups', exact: true }).click();
    await page.getByRole('heading', { name: 'No access to the Admin Console' }).waitFor();
    await shot('no-access-1280');
  });

  it('ran without a script error or a Content-Security-Policy refusal', () => {
    expect(problems).toEqual([]);
  });
});
