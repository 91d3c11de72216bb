import { generateKeyPairSync } from 'node:crypto';
import { SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import forge from 'node-forge';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TEST_ORIGIN, signInWith } from '../support/console.js';
import { type Reply, TestYonder, describeApi } from '../support/harness.js';
import { Browser, locationOf, personWithPasskey } from '../support/oidc.js';
import type { SoftAuthenticator } from '../support/soft-authenticator.js';

const ACS = 'https://sp.example/saml/acs';
const SP_ENTITY_ID = 'https://sp.example/saml/metadata';

/** The form the post page carries to the service provider. */
function postedForm(page: Reply): { action: string; SAMLResponse: string; RelayState?: string } {
  const attribute = (name: string) => page.text.match(new RegExp(`name="${name}" value="([^"]*)"`))?.[1];
  const action = page.text.match(/<form id="saml-post" method="post" action="([^"]*)"/)?.[1];
  expect(action, page.text).toBeDefined();
  const relayState = attribute('RelayState');
  return { action: action!, SAMLResponse: attribute('SAMLResponse')!, ...(relayState !== undefined ? { RelayState: relayState } : {}) };
}

/**
 * yonder as a SAML 2.0 identity provider for a service provider from npm (@node-saml/node-saml):
 * the SP's AuthnRequest, the hosted passkey page, the realm's policy, and the signed Response the SP
 * accepts, or refuses once tampered with.
 */
describeApi('SAML: yonder as the identity provider of a node-saml service provider', () => {
  let y: TestYonder;
  let appId: string;
  let base: string;
  let idpCert: string;
  let pilot: { id: string; passkey: SoftAuthenticator };
  let passenger: { id: string; passkey: SoftAuthenticator };
  const DENY = 'Only pilots fly this one';

  const serviceProvider = (options: { callbackUrl?: string; validateInResponseTo?: ValidateInResponseTo } = {}) =>
    new SAML({
      callbackUrl: options.callbackUrl ?? ACS,
      entryPoint: `${TEST_ORIGIN}${base}/sso`,
      issuer: SP_ENTITY_ID,
      idpCert,
      idpIssuer: `${TEST_ORIGIN}${base}/metadata`,
      audience: SP_ENTITY_ID,
      wantAssertionsSigned: true,
      wantAuthnResponseSigned: true,
      validateInResponseTo: options.validateInResponseTo ?? ValidateInResponseTo.always,
    });

  /** From the SP's AuthnRequest (redirect binding) to yonder's page: the sign-in page or the post page. */
  async function request(browser: Browser, sp: SAML, relayState: string): Promise<{ page: Reply; at: string }> {
    const url = new URL(await sp.getAuthorizeUrlAsync(relayState, undefined, {}));
    const begun = await browser.request('GET', `${url.pathname}${url.search}`);
    expect(begun.status, begun.text).toBe(303);
    const at = locationOf(begun);
    return { page: await browser.request('GET', at), at };
  }

  async function signIn(browser: Browser, at: string, passkey: SoftAuthenticator): Promise<Reply> {
    const options = await browser.request('POST', `${at}/options`, { body: {} });
    expect(options.status, options.text).toBe(200);
    return browser.request('POST', `${at}/verify`, {
      body: { challenge_id: options.body.challenge_id, response: passkey.authenticate(options.body.options) },
    });
  }

  beforeAll(async () => {
    y = await TestYonder.start();
    const created = await y.request('POST', y.realmPath('/applications'), {
      body: {
        application: {
          display_name: 'Flight Log',
          protocol_config: {
            type: 'saml',
            acs_url: ACS,
            audience_url: SP_ENTITY_ID,
            name_format: 'email_address',
            subject_user_name_attribute: 'email',
            additional_user_attributes: [
              { name: 'username', name_format: 'unspecified', value: 'user_name' },
              { name: 'crew', name_format: 'unspecified', value: 'custom_static_string', custom_value: 'flight <deck> & co' },
            ],
          },
        },
      },
    });
    expect(created.status, created.text).toBe(200);
    expect(created.body.protocol_config.client_id).toBeUndefined();
    appId = created.body.id;
    base = y.realmPath(`/applications/${appId}/saml`);
    const metadata = await y.request('GET', `${base}/metadata`, { token: null });
    expect(metadata.status, metadata.text).toBe(200);
    idpCert = metadata.text.match(/<(?:ds:)?X509Certificate>([^<]+)</)?.[1] ?? '';
    expect(idpCert).not.toBe('');
    // The application answers the certificate the metadata carries, read-only, and its URLs.
    const [cert] = created.body.protocol_config.identity_provider_certs;
    expect(cert.is_active).toBe(true);
    expect(cert.idp_public_certificate.replace(/-----[A-Z ]+-----|\s/g, '')).toBe(idpCert.replace(/\s/g, ''));
    expect(created.body.protocol_config.sp_initiated_url).toBe(`${TEST_ORIGIN}${base}/sso`);
    pilot = await personWithPasskey(y, 'pilot', { primary_email_address: 'pilot@example.com' });
    passenger = await personWithPasskey(y, 'passenger', { primary_email_address: 'passenger@example.com' });
    const current = await y.request('GET', y.realmPath('/policy'));
    const put = await y.request('PUT', y.realmPath('/policy'), {
      body: {
        policy: {
          version: current.body.version,
          rules: [
            {
              id: 'deny-passenger',
              name: 'passengers stay out of the flight log',
              transaction: 'authentication',
              action: 'DENY',
              conditions: { identities: [passenger.id], applications: [appId] },
              deny_message: DENY,
            },
            ...current.body.rules,
          ],
        },
      },
    });
    expect(put.status, put.text).toBe(200);
  });
  afterAll(async () => {
    await y?.close();
  });

  it("the service provider accepts yonder's signed assertion for a passkey sign-in, and refuses it tampered with", async () => {
    const browser = new Browser(y);
    const sp = serviceProvider();
    const { page, at } = await request(browser, sp, 'relay-1');
    expect(page.status, page.text).toBe(200);
    expect(page.text).toContain('Sign in to Flight Log');
    const verified = await signIn(browser, at, pilot.passkey);
    expect(verified.status, verified.text).toBe(200);
    const posting = await browser.request('GET', verified.body.redirect_uri);
    expect(posting.status, posting.text).toBe(200);
    expect(String(posting.headers['content-security-policy'])).toContain('form-action https://sp.example');
    const form = postedForm(posting);
    expect(form.action).toBe(ACS);
    expect(form.RelayState).toBe('relay-1');
    const xml = Buffer.from(form.SAMLResponse, 'base64').toString();
    const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: form.SAMLResponse, RelayState: 'relay-1' });
    expect(profile?.nameID).toBe('pilot@example.com');
    expect(profile?.nameIDFormat).toBe('urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress');
    expect(profile?.username).toBe('pilot');
    expect(profile?.crew).toBe('flight <deck> & co');
    expect(xml).toMatch(/InResponseTo="_[0-9a-f]+"/);

    // The same sign-in again reuses the session; its response, one NameID changed, is refused.
    const again = await request(browser, sp, 'relay-2');
    const second = postedForm(again.page);
    const changed = Buffer.from(second.SAMLResponse, 'base64').toString().replace('>pilot@example.com<', '>passenger@example.com<');
    expect(changed).toContain('>passenger@example.com<');
    await expect(sp.validatePostResponseAsync({ SAMLResponse: Buffer.from(changed).toString('base64') })).rejects.toThrow(/signature/i);
    // Untouched, the same response is accepted: the refusal was the tampering's.
    const unchecked = serviceProvider({ validateInResponseTo: ValidateInResponseTo.never });
    expect((await unchecked.validatePostResponseAsync({ SAMLResponse: second.SAMLResponse })).profile?.nameID).toBe('pilot@example.com');
  });

  it('a generic_saml SSO config: its assigned identity signs in to the node-saml SP; one not assigned gets no assertion', async () => {
    const created = await y.request('POST', y.realmPath('/sso-configs'), {
      body: {
        sso_config: {
          display_name: 'Crew Wiki',
          payload: {
            type: 'generic_saml',
            acs_url: 'https://wiki.example/saml/acs',
            override_recipient_and_destination: false,
            audience_url: 'https://wiki.example/saml',
            default_relay_state: '',
            name_format: 'persistent',
            authentication_context: 'x509',
            subject_user_name_attribute: 'user_name',
            sign_envelope: true,
            sign_assertions: true,
            signature_algorithm: 'rsa_sha256',
            digest_algorithm: 'sha256',
            encrypt_assertions: false,
            assertion_validity_duration_seconds: 300,
            sp_signature_certificates: [],
            enable_single_log_out: false,
            validate_signed_requests: false,
            additional_user_attributes: [{ name: 'email', name_format: 'unspecified', value: 'email' }],
            single_logout_sign_request_and_response: false,
          },
        },
      },
    });
    expect(created.status, created.text).toBe(200);
    const { application_id, sp_initiated_url } = created.body.payload;
    const app = await y.request('GET', y.realmPath(`/applications/${application_id}`));
    expect(app.body.protocol_config.type).toBe('saml');
    const assigned = await y.request('POST', y.realmPath(`/sso-configs/${created.body.id}:addIdentities`), { body: { identity_ids: [pilot.id] } });
    expect(assigned.status, assigned.text).toBe(200);
    const wiki = new SAML({
      callbackUrl: 'https://wiki.example/saml/acs',
      entryPoint: sp_initiated_url,
      issuer: 'https://wiki.example/saml',
      audience: 'https://wiki.example/saml',
      idpCert: app.body.protocol_config.identity_provider_certs[0].idp_public_certificate,
      idpIssuer: app.body.protocol_config.metadata_url,
      wantAssertionsSigned: true,
      wantAuthnResponseSigned: true,
    });
    const browser = new Browser(y);
    const { page, at } = await request(browser, wiki, 'wiki');
    expect(page.status, page.text).toBe(200);
    const verified = await signIn(browser, at, pilot.passkey);
    expect(verified.status, verified.text).toBe(200);
    const form = postedForm(await browser.request('GET', verified.body.redirect_uri));
    const { profile } = await wiki.validatePostResponseAsync(form);
    expect(profile?.nameID).toBe(pilot.id);
    expect(profile?.email).toBe('pilot@example.com');
    // Not assigned to the config: refused at the passkey, no assertion.
    const other = new Browser(y);
    const refused = await signIn(other, (await request(other, wiki, 'wiki')).at, passenger.passkey);
    expect(refused.status).toBe(403);
  });

  it('an ACS URL the application is not set up with is refused on a yonder page, and nothing is posted', async () => {
    const browser = new Browser(y);
    const url = new URL(await serviceProvider({ callbackUrl: 'https://evil.example/acs' }).getAuthorizeUrlAsync('', undefined, {}));
    const refused = await browser.request('GET', `${url.pathname}${url.search}`);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('data-reason="unregistered_acs_url"');
    expect(refused.text).not.toContain('SAMLResponse');
    expect(refused.headers.location).toBeUndefined();
  });

  it('malformed requests get a 4xx, never a 5xx, and nothing is kept', async () => {
    const deflated = (await import('node:zlib')).deflateRawSync(Buffer.from('not xml <at all')).toString('base64');
    const queries = ['', '?SAMLRequest=', '?SAMLRequest=%%%', `?SAMLRequest=${encodeURIComponent(deflated)}`, '?SAMLRequest=a&SAMLRequest=b'];
    for (const query of queries) {
      const reply = await new Browser(y).request('GET', `${base}/sso${query}`);
      expect(reply.status, `${query}: ${reply.text}`).toBeGreaterThanOrEqual(400);
      expect(reply.status, query).toBeLessThan(500);
      expect(reply.headers['set-cookie'], query).toBeUndefined();
    }
    const foreign = await new Browser(y).request('GET', y.realmPath('/applications/nope/saml/metadata'));
    expect(foreign.status).toBe(404);
    const unknownPage = await new Browser(y).request('GET', `/hosted/tenants/${y.tenantId}/realms/${y.realmId}/applications/${appId}/saml/nope`);
    expect(unknownPage.status).toBe(400);
    expect(unknownPage.text).toContain('data-reason="request_expired"');
  });

  it('the same AuthnRequest twice: the second is refused as a replay', async () => {
    const url = new URL(await serviceProvider().getAuthorizeUrlAsync('', undefined, {}));
    const first = await new Browser(y).request('GET', `${url.pathname}${url.search}`);
    expect(first.status, first.text).toBe(303);
    const replayed = await new Browser(y).request('GET', `${url.pathname}${url.search}`);
    expect(replayed.status).toBe(400);
    expect(replayed.text).toContain('data-reason="replayed_request"');
  });

  it('the policy denies: no assertion, at the passkey step or with a session of the realm', async () => {
    const browser = new Browser(y);
    const { at } = await request(browser, serviceProvider(), 'relay-3');
    const refused = await signIn(browser, at, passenger.passkey);
    expect(refused.status).toBe(403);
    expect(refused.body.reason).toBe('policy_denied');
    expect(refused.body.message).toBe(DENY);
    // Signed in to the realm's own page, the passenger still gets no assertion for this application.
    browser.jar.add(await signInWith(y, passenger.passkey, y.realmId, null));
    const page = await browser.request('GET', at);
    expect(page.status).toBe(403);
    expect(page.text).toContain('data-reason="policy_denied"');
    expect(page.text).not.toContain('SAMLResponse');
  });

  it('with validate_signed_requests, only requests signed by the configured certificate are taken', async () => {
    const spKey = (years: number) => {
      const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const cert = forge.pki.createCertificate();
      cert.publicKey = forge.pki.publicKeyFromPem(pair.publicKey.export({ type: 'spki', format: 'pem' }).toString());
      cert.serialNumber = '01';
      cert.validity.notBefore = new Date();
      cert.validity.notAfter = new Date(Date.now() + years * 365 * 24 * 3600 * 1000);
      const key = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      cert.sign(forge.pki.privateKeyFromPem(key), forge.md.sha256.create());
      return { key, cert: forge.pki.certificateToPem(cert) };
    };
    const trusted = spKey(1);
    const stranger = spKey(1);
    const created = await y.request('POST', y.realmPath('/applications'), {
      body: {
        application: {
          display_name: 'Signed Requests',
          protocol_config: {
            type: 'saml',
            acs_url: ACS,
            audience_url: SP_ENTITY_ID,
            validate_signed_requests: true,
            sp_signature_certificates: [{ sp_public_signing_key: trusted.cert }],
          },
        },
      },
    });
    expect(created.status, created.text).toBe(200);
    const sso = y.realmPath(`/applications/${created.body.id}/saml/sso`);
    const attempt = async (privateKey?: string) => {
      const sp = new SAML({
        callbackUrl: ACS,
        entryPoint: `${TEST_ORIGIN}${sso}`,
        issuer: SP_ENTITY_ID,
        idpCert,
        ...(privateKey ? { privateKey } : {}),
      });
      const url = new URL(await sp.getAuthorizeUrlAsync('signed', undefined, {}));
      return new Browser(y).request('GET', `${url.pathname}${url.search}`);
    };
    expect((await attempt(trusted.key)).status).toBe(303);
    for (const refused of [await attempt(), await attempt(stranger.key)]) {
      expect(refused.status).toBe(400);
      expect(refused.text).toContain('data-reason="invalid_request"');
    }
  });

  it('IdP-initiated (the app launcher) and the POST binding: an unsolicited response the SP accepts', async () => {
    const browser = new Browser(y);
    browser.jar.add(await signInWith(y, pilot.passkey, y.realmId, null));
    const started = await browser.request('GET', `${base}/start?RelayState=launcher`);
    expect(started.status, started.text).toBe(303);
    const form = postedForm(await browser.request('GET', locationOf(started)));
    expect(form.RelayState).toBe('launcher');
    expect(Buffer.from(form.SAMLResponse, 'base64').toString()).not.toContain('InResponseTo');
    const { profile } = await serviceProvider({ validateInResponseTo: ValidateInResponseTo.never }).validatePostResponseAsync(form);
    expect(profile?.nameID).toBe('pilot@example.com');

    // The POST binding: the SP's auto-posting form, posted as the browser would; the session answers it.
    // The POST binding carries the request as plain base64 (saml-bindings §3.5.4): no compression.
    const sp = new SAML({ ...serviceProvider().options, authnRequestBinding: 'HTTP-POST', skipRequestCompression: true });
    const html = await sp.getAuthorizeFormAsync('posted');
    const field = (name: string) => html.match(new RegExp(`name="${name}" value="([^"]*)"`))?.[1] ?? '';
    const begun = await browser.request('POST', `${base}/sso`, {
      rawBody: new URLSearchParams({ SAMLRequest: field('SAMLRequest'), RelayState: field('RelayState') }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(begun.status, begun.text).toBe(303);
    const answered = postedForm(await browser.request('GET', locationOf(begun)));
    expect(answered.RelayState).toBe('posted');
    expect((await sp.validatePostResponseAsync(answered)).profile?.nameID).toBe('pilot@example.com');
  });
});
