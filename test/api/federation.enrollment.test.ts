import { type IncomingMessage, type Server, createServer } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TEST_ORIGIN } from '../support/console.js';
import { TestYonder, describeApi, type Reply } from '../support/harness.js';
import { Browser, MultiSiteBrowser, type OidcApp, type Requester } from '../support/oidc.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';
import { allowRedirects, upstreamPerson, upstreamSettings, upstreamYonder, verifyingConfig } from '../support/federation.js';

/**
 * "Verify with an external identity provider before enrollment", with a second yonder as the
 * upstream: its own store, listening on a port, with its own OpenID Connect application and people
 * with passkeys. The yonder under test (at its default public URL) verifies its binding links there
 * (a `console` authenticator configuration naming an `oidc_idp` identity provider); its relying
 * party really calls the upstream over HTTP (discovery, token, JWKS); the browser is driven with
 * fetch, each site with its own cookies.
 * Acceptance: the right person enrolls; a claim that matches no identity, two identities, another
 * identity, a missing claim and a tampered ID token are all refused, and nothing is enrolled.
 */
describeApi('identity-provider-verified enrollment through a second yonder as the upstream', () => {
  let y: TestYonder;
  let upstream: TestYonder;
  let upstreamOrigin: string;
  let upstreamApp: OidcApp;
  let tamperer: Server;
  let tampererOrigin: string;
  const pushed: URLSearchParams[] = [];
  const upstreamPasskeys = new Map<string, SoftAuthenticator>();

  /** A browser that reaches both yonders. */
  const web = () => new MultiSiteBrowser({ [TEST_ORIGIN]: y, [upstreamOrigin]: upstream });

  /** Enrolls a passkey on a binding link in `browser` (which carries its cookies); answers the last reply and the passkey. */
  async function enroll(browser: Browser | MultiSiteBrowser, link: string): Promise<{ reply: Reply; passkey: SoftAuthenticator }> {
    const url = new URL(link);
    const base = url.origin + url.pathname.replace(/^\/v1\//, '/hosted/').replace(/:invokeAuthenticator$/, '');
    const token = url.searchParams.get('token');
    const passkey = new SoftAuthenticator(url.origin);
    const begun = await browser.request('POST', `${base}/registration-options`, { body: { token } });
    if (begun.status !== 200) return { reply: begun, passkey };
    const reply = await browser.request('POST', `${base}/registration`, {
      body: { token, challenge_id: begun.body.challenge_id, response: passkey.register(begun.body.options) },
    });
    return { reply, passkey };
  }

  async function upstreamHas(username: string, email: string): Promise<void> {
    upstreamPasskeys.set(username, await upstreamPerson(upstream, upstreamOrigin, username, email));
  }

  async function downstreamPerson(username: string, email: string): Promise<string> {
    return (await y.createIdentity(username, { traits: { type: 'traits_v0', username, primary_email_address: email } })).id;
  }

  async function linkFor(identityId: string, configId: string): Promise<string> {
    const job = await y.request('POST', y.realmPath(`/identities/${identityId}/credential-binding-jobs`), {
      body: { job: { delivery_method: 'RETURN', authenticator_config_id: configId } },
    });
    expect(job.status, job.text).toBe(200);
    return job.body.credential_binding_link;
  }

  /**
   * Opens the link in `browser` and follows it through the upstream, signing in there with the
   * passkey of `upstreamUser`, until a page answers (the enrollment page, or an error page).
   * Answers that reply and the callback URL the upstream sent the browser to.
   */
  async function verifyThrough(
    browser: MultiSiteBrowser,
    link: string,
    upstreamUser: string,
    finishOn?: Requester,
  ): Promise<{ reply: Reply; callback: string | null }> {
    let url = new URL(link);
    let callback: string | null = null;
    for (let hops = 0; hops < 12; hops++) {
      if (url.pathname.includes('/identity-providers/') && url.pathname.endsWith('/callback')) {
        expect(url.origin).toBe(TEST_ORIGIN);
        callback = url.href;
        // From the callback on, another process over the same store answers, with the same browser's cookies.
        if (finishOn) browser.moveSite(TEST_ORIGIN, finishOn);
      }
      const reply = await browser.request('GET', url.href);
      if (reply.status === 302 || reply.status === 303) {
        url = new URL(String(reply.headers.location), url);
        continue;
      }
      if (reply.status === 200 && url.pathname.includes('/interaction/')) {
        expect(url.origin).toBe(upstreamOrigin);
        const base = `${url.origin}${url.pathname}`;
        const options = await browser.request('POST', `${base}/options`, { body: {} });
        const passkey = upstreamPasskeys.get(upstreamUser);
        const verified = await browser.request('POST', `${base}/verify`, {
          body: { challenge_id: options.body.challenge_id, response: passkey?.authenticate(options.body.options) },
        });
        expect(verified.status, verified.text).toBe(200);
        url = new URL(verified.body.redirect_uri, url);
        continue;
      }
      return { reply, callback };
    }
    throw new Error('too many redirects');
  }

  const reasonOf = (reply: Reply) => /data-reason="([^"]*)"/.exec(reply.text)?.[1];

  async function credentialsOf(identityId: string): Promise<number> {
    return (await y.request('GET', y.realmPath(`/identities/${identityId}/credentials`))).body.total_size;
  }

  /** The upstream's token endpoint behind a proxy that rewrites the ID token's email; also a PAR endpoint that records pushes. */
  function startTamperer(victimEmail: string): Promise<void> {
    tamperer = createServer(async (request: IncomingMessage, response) => {
      let body = '';
      for await (const chunk of request) body += chunk;
      if (request.url === '/par') {
        pushed.push(new URLSearchParams(body));
        response.writeHead(201, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ request_uri: 'urn:ietf:params:oauth:request_uri:pushed', expires_in: 60 }));
        return;
      }
      const real = await fetch(`${upstreamOrigin}${upstreamApp.path}/token`, {
        method: 'POST',
        headers: { 'content-type': String(request.headers['content-type']), authorization: String(request.headers.authorization ?? '') },
        body,
      });
      const tokens = (await real.json()) as { id_token?: string };
      if (tokens.id_token) {
        const [header, payload, signature] = tokens.id_token.split('.');
        const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString());
        claims.email = victimEmail;
        tokens.id_token = [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
      }
      response.writeHead(real.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(tokens));
    });
    return new Promise((resolve) => tamperer.listen(0, 'localhost', () => resolve()));
  }

  beforeAll(async () => {
    // The redirect URL is the provider's, known once it exists: the app starts with a placeholder.
    ({ upstream, origin: upstreamOrigin, app: upstreamApp } = await upstreamYonder());
    y = await TestYonder.start();
    await upstreamHas('alice', 'alice@corp.example');
    await upstreamHas('bob', 'bob@elsewhere.example');
    await upstreamHas('twin', 'twin@corp.example');
    await startTamperer('dave@corp.example');
    const address = tamperer.address() as { port: number };
    tampererOrigin = `http://localhost:${address.port}`;
  }, 60_000);
  afterAll(async () => {
    tamperer?.close();
    await y?.close();
    await upstream?.close();
  });

  type Verifying = Awaited<ReturnType<typeof verifyingConfig>>;
  let main: Verifying;
  let missingClaim: Verifying;
  let tampered: Verifying;
  /** The upstream application's issuer, as yonder's relying party reaches it over HTTP. */
  const issuer = () => `${upstreamOrigin}${upstreamApp.path}`;

  it('the right person enrolls, only in the browser that came back from the upstream', async () => {
    main = await verifyingConfig(y, issuer(), upstreamApp);
    missingClaim = await verifyingConfig(y, issuer(), upstreamApp, { identifying_claim_name: 'employee_number' });
    tampered = await verifyingConfig(y, issuer(), upstreamApp, { token_url: `${tampererOrigin}/token` });
    await allowRedirects(upstream, upstreamApp.id, [main.redirectUrl, missingClaim.redirectUrl, tampered.redirectUrl]);

    const alice = await downstreamPerson('alice', 'alice@corp.example');
    const link = await linkFor(alice, main.configId);
    // Before any trip, no browser may enroll on the link.
    expect((await enroll(new Browser(y), link)).reply.body.reason).toBe('verification_required');

    const browser = web();
    const { reply, callback } = await verifyThrough(browser, link, 'alice');
    expect(reply.status, reply.text).toBe(200);
    expect(reply.text).toContain('Create a passkey for alice');
    expect(callback).toContain(`/identity-providers/${main.idpId}/callback`);
    // The callback is single use, and bound to the browser that began the trip.
    expect(reasonOf(await new Browser(y).request('GET', String(callback)))).toBe('upstream_state');
    expect((await enroll(new Browser(y), link)).reply.body.reason).toBe('verification_required');

    const enrolled = await enroll(browser, link);
    expect(enrolled.reply.status, enrolled.reply.text).toBe(200);
    expect(await credentialsOf(alice)).toBe(1);
    const events = await y.request('GET', y.realmPath('/events?type=identity_provider.verified'));
    expect(events.body.events[0]).toMatchObject({ resource_id: main.idpId });
  });

  it('a trip begun on one process is finished on another over the same store (state, nonce and PKCE verifier are stored)', async () => {
    const other = await TestYonder.start(y.databaseLocation);
    try {
      const grace = await downstreamPerson('grace', 'grace@corp.example');
      await upstreamHas('grace', 'grace@corp.example');
      const link = await linkFor(grace, main.configId);
      const browser = web();
      const { reply } = await verifyThrough(browser, link, 'grace', other);
      expect(reply.status, reply.text).toBe(200);
      const enrolled = await enroll(browser, link);
      expect(enrolled.reply.status, enrolled.reply.text).toBe(200);
      expect(await credentialsOf(grace)).toBe(1);
    } finally {
      await other.stop();
    }
  });

  it('a claim that matches no identity, two identities or another identity is refused, and nothing is enrolled', async () => {
    const carol = await downstreamPerson('carol', 'carol@corp.example');
    const noMatch = await verifyThrough(web(), await linkFor(carol, main.configId), 'bob');
    expect(noMatch.reply.status).toBe(403);
    expect(reasonOf(noMatch.reply)).toBe('upstream_no_match');

    const twin = await downstreamPerson('twin-one', 'twin@corp.example');
    await downstreamPerson('twin-two', 'twin@corp.example');
    const ambiguous = await verifyThrough(web(), await linkFor(twin, main.configId), 'twin');
    expect(ambiguous.reply.status).toBe(403);
    expect(reasonOf(ambiguous.reply)).toBe('upstream_ambiguous');

    const dave = await downstreamPerson('dave', 'dave@corp.example');
    const browser = web();
    const daveLink = await linkFor(dave, main.configId);
    const other = await verifyThrough(browser, daveLink, 'alice');
    expect(other.reply.status).toBe(403);
    expect(reasonOf(other.reply)).toBe('upstream_other_identity');
    expect((await enroll(browser, daveLink)).reply.body.reason).toBe('verification_required');

    for (const id of [carol, twin, dave]) expect(await credentialsOf(id)).toBe(0);
    const failed = await y.request('GET', y.realmPath('/events?type=identity_provider.verification_failed'));
    expect(failed.body.events.map((e: { after: { reason: string } }) => e.after.reason).sort()).toEqual(
      ['upstream_ambiguous', 'upstream_no_match', 'upstream_other_identity'].sort(),
    );
  });

  it('a missing identifying claim and a tampered ID token are refused', async () => {
    const erin = await downstreamPerson('erin', 'alice@corp.example.invalid');
    const missing = await verifyThrough(web(), await linkFor(erin, missingClaim.configId), 'alice');
    expect(missing.reply.status).toBe(403);
    expect(reasonOf(missing.reply)).toBe('upstream_claim_missing');

    // Alice signs in upstream; the proxy rewrites her ID token to claim Dave's email for Dave's link.
    const dave = (await y.request('GET', y.realmPath('/identities?filter=traits.username%20eq%20%22dave%22'))).body.identities[0].id;
    const forged = await verifyThrough(web(), await linkFor(dave, tampered.configId), 'alice');
    expect(forged.reply.status).toBe(400);
    expect(reasonOf(forged.reply)).toBe('upstream_failed');
    expect(await credentialsOf(dave)).toBe(0);
  });

  it('with PAR on, the authorization request is pushed (PKCE and claims with it) and the browser carries only its request_uri', async () => {
    const par = await verifyingConfig(y, issuer(), upstreamApp, { oauth_2_par_enabled: true, oauth_2_par_endpoint: `${tampererOrigin}/par` });
    const frank = await downstreamPerson('frank', 'frank@corp.example');
    const opened = await new Browser(y).request('GET', await linkFor(frank, par.configId));
    expect(opened.status).toBe(303);
    const location = new URL(String(opened.headers.location));
    expect(Object.fromEntries(location.searchParams)).toEqual({
      client_id: upstreamApp.clientId,
      request_uri: 'urn:ietf:params:oauth:request_uri:pushed',
    });
    const push = pushed.at(-1);
    expect(push?.get('code_challenge_method')).toBe('S256');
    expect(JSON.parse(push?.get('claims') ?? '{}')).toEqual({ id_token: { email: { essential: true } } });
    expect(push?.get('scope')).toBe('openid email');
  });

  it('with IDENTITY_PROVIDERS_ALLOW_PRIVATE off, an upstream on this host is refused before any call to it, and cannot be configured; nothing is enrolled', async () => {
    const strict = await TestYonder.start(y.databaseLocation, { config: { identityProvidersAllowPrivate: false } });
    try {
      const henry = await downstreamPerson('henry', 'henry@corp.example');
      const opened = await new Browser(strict).request('GET', await linkFor(henry, main.configId));
      expect(opened.status, opened.text).toBe(502);
      expect(reasonOf(opened)).toBe('upstream_unavailable');
      expect(await credentialsOf(henry)).toBe(0);
      // And such a provider cannot be configured there: literal internal addresses and names of this host are refused.
      for (const [url, reason] of [
        [`${issuer()}/authorize`, 'a name of this host or of a metadata service'],
        ['https://10.0.0.5/authorize', 'private'],
        ['https://169.254.169.254/authorize', 'link-local (cloud metadata)'],
        ['https://[::ffff:127.0.0.1]/authorize', 'loopback (IPv4 inside IPv6)'],
      ]) {
        const refused = await strict.request('POST', strict.realmPath('/identity-providers'), {
          body: { display_name: 'Inside', protocol_config: upstreamSettings({ authorize_url: url }) },
        });
        expect(refused.status, url).toBe(400);
        expect(refused.body.details[0].field_violations[0]).toEqual({
          field: 'protocol_config.authorize_url',
          description: `must not point at a ${reason} destination (IDENTITY_PROVIDERS_ALLOW_PRIVATE=true allows it)`,
        });
      }
      const outside = await strict.request('POST', strict.realmPath('/identity-providers'), {
        body: { display_name: 'Outside', protocol_config: upstreamSettings() },
      });
      expect(outside.status, outside.text).toBe(200);
    } finally {
      await strict.stop();
    }
  });

  it('a provider an authenticator configuration verifies with cannot be deleted (409)', async () => {
    const refused = await y.request('DELETE', y.realmPath(`/identity-providers/${main.idpId}`));
    expect(refused.status, refused.text).toBe(409);
  });
});
