import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestYonder, describeApi } from '../support/harness.js';
import { Browser, type OidcApp, REDIRECT_URI, authorize, authorizeUrl, personWithPasskey, pkcePair } from '../support/oidc.js';
import type { SoftAuthenticator } from '../support/soft-authenticator.js';

/**
 * Issue 18, acceptance 2: a generic_oidc SSO config assigned to group G. A member signs in to the
 * relying party through it; a non-member is refused (access_denied, before any policy rule); the
 * app launcher shows the tile to the member only. Sign-ins are driven without a browser, as in
 * oidc.policy.test.ts.
 */
describeApi('SSO configs gate sign-in and fill the app launcher', () => {
  let y: TestYonder;
  let app: OidcApp;
  let configId: string;
  let member: { id: string; passkey: SoftAuthenticator };
  let outsider: { id: string; passkey: SoftAuthenticator };

  beforeAll(async () => {
    y = await TestYonder.start();
    member = await personWithPasskey(y, 'sso-member');
    outsider = await personWithPasskey(y, 'sso-outsider');
    const group = await y.request('POST', y.realmPath('/groups'), { body: { group: { display_name: 'G' } } });
    expect((await y.request('POST', y.realmPath(`/groups/${group.body.id}:addMembers`), { body: { identity_ids: [member.id] } })).status).toBe(200);
    const created = await y.request('POST', y.realmPath('/sso-configs'), {
      body: {
        sso_config: {
          display_name: 'Flight Planner',
          payload: {
            type: 'generic_oidc',
            redirect_uris: [REDIRECT_URI],
            scopes: ['openid', 'profile', 'email'],
            confidentiality: 'confidential',
            pkce: 's256',
            login_link: 'https://rp.example/login',
            is_tile_visible: true,
          },
        },
      },
    });
    expect(created.status, created.text).toBe(200);
    configId = created.body.id;
    const payload = created.body.payload;
    const path = y.realmPath(`/applications/${payload.application_id}`);
    app = {
      id: payload.application_id,
      clientId: payload.client_id,
      clientSecret: payload.client_secret,
      path,
      issuer: payload.oidc_configuration.issuer,
    };
    const assigned = await y.request('POST', y.realmPath(`/sso-configs/${configId}:addGroups`), { body: { group_ids: [group.body.id] } });
    expect(assigned.status).toBe(200);
    // Tiles the member must not see: one hidden, one assigned to nobody; and one a javascript: link must not make clickable.
    for (const [name, extra] of [
      ['Hidden Wiki', { is_tile_visible: false }],
      ['Unassigned', {}],
    ] as const) {
      const made = await y.request('POST', y.realmPath('/sso-configs'), {
        body: { sso_config: { display_name: name, payload: { type: 'bookmark', login_link: 'https://wiki.example/', ...extra } } },
      });
      if (name === 'Hidden Wiki')
        await y.request('POST', y.realmPath(`/sso-configs/${made.body.id}:addGroups`), { body: { group_ids: [group.body.id] } });
    }
    const trap = await y.request('POST', y.realmPath('/sso-configs'), {
      body: { sso_config: { display_name: 'Trap', payload: { type: 'bookmark', login_link: 'javascript:alert(1)' } } },
    });
    await y.request('POST', y.realmPath(`/sso-configs/${trap.body.id}:addIdentities`), { body: { identity_ids: [member.id] } });
  });
  afterAll(async () => y?.close());

  const signIn = (passkey: SoftAuthenticator) =>
    authorize(new Browser(y), authorizeUrl(app, { clientId: app.clientId, challenge: pkcePair().challenge }), passkey);

  it('a member of G signs in to the relying party through the config; a non-member gets access_denied and no code', async () => {
    const back = await signIn(member.passkey);
    expect(back.searchParams.get('code')).toBeTruthy();
    const refused = await signIn(outsider.passkey);
    expect(refused.searchParams.get('error')).toBe('access_denied');
    expect(refused.searchParams.get('code')).toBeNull();
    const events = await y.request('GET', y.realmPath(`/events?type=policy.evaluated&resource_id=${outsider.id}`));
    expect(events.body.events.some((e: { after?: { rule_id?: string } }) => e.after?.rule_id === 'sso_config_not_assigned')).toBe(true);
  });

  it('assigning the identity itself lets it in; unassigning refuses it again', async () => {
    const path = y.realmPath(`/sso-configs/${configId}`);
    await y.request('POST', `${path}:addIdentities`, { body: { identity_ids: [outsider.id] } });
    expect((await signIn(outsider.passkey)).searchParams.get('code')).toBeTruthy();
    await y.request('POST', `${path}:deleteIdentities`, { body: { identity_ids: [outsider.id] } });
    expect((await signIn(outsider.passkey)).searchParams.get('error')).toBe('access_denied');
  });

  /** Signs in on the realm's hosted page and opens the launcher with that session. */
  async function launcherOf(passkey: SoftAuthenticator) {
    const browser = new Browser(y);
    const hosted = `/hosted/tenants/${y.tenantId}/realms/${y.realmId}`;
    const first = await browser.request('GET', `${hosted}/apps`);
    expect(first.status).toBe(303);
    expect(String(first.headers.location)).toBe(`${hosted}/sign-in?return_to=${encodeURIComponent(`${hosted}/apps`)}`);
    const options = await browser.request('POST', `${hosted}/sign-in/options`, { body: {} });
    const verified = await browser.request('POST', `${hosted}/sign-in/verify`, {
      body: { challenge_id: options.body.challenge_id, response: passkey.authenticate(options.body.options) },
    });
    expect(verified.status, verified.text).toBe(200);
    const page = await browser.request('GET', `${hosted}/apps`);
    expect(page.status).toBe(200);
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(page.text).not.toMatch(/<script(?![^>]*src=)/);
    return page.text;
  }

  it('the launcher shows the tile to the member only, linking to its login link; hidden and foreign tiles stay away', async () => {
    const mine = await launcherOf(member.passkey);
    expect(mine).toContain(`data-sso-config-id="${configId}"`);
    expect(mine).toContain('href="https://rp.example/login"');
    expect(mine).not.toContain('Hidden Wiki');
    expect(mine).not.toContain('Unassigned');
    expect(mine).toContain('Trap');
    expect(mine).not.toContain('javascript:');
    const theirs = await launcherOf(outsider.passkey);
    expect(theirs).not.toContain(configId);
    expect(theirs).toContain('No application is assigned to you yet.');
  });
});
