import type { Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TEST_ORIGIN } from '../support/console.js';
import { TestYonder, describeApi, type Reply } from '../support/harness.js';
import { MultiSiteBrowser, type OidcApp, REDIRECT_URI, authorizeUrl, createOidcApplication, pkcePair, tokenRequest } from '../support/oidc.js';
import type { SoftAuthenticator } from '../support/soft-authenticator.js';
import { allowRedirects, tamperingTokenProxy, upstreamPerson, upstreamYonder, verifyingConfig } from '../support/federation.js';

/**
 * "Sign in with <identity provider>" on the hosted sign-in pages, with a second yonder (its own
 * store, listening on a port) as the upstream, as in federation.enrollment.test.ts: a realm that
 * offers the provider shows its link; the person is matched by the identifying claim to exactly
 * one identity, gets a session and an OpenID Connect code for a relying party of the realm. A
 * provider not offered has no link and its start is refused; no match, two matches and a tampered
 * ID token are refused with no session; nothing is ever created.
 */
describeApi('sign in with an upstream identity provider (a second yonder as the upstream)', () => {
  let y: TestYonder;
  let upstream: TestYonder;
  let upstreamOrigin: string;
  let upstreamApp: OidcApp;
  let tamperer: Server;
  let main: { idpId: string };
  let tampered: { idpId: string };
  const upstreamPasskeys = new Map<string, SoftAuthenticator>();

  /** A browser that reaches both yonders, each site with its own cookies. */
  const web = () => new MultiSiteBrowser({ [TEST_ORIGIN]: y, [upstreamOrigin]: upstream });
  const hosted = (rest: string) => `${TEST_ORIGIN}/hosted/tenants/${y.tenantId}/realms/${y.realmId}${rest}`;
  const reasonOf = (reply: Reply) => /data-reason="([^"]*)"/.exec(reply.text)?.[1];
  const linkOf = (page: Reply, idpId: string) =>
    new RegExp(`data-identity-provider-id="${idpId}" href="([^"]*)"`).exec(page.text)?.[1]?.replaceAll('&amp;', '&');

  /**
   * Follows `start` in `browser`, signing in upstream with `upstreamUser`'s passkey when its page
   * asks, until a page answers or a redirect leaves this server (to the relying party).
   */
  async function follow(browser: MultiSiteBrowser, start: string, upstreamUser: string): Promise<{ reply: Reply | null; left: URL | null }> {
    let url = new URL(start, TEST_ORIGIN);
    for (let hops = 0; hops < 14; hops++) {
      if (url.origin !== TEST_ORIGIN && url.origin !== upstreamOrigin) return { reply: null, left: url };
      const reply = await browser.request('GET', url.href);
      if (reply.status === 302 || reply.status === 303) {
        url = new URL(String(reply.headers.location), url);
        continue;
      }
      if (reply.status === 200 && url.origin === upstreamOrigin && url.pathname.includes('/interaction/')) {
        const base = `${url.origin}${url.pathname}`;
        const options = await browser.request('POST', `${base}/options`, { body: {} });
        const verified = await browser.request('POST', `${base}/verify`, {
          body: { challenge_id: options.body.challenge_id, response: upstreamPasskeys.get(upstreamUser)?.authenticate(options.body.options) },
        });
        expect(verified.status, verified.text).toBe(200);
        url = new URL(verified.body.redirect_uri, url);
        continue;
      }
      return { reply, left: null };
    }
    throw new Error('too many redirects');
  }

  /** Starts at the realm's hosted sign-in page, through its link for `idpId`. */
  async function signInThrough(idpId: string, upstreamUser: string) {
    const browser = web();
    const page = await browser.request('GET', hosted('/sign-in'));
    const link = linkOf(page, idpId);
    expect(link, page.text).toBeDefined();
    const { reply } = await follow(browser, String(link), upstreamUser);
    const session = await browser.request('GET', hosted('/session'));
    return { reply, session };
  }

  beforeAll(async () => {
    // The redirect URL is the provider's, known once it exists: the app starts with a placeholder.
    ({ upstream, origin: upstreamOrigin, app: upstreamApp } = await upstreamYonder());
    y = await TestYonder.start();
    for (const [username, email] of [
      ['alice', 'alice@corp.example'],
      ['bob', 'bob@elsewhere.example'],
      ['twin', 'twin@corp.example'],
    ] as const) {
      upstreamPasskeys.set(username, await upstreamPerson(upstream, upstreamOrigin, username, email));
    }
    // The upstream's token endpoint behind a proxy that rewrites the ID token's email to Alice's.
    const proxy = await tamperingTokenProxy(`${upstreamOrigin}${upstreamApp.path}/token`, 'alice@corp.example');
    tamperer = proxy.server;
    const issuer = `${upstreamOrigin}${upstreamApp.path}`;
    main = await verifyingConfig(y, issuer, upstreamApp);
    tampered = await verifyingConfig(y, issuer, upstreamApp, { token_url: proxy.tokenUrl });
    const redirects = await Promise.all(
      [main, tampered].map(async (p) => (await y.request('GET', y.realmPath(`/identity-providers/${p.idpId}`))).body.protocol_config.redirect_url),
    );
    await allowRedirects(upstream, upstreamApp.id, redirects);
    for (const [username, email] of [
      ['alice', 'alice@corp.example'],
      ['twin-one', 'twin@corp.example'],
      ['twin-two', 'twin@corp.example'],
    ]) {
      await y.createIdentity(String(username), { traits: { type: 'traits_v0', username, primary_email_address: email } });
    }
  }, 60_000);
  afterAll(async () => {
    tamperer?.close();
    await y?.close();
    await upstream?.close();
  });

  it('a provider the realm does not offer has no link, and its start is refused', async () => {
    const page = await web().request('GET', hosted('/sign-in'));
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('identity-providers');
    const start = await web().request('GET', hosted(`/identity-providers/${main.idpId}/sign-in`));
    expect(start.status).toBe(404);
    expect(reasonOf(start)).toBe('idp_sign_in_disabled');
    const unknown = await y.request('PUT', y.realmPath('/account-settings'), {
      body: { allow_removing_last_passkey: false, sign_in_identity_providers: ['nope'] },
    });
    expect(unknown.status, unknown.text).toBe(400);
  });

  it('offered: the matched person gets a session and a relying party of the realm its code (amr fed)', async () => {
    const put = await y.request('PUT', y.realmPath('/account-settings'), {
      body: { allow_removing_last_passkey: false, sign_in_identity_providers: [main.idpId, tampered.idpId] },
    });
    expect(put.status, put.text).toBe(200);
    expect(put.body.sign_in_identity_providers).toEqual([main.idpId, tampered.idpId]);

    const rp = await createOidcApplication(y);
    const pkce = pkcePair();
    const browser = web();
    const begun = await browser.request('GET', authorizeUrl(rp, { clientId: rp.clientId, challenge: pkce.challenge }));
    const interaction = String(begun.headers.location);
    const page = await browser.request('GET', interaction);
    expect(page.text).toContain('Sign in with Upstream yonder');
    const { left, reply: stuck } = await follow(browser, String(linkOf(page, main.idpId)), 'alice');
    expect(stuck, `${stuck?.status} ${stuck?.text.slice(0, 1500)}`).toBeNull();
    expect(left?.href.startsWith(REDIRECT_URI), String(left)).toBe(true);
    const tokens = await tokenRequest(y, rp, {
      grant_type: 'authorization_code',
      code: left?.searchParams.get('code') ?? '',
      redirect_uri: REDIRECT_URI,
      code_verifier: pkce.verifier,
    });
    expect(tokens.status, tokens.text).toBe(200);
    const idToken = JSON.parse(Buffer.from(tokens.body.id_token.split('.')[1], 'base64url').toString());
    expect(idToken.email).toBe('alice@corp.example');
    expect(idToken.amr).toEqual(['fed']);

    const session = await browser.request('GET', hosted('/session'));
    expect(session.status, session.text).toBe(200);
    expect(session.body.username).toBe('alice');
    // The provider's session is not a passkey: adding one on the account page asks for a passkey first.
    const adding = await browser.request('POST', hosted('/account/passkeys/options'), { body: {}, headers: { 'x-yonder-account': '1' } });
    expect(adding.status, adding.text).toBe(403);
    expect(adding.body.reason).toBe('reauthentication_required');
    const events = await y.request('GET', y.realmPath('/events?type=sign_in.succeeded'));
    expect(events.body.events[0].after).toMatchObject({ method: 'identity_provider', application_id: rp.id });
  });

  it('a claim matching no identity or two, and a tampered ID token, are refused with no session; nobody is created', async () => {
    const before = (await y.request('GET', y.realmPath('/identities'))).body.total_size;
    const none = await signInThrough(main.idpId, 'bob');
    expect(none.reply?.status).toBe(403);
    expect(reasonOf(none.reply as Reply)).toBe('upstream_no_match');
    expect(none.session.status).toBe(401);

    const two = await signInThrough(main.idpId, 'twin');
    expect(reasonOf(two.reply as Reply)).toBe('upstream_ambiguous');
    expect(two.session.status).toBe(401);

    // Bob signs in upstream; the proxy rewrites his ID token to claim Alice's email.
    const forged = await signInThrough(tampered.idpId, 'bob');
    expect(forged.reply?.status).toBe(400);
    expect(reasonOf(forged.reply as Reply)).toBe('upstream_failed');
    expect(forged.session.status).toBe(401);

    // A suspended match is refused too.
    const alice = (await y.request('GET', y.realmPath('/identities?filter=traits.username%20eq%20%22alice%22'))).body.identities[0].id;
    await y.request('PATCH', y.realmPath(`/identities/${alice}`), { body: { identity: { status: 'suspended' } } });
    const suspended = await signInThrough(main.idpId, 'alice');
    expect(reasonOf(suspended.reply as Reply)).toBe('suspended');
    expect(suspended.session.status).toBe(401);

    expect((await y.request('GET', y.realmPath('/identities'))).body.total_size).toBe(before);
    const failed = await y.request('GET', y.realmPath('/events?type=sign_in.failed'));
    expect(failed.body.events.map((e: { after: { reason: string } }) => e.after.reason).sort()).toEqual(
      ['suspended', 'upstream_ambiguous', 'upstream_failed', 'upstream_no_match'].sort(),
    );
  });
});
