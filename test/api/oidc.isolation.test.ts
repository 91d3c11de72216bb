import { afterAll, beforeAll, expect, it } from 'vitest';
import { enrollThrough, signInWith } from '../support/console.js';
import { TestYonder, describeApi } from '../support/harness.js';
import { createClientApplication } from '../support/oauth-client.js';
import * as oidc from '../support/oidc.js';

/**
 * Authorize and userinfo are public by design, but leak nothing across realms or applications: an
 * application is reached only under its own realm's path, a token only at its own application's
 * userinfo, and a session only signs in to applications of its own realm. Applications that do not
 * sign people in (client credentials, an embedded authenticator) have no OpenID Connect endpoints.
 */
describeApi('OpenID Connect: isolation between realms and applications', () => {
  let y: TestYonder;
  let app: oidc.OidcApp;
  let realmB: string;

  beforeAll(async () => {
    y = await TestYonder.start();
    app = await oidc.createOidcApplication(y);
    realmB = (await y.request('POST', `/v1/tenants/${y.tenantId}/realms`, { body: { realm: { display_name: 'Realm B' } } })).body.id;
  });
  afterAll(async () => y?.close());

  it("an application is unknown under another realm's path: oidc.authorize, discovery and userinfo answer 404", async () => {
    const elsewhere = y.realmPath(`/applications/${app.id}`, realmB);
    const target = oidc.authorizeUrl({ ...app, path: elsewhere }, { clientId: app.clientId, challenge: oidc.pkcePair().challenge });
    expect((await new oidc.Browser(y).request('GET', target)).status).toBe(404);
    expect((await y.request('GET', `${elsewhere}/.well-known/openid-configuration`, { token: null })).status).toBe(404);
    expect((await y.request('GET', `${elsewhere}/userinfo`, { token: null })).status).toBe(404);
  });

  it("one application's access token is refused at another's userinfo, and its code at another's token endpoint", async () => {
    const person = await oidc.personWithPasskey(y, 'ida');
    const other = await oidc.createOidcApplication(y);
    const pkce = oidc.pkcePair();
    const back = await oidc.authorize(
      new oidc.Browser(y),
      oidc.authorizeUrl(app, { clientId: app.clientId, challenge: pkce.challenge }),
      person.passkey,
    );
    const code = back.searchParams.get('code') ?? '';
    const stolen = await oidc.tokenRequest(y, other, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: oidc.REDIRECT_URI,
      code_verifier: pkce.verifier,
    });
    expect(stolen.status).toBe(400);
    expect(stolen.body.error).toBe('invalid_grant');
    const tokens = await oidc.tokenRequest(y, app, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: oidc.REDIRECT_URI,
      code_verifier: pkce.verifier,
    });
    expect(tokens.status, tokens.text).toBe(200);
    expect((await y.request('GET', `${other.path}/userinfo`, { token: tokens.body.access_token })).status).toBe(401);
    expect((await y.request('GET', `${app.path}/userinfo`, { token: tokens.body.access_token })).status).toBe(200);
  });

  it("a session of another realm does not sign in to this realm's applications", async () => {
    const person = await y.createIdentity('beth', {}, realmB);
    const job = await y.request('POST', y.realmPath(`/identities/${person.id}/credential-binding-jobs`, realmB), {
      body: { job: { delivery_method: 'RETURN', post_binding_redirect_uri: 'http://localhost:8080/done' } },
    });
    const { passkey } = await enrollThrough(y, job.body.credential_binding_link);
    const cookie = await signInWith(y, passkey, realmB, null);
    const browser = new oidc.Browser(y);
    browser.jar.add(cookie);
    const reply = await browser.request('GET', oidc.authorizeUrl(app, { clientId: app.clientId, challenge: oidc.pkcePair().challenge }));
    const page = await browser.request('GET', oidc.locationOf(reply));
    expect(browser.jar.has('yonder_session')).toBe(true);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Sign in with a passkey');
  });

  it('a client-credentials application and one with an embedded authenticator have no authorization endpoint', async () => {
    const machine = await createClientApplication(y);
    const asMachine = oidc.authorizeUrl({ ...app, path: machine.path }, { clientId: machine.clientId, challenge: oidc.pkcePair().challenge });
    expect((await new oidc.Browser(y).request('GET', asMachine)).status).toBe(404);
    const config = await y.request('POST', y.realmPath('/authenticator-configs'), {
      body: {
        authenticator_config: {
          display_name: 'Embedded',
          config: { type: 'embedded', invoke_url: 'https://app.example.com/bind', invocation_type: 'automatic', trusted_origins: [] },
        },
      },
    });
    expect(config.status, config.text).toBe(200);
    const embedded = await oidc.createOidcApplication(y, {}, { authenticator_config_id: config.body.id });
    const asEmbedded = oidc.authorizeUrl(embedded, { clientId: embedded.clientId, challenge: oidc.pkcePair().challenge });
    expect((await new oidc.Browser(y).request('GET', asEmbedded)).status).toBe(404);
  });
});
