import { createHash, randomBytes } from 'node:crypto';
import type { Application } from '../../domain/access/application.js';
import {
  NAME_ID_FORMAT_URI_LIST,
  type SamlConfig,
  assertionConsumerOf,
  attributeValuesOf,
  attributeNameFormatUri,
  authnContextUri,
  nameIdOf,
  signatureAlgorithmUri,
} from '../../domain/saml/service-provider.js';
import { addSeconds, nowTimestamp } from '../../domain/time.js';
import type { Repositories } from '../../store/index.js';
import type { SamlRequestRecord } from '../../store/saml/saml.js';

/** A sign-in in progress, as kept in the store. */
export type SamlRequest = SamlRequestRecord;
import type { Yonder } from '../context.js';
import { type Refusal, accountIdOf, authorizeAccount, isRefusal } from '../oidc/accounts.js';
import { identityProviderCerts, idpKeyOf } from './idp-keys.js';
import { type IdpSettings, SamlBusy, SamlMessageError, type SpSettings, idpMetadata, parseAuthnRequest, signedResponse } from './library.js';

/** How long a person has from the service provider's request to yonder's response. */
export const SAML_REQUEST_TTL_SECONDS = 10 * 60;
/** RelayState is the service provider's to give back untouched; this bounds what yonder keeps of it. */
export const MAX_RELAY_STATE_LENGTH = 2048;

/** A SAML service provider: an application of the realm whose protocol configuration is `saml`. */
export interface SamlApp {
  app: Application;
  config: SamlConfig;
  ref: { tenantId: string; realmId: string };
  urls: SamlUrls;
}

export interface SamlUrls {
  /** yonder's entity id for this service provider: its metadata URL. */
  entityId: string;
  metadata: string;
  /** Where the service provider sends AuthnRequests (redirect and POST bindings). */
  sso: string;
  /** The IdP-initiated start (the app launcher's tile). */
  start: string;
}

/** Why a SAML sign-in cannot go on; the person sees `message`, nothing goes to the service provider. */
export class SamlRefusal extends Error {
  constructor(
    readonly reason: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** The SAML URLs of an application (`/v1/tenants/{t}/realms/{r}/applications/{app}/saml/...`). */
export function samlUrlsOf(publicUrl: string, tenantId: string, realmId: string, applicationId: string): SamlUrls {
  const base = `${publicUrl.replace(/\/$/, '')}/v1/tenants/${tenantId}/realms/${realmId}/applications/${applicationId}/saml`;
  return { entityId: `${base}/metadata`, metadata: `${base}/metadata`, sso: `${base}/sso`, start: `${base}/start` };
}

/**
 * The read-only fields a SAML application's configuration is answered with: the realm's signing
 * certificate (`identity_provider_certs`, as the metadata carries it), the IdP-initiated and
 * SP-initiated (SSO) URLs, and the metadata URL to give the service provider. Inside a transaction,
 * pass its `repos`: the certificate may be made now, and SQLite has one writer.
 */
export async function samlProtocolExtras(y: Yonder, app: Application, repos: Repositories = y.store) {
  const urls = samlUrlsOf(y.config.publicUrl, app.tenant_id, app.realm_id, app.id);
  return {
    identity_provider_certs: await identityProviderCerts(y, { tenantId: app.tenant_id, realmId: app.realm_id }, repos),
    idp_initiated_url: urls.start,
    sp_initiated_url: urls.sso,
    metadata_url: urls.metadata,
  };
}

/** The application as a SAML service provider, or null when it is none (not of this realm, or not `saml`). */
export async function samlApplication(y: Yonder, tenantId: string, realmId: string, applicationId: string): Promise<SamlApp | null> {
  const app = await y.store.applications.get(realmId, applicationId);
  if (!app || app.tenant_id !== tenantId || app.protocol_config.type !== 'saml') return null;
  return {
    app,
    config: app.protocol_config as unknown as SamlConfig,
    ref: { tenantId, realmId },
    urls: samlUrlsOf(y.config.publicUrl, tenantId, realmId, app.id),
  };
}

async function idpSettingsOf(y: Yonder, sp: SamlApp): Promise<IdpSettings> {
  const key = await idpKeyOf(y, sp.ref);
  return {
    entityId: sp.urls.entityId,
    ssoUrl: sp.urls.sso,
    certificate: key.certificate,
    privateKey: key.privateKey,
    signatureAlgorithm: signatureAlgorithmUri(sp.config.signature_algorithm),
    nameIdFormats: NAME_ID_FORMAT_URI_LIST,
    wantRequestsSigned: sp.config.validate_signed_requests,
    attributes: sp.config.additional_user_attributes.map((a) => ({ name: a.name, nameFormat: attributeNameFormatUri(a.name_format) })),
  };
}

function spSettingsOf(sp: SamlApp): SpSettings {
  return {
    entityId: sp.config.audience_url,
    acsUrls: [sp.config.acs_url, ...(sp.config.other_sso_urls ? [sp.config.other_sso_urls.url] : [])],
    certificates: sp.config.sp_signature_certificates.map((c) => c.sp_public_signing_key),
    signAssertion: sp.config.sign_assertions,
    signResponse: sp.config.sign_envelope,
  };
}

/** yonder's IdP metadata for this service provider: entity id, SSO endpoints, signing certificate. */
export async function metadataOf(y: Yonder, sp: SamlApp): Promise<string> {
  return idpMetadata(await idpSettingsOf(y, sp));
}

const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('base64url');

/** A sign-in kept in the store: its id (in the page's URL) and the secret only the browser holds (its cookie). */
export interface Begun {
  id: string;
  browserSecret: string;
}

async function keep(
  y: Yonder,
  sp: SamlApp,
  request: { requestId: string | null; acsUrl: string; relayState: string | null; forceAuthn: boolean },
): Promise<Begun> {
  const now = nowTimestamp();
  const begun = { id: randomBytes(16).toString('base64url'), browserSecret: randomBytes(32).toString('base64url') };
  const kept = await y.store.saml.insertRequest({
    id: begun.id,
    tenant_id: sp.ref.tenantId,
    realm_id: sp.ref.realmId,
    application_id: sp.app.id,
    request_id: request.requestId,
    acs_url: request.acsUrl,
    relay_state: request.relayState,
    force_authn: request.forceAuthn ? 1 : 0,
    browser_hash: hashSecret(begun.browserSecret),
    create_time: now,
    expire_time: addSeconds(now, SAML_REQUEST_TTL_SECONDS),
    answer_time: null,
  });
  if (!kept) throw new SamlRefusal('replayed_request', 'This sign-in request was used already. Go back to the application and start again.');
  return begun;
}

function relayStateOf(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' || value.length > MAX_RELAY_STATE_LENGTH) {
    throw new SamlRefusal('invalid_relay_state', `The RelayState must be text of at most ${MAX_RELAY_STATE_LENGTH} characters.`);
  }
  return value;
}

/**
 * An AuthnRequest from the service provider: checked by the SAML library (schema; signature when
 * `validate_signed_requests`), then by the configuration (the issuer is its `audience_url`, the ACS
 * URL one configured), and kept (its ID once only). Refused before anything is kept.
 */
export async function beginSignIn(
  y: Yonder,
  sp: SamlApp,
  binding: 'redirect' | 'post',
  message: { query?: Record<string, unknown>; body?: Record<string, unknown>; octetString?: string },
): Promise<Begun> {
  const fields = (binding === 'redirect' ? message.query : message.body) ?? {};
  if (typeof fields.SAMLRequest !== 'string' || fields.SAMLRequest === '') {
    throw new SamlRefusal('invalid_request', 'This address expects a SAML AuthnRequest from the application.');
  }
  const relayState = relayStateOf(fields.RelayState);
  let request: Awaited<ReturnType<typeof parseAuthnRequest>>;
  try {
    request = await parseAuthnRequest(await idpSettingsOf(y, sp), spSettingsOf(sp), binding, message);
  } catch (error) {
    if (error instanceof SamlBusy)
      throw new SamlRefusal('temporarily_unavailable', 'Too many sign-ins are being started right now. Try again in a moment.', 503);
    if (!(error instanceof SamlMessageError)) throw error;
    throw new SamlRefusal('invalid_request', 'The application sent a SAML request yonder cannot accept.');
  }
  if (request.issuer !== sp.config.audience_url) {
    throw new SamlRefusal('unknown_service_provider', 'The request comes from a service provider this application is not set up for.');
  }
  const acsUrl = assertionConsumerOf(sp.config, {
    ...(request.acsUrl ? { url: request.acsUrl } : {}),
    ...(request.acsIndex !== undefined ? { index: request.acsIndex } : {}),
  });
  if (acsUrl === null) {
    throw new SamlRefusal('unregistered_acs_url', 'The request asks for the response to go to an address this application is not set up with.');
  }
  return keep(y, sp, { requestId: request.id, acsUrl, relayState, forceAuthn: request.forceAuthn });
}

/** An IdP-initiated sign-in (the app launcher): an unsolicited response to the configured ACS URL. */
export async function beginUnsolicited(y: Yonder, sp: SamlApp, relayState: unknown): Promise<Begun> {
  const given = relayStateOf(relayState);
  return keep(y, sp, { requestId: null, acsUrl: sp.config.acs_url, relayState: given ?? (sp.config.default_relay_state || null), forceAuthn: false });
}

/** The sign-in of `id`, when it lives, is unanswered, is this application's, and `browserSecret` is the one it was begun with. */
export async function openRequest(y: Yonder, sp: SamlApp, id: string, browserSecret: string | undefined): Promise<SamlRequestRecord | null> {
  if (!browserSecret) return null;
  const request = await y.store.saml.request(id, nowTimestamp());
  if (!request || request.application_id !== sp.app.id || request.realm_id !== sp.ref.realmId) return null;
  return request.browser_hash === hashSecret(browserSecret) ? request : null;
}

/** What the browser posts to the service provider. */
export interface SamlAnswer {
  acsUrl: string;
  samlResponse: string;
  relayState: string | null;
}

/**
 * Answers a sign-in for the person signed in with `credentialId` at `authnTime`, if the realm's
 * policy lets them use the application now (the same decision OpenID Connect asks for: transaction
 * `authentication`, this identity, this application; suspended identities and revoked passkeys
 * refused). The request is answered once: a second answer, from any process, is refused.
 */
export async function answerSignIn(
  y: Yonder,
  sp: SamlApp,
  request: SamlRequestRecord,
  signedIn: { identityId: string; credentialId: string; authnTime: string },
  moment: 'sign_in' | 'session',
): Promise<SamlAnswer | Refusal> {
  const answer = await authorizeAccount(y, sp, accountIdOf(signedIn.identityId, signedIn.credentialId), moment);
  if (isRefusal(answer)) return answer;
  const nameId = nameIdOf(answer.identity, sp.config, `_${randomBytes(20).toString('hex')}`);
  if (!nameId) throw new SamlRefusal('missing_name_id', 'This application identifies people by email address, and this account has none.', 403);
  if (!(await y.store.saml.answer(request.id, nowTimestamp()))) {
    throw new SamlRefusal('request_expired', 'This sign-in has expired. Go back to the application and start again.');
  }
  const override = sp.config.override_recipient_and_destination;
  const samlResponse = await signedResponse(await idpSettingsOf(y, sp), spSettingsOf(sp), {
    inResponseTo: request.request_id,
    destination: override && sp.config.destination_url ? sp.config.destination_url : request.acs_url,
    recipient: override && sp.config.recipient_url ? sp.config.recipient_url : request.acs_url,
    audience: sp.config.audience_url,
    nameId,
    attributes: attributeValuesOf(answer.identity, sp.config),
    validForSeconds: sp.config.assertion_validity_duration_seconds,
    authnInstant: signedIn.authnTime,
    sessionIndex: `_${request.id}`,
    authnContextClassRef: authnContextUri(sp.config.authentication_context),
  });
  return { acsUrl: request.acs_url, samlResponse, relayState: request.relay_state };
}
