import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestYonder, describeApi } from '../support/harness.js';
import {
  Browser,
  type OidcApp,
  REDIRECT_URI,
  authorize,
  authorizeUrl,
  createOidcApplication,
  locationOf,
  personWithPasskey,
  pkcePair,
  tokenRequest,
} from '../support/oidc.js';
import type { SoftAuthenticator } from '../support/soft-authenticator.js';

/**
 * The realm's policy decides who signs in to an application through OpenID Connect: at the passkey
 * step, on every authorization that reuses a session, at code exchange and refresh, and at
 * userinfo. Also: an authorization begun on one yonder is finished on another over the same store.
 */
describeApi('OpenID Connect: policy and several processes', () => {
  let y: TestYonder;
  let other: TestYonder;
  let app: OidcApp;
  let pilots: string;
  let pilot: { id: string; passkey: SoftAuthenticator };
  let passenger: { id: string; passkey: SoftAuthenticator };
  const DENY_MESSAGE = 'The Pilot Portal is for pilots only';

  beforeAll(async () => {
    y = await TestYonder.start();
    other = await TestYonder.start(y.databaseLocation);
    app = await createOidcApplication(y, { enable_refresh_tokens: true });
    pilot = await personWithPasskey(y, 'pilot');
    passenger = await personWithPasskey(y, 'passenger');
    pilots = (await y.request('POST', y.realmPath('/groups'), { body: { group: { display_name: 'Pilots' } } })).body.id;
    expect((await y.request('POST', y.realmPath(`/groups/${pilots}:addMembers`), { body: { identity_ids: [pilot.id] } })).status).toBe(200);
    const current = await y.request('GET', y.realmPath('/policy'));
    const put = await y.request('PUT', y.realmPath('/policy'), {
      body: {
        policy: {
          version: current.body.version,
          rules: [
            {
              id: 'allow-pilots',
              name: 'allow group Pilots to access the Pilot Portal',
              transaction: 'authentication',
              action: 'ALLOW',
              conditions: { groups: [pilots], applications: [app.id] },
            },
            {
              id: 'deny-portal',
              name: 'deny the Pilot Portal',
              transaction: 'authentication',
              action: 'DENY',
              conditions: { applications: [app.id] },
              deny_message: DENY_MESSAGE,
            },
            ...current.body.rules,
          ],
        },
      },
    });
    expect(put.status, put.text).toBe(200);
  });
  afterAll(async () => {
    await other?.stop();
    await y?.close();
  });

  it("a member of Pilots signs in; a non-member gets access_denied with the rule's message and no code", async () => {
    const back = await authorize(new Browser(y), authorizeUrl(app, { clientId: app.clientId, challenge: pkcePair().challenge }), pilot.passkey);
    expect(back.searchParams.get('code')).toBeTruthy();
    const refused = await authorize(
      new Browser(y),
      authorizeUrl(app, { clientId: app.clientId, challenge: pkcePair().challenge }),
      passenger.passkey,
    );
    expect(`${refused.origin}${refused.pathname}`).toBe(REDIRECT_URI);
    expect(refused.searchParams.get('error')).toBe('access_denied');
    expect(refused.searchParams.get('error_description')).toBe(DENY_MESSAGE);
    expect(refused.searchParams.has('code')).toBe(false);
    const events = await y.request('GET', y.realmPath('/events?type=authorization.denied'));
    expect(events.body.events.some((e: { resource_id: string }) => e.resource_id === passenger.id)).toBe(true);
  });

  it('leaving Pilots: refresh becomes invalid_grant, userinfo 403, and a reused session access_denied', async () => {
    const browser = new Browser(y);
    const pkce = pkcePair();
    const back = await authorize(browser, authorizeUrl(app, { clientId: app.clientId, challenge: pkce.challenge }), pilot.passkey);
    const tokens = await tokenRequest(y, app, {
      grant_type: 'authorization_code',
      code: back.searchParams.get('code') ?? '',
      redirect_uri: REDIRECT_URI,
      code_verifier: pkce.verifier,
    });
    expect(tokens.status, tokens.text).toBe(200);
    await y.request('POST', y.realmPath(`/groups/${pilots}:deleteMembers`), { body: { identity_ids: [pilot.id] } });
    try {
      const refreshed = await tokenRequest(y, app, { grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token });
      expect(refreshed.status).toBe(400);
      expect(refreshed.body.error).toBe('invalid_grant');
      const info = await y.request('GET', `${app.path}/userinfo`, { token: tokens.body.access_token });
      expect(info.status).toBe(403);
      expect(info.body.error_description).toBe(DENY_MESSAGE);
      const reused = await browser.request('GET', authorizeUrl(app, { clientId: app.clientId, challenge: pkcePair().challenge }));
      const refused = new URL(locationOf(reused));
      expect(refused.searchParams.get('error')).toBe('access_denied');
      expect(refused.searchParams.has('code')).toBe(false);
    } finally {
      await y.request('POST', y.realmPath(`/groups/${pilots}:addMembers`), { body: { identity_ids: [pilot.id] } });
    }
  });

  it('a revoked passkey ends what it signed in: refresh is invalid_grant', async () => {
    const crew = await personWithPasskey(y, 'crew');
    await y.request('POST', y.realmPath(`/groups/${pilots}:addMembers`), { body: { identity_ids: [crew.id] } });
    const pkce = pkcePair();
    const back = await authorize(new Browser(y), authorizeUrl(app, { clientId: app.clientId, challenge: pkce.challenge }), crew.passkey);
    const tokens = await tokenRequest(y, app, {
      grant_type: 'authorization_code',
      code: back.searchParams.get('code') ?? '',
      redirect_uri: REDIRECT_URI,
      code_verifier: pkce.verifier,
    });
    const credentials = await y.request('GET', y.realmPath(`/identities/${crew.id}/credentials`));
    const credentialId = credentials.body.credentials[0].id;
    const revoked = await y.request('POST', y.realmPath(`/identities/${crew.id}/credentials/${credentialId}:revoke`));
    expect(revoked.status, revoked.text).toBe(200);
    const refreshed = await tokenRequest(y, app, { grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token });
    expect(refreshed.body.error).toBe('invalid_grant');
  });

  it('authorize on one yonder, exchange the code and refresh on another over the same store', async () => {
    const pkce = pkcePair();
    const back = await authorize(new Browser(y), authorizeUrl(app, { clientId: app.clientId, challenge: pkce.challenge }), pilot.passkey);
    const tokens = await tokenRequest(other, app, {
      grant_type: 'authorization_code',
      code: back.searchParams.get('code') ?? '',
      redirect_uri: REDIRECT_URI,
      code_verifier: pkce.verifier,
    });
    expect(tokens.status, tokens.text).toBe(200);
    const refreshed = await tokenRequest(y, app, { grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token });
    expect(refreshed.status, refreshed.text).toBe(200);
    const info = await other.request('GET', `${app.path}/userinfo`, { token: refreshed.body.access_token });
    expect(info.status, info.text).toBe(200);
    expect(info.body.sub).toBe(pilot.id);
  });
});
