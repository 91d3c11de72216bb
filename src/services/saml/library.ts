import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import forge from 'node-forge';
import samlify from 'samlify';
import { validateXML } from 'xmllint-wasm';
import { boundedConcurrency } from '../../platform/concurrency.js';

/**
 * The only module that imports the SAML libraries: samlify (2.15.1) parses and checks requests and
 * builds and signs responses (XML-DSig by xml-crypto); xmllint-wasm checks every incoming message
 * against the SAML schemas; node-forge makes the IdP's self-signed certificate. Swapping a library
 * touches this file alone.
 */

const require = createRequire(import.meta.url);
const SCHEMA_DIR = join(dirname(require.resolve('@authenio/samlify-xmllint-wasm/package.json')), 'schemas');
const SCHEMA_FILES = [
  'saml-schema-protocol-2.0.xsd',
  'datatypes.dtd',
  'saml-schema-assertion-2.0.xsd',
  'xmldsig-core-schema.xsd',
  'XMLSchema.dtd',
  'xenc-schema.xsd',
];
let schemas: { fileName: string; contents: string }[] | null = null;

/** Too many SAML messages are being checked at once: try again shortly (nothing was kept). */
export class SamlBusy extends Error {}

/**
 * Each schema check starts a worker thread and compiles xmllint's WebAssembly (about half a second
 * of CPU), and any address may send an AuthnRequest: unbounded, a flood would start a thread per
 * message and take every core and the memory from everything else. Two run at once (the cores
 * of a small machine), 32 may wait; more are turned away.
 */
const schemaChecks = boundedConcurrency(2, 32, () => new SamlBusy('too many SAML messages are being checked'));

/**
 * samlify's schema check, done by xmllint (WebAssembly, in a worker thread: the event loop is not
 * held up), a few at a time (see `schemaChecks`). Unlike the ready-made validator module, it
 * writes nothing to the console: a bad message is the sender's problem, answered with an error
 * page, not a log line.
 */
async function validate(xml: string): Promise<string> {
  schemas ??= SCHEMA_FILES.map((fileName) => ({ fileName, contents: readFileSync(join(SCHEMA_DIR, fileName), 'utf8') }));
  const [schema, ...preload] = schemas;
  const result = await schemaChecks(() =>
    validateXML({ xml: [{ fileName: 'message.xml', contents: xml }], extension: 'schema', schema: [schema!.contents], preload }),
  );
  if (!result.valid) throw new Error('ERR_INVALID_XML');
  return 'valid';
}

samlify.setSchemaValidator({ validate });

export const BINDING = {
  redirect: samlify.Constants.namespace.binding.redirect,
  post: samlify.Constants.namespace.binding.post,
};

/** A 2048-bit RSA key's PEM and a self-signed certificate for it, valid `years` from now. */
export function selfSignedCertificate(
  privateKeyPem: string,
  publicKeyPem: string,
  commonName: string,
  years: number,
): { pem: string; notAfter: Date } {
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(publicKeyPem);
  // A positive serial (the leading byte below 0x80) of 128 random bits, as RFC 5280 asks.
  certificate.serialNumber = `01${randomBytes(16).toString('hex')}`;
  const notBefore = new Date();
  const notAfter = new Date(notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + years);
  certificate.validity.notBefore = notBefore;
  certificate.validity.notAfter = notAfter;
  const name = [{ name: 'commonName', value: commonName }];
  certificate.setSubject(name);
  certificate.setIssuer(name);
  certificate.sign(forge.pki.privateKeyFromPem(privateKeyPem), forge.md.sha256.create());
  return { pem: forge.pki.certificateToPem(certificate), notAfter };
}

export interface IdpSettings {
  entityId: string;
  ssoUrl: string;
  certificate: string;
  privateKey: string;
  signatureAlgorithm: string;
  nameIdFormats: string[];
  /** Whether the service provider's requests must be signed (then by one of `spCertificates`). */
  wantRequestsSigned: boolean;
  attributes: { name: string; nameFormat: string }[];
}

export interface SpSettings {
  entityId: string;
  acsUrls: string[];
  certificates: string[];
  signAssertion: boolean;
  signResponse: boolean;
}

const AUTHN_STATEMENT =
  '<saml:AuthnStatement AuthnInstant="{AuthnInstant}" SessionIndex="{SessionIndex}"><saml:AuthnContext>' +
  '<saml:AuthnContextClassRef>{AuthnContextClassRef}</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>';

/** Attribute placeholders are numbered: a configured name never becomes part of a template. */
const attributeTag = (i: number) => `attr${i}`;

/**
 * Built identity providers, by their settings, in a bounded least-recently-used map: building one
 * renders its templates and metadata (and samlify says on the console, each time, that it has no
 * single logout endpoint). Settings include the key, so a changed key or configuration builds anew.
 */
const MAX_BUILT = 256;
const built = new Map<string, ReturnType<typeof samlify.IdentityProvider>>();

function identityProvider(settings: IdpSettings) {
  const key = createHash('sha256').update(JSON.stringify(settings)).digest('base64url');
  const found = built.get(key);
  if (found) {
    built.delete(key);
    built.set(key, found);
    return found;
  }
  const idp = buildIdentityProvider(settings);
  if (built.size >= MAX_BUILT) built.delete(built.keys().next().value as string);
  built.set(key, idp);
  return idp;
}

function buildIdentityProvider(settings: IdpSettings) {
  return samlify.IdentityProvider({
    entityID: settings.entityId,
    signingCert: settings.certificate,
    privateKey: settings.privateKey,
    requestSignatureAlgorithm: settings.signatureAlgorithm,
    wantAuthnRequestsSigned: settings.wantRequestsSigned,
    nameIDFormat: settings.nameIdFormats,
    singleSignOnService: [
      { Binding: BINDING.redirect, Location: settings.ssoUrl },
      { Binding: BINDING.post, Location: settings.ssoUrl },
    ],
    // Every value is escaped for where it stands; a placeholder may stand only in text or an attribute value.
    templateRenderer: 'strict',
    loginResponseTemplate: {
      context: samlify.SamlLib.defaultLoginResponseTemplate.context.replace('{AuthnStatement}', AUTHN_STATEMENT),
      attributes: settings.attributes.map((attribute, i) => ({
        name: attribute.name,
        nameFormat: attribute.nameFormat,
        valueTag: String(i),
        valueXsiType: 'xs:string',
      })),
    },
  });
}

function serviceProvider(settings: SpSettings) {
  return samlify.ServiceProvider({
    entityID: settings.entityId,
    assertionConsumerService: settings.acsUrls.map((Location) => ({ Binding: BINDING.post, Location })),
    ...(settings.certificates.length > 0 ? { signingCert: settings.certificates } : {}),
    wantAssertionsSigned: settings.signAssertion,
    // samlify signs the envelope when asked, or when the assertion is not signed: a response always carries a signature.
    wantMessageSigned: settings.signResponse,
  });
}

/** The IdP's metadata document (EntityDescriptor) for `settings`. */
export function idpMetadata(settings: IdpSettings): string {
  return identityProvider(settings).getMetadata();
}

/** What yonder reads of an AuthnRequest once the library has checked it (schema, and signature when required). */
export interface AuthnRequest {
  id: string;
  issuer: string;
  acsUrl?: string;
  acsIndex?: number;
  forceAuthn: boolean;
}

export class SamlMessageError extends Error {}

/**
 * Parses and checks an AuthnRequest sent by the redirect binding (`query`, and `octetString`: the
 * query as sent, for its signature) or the POST binding (`body`). Throws SamlMessageError when the
 * library refuses it, SamlBusy when too many messages are being checked to check it now.
 */
export async function parseAuthnRequest(
  idp: IdpSettings,
  sp: SpSettings,
  binding: 'redirect' | 'post',
  message: { query?: Record<string, unknown>; body?: Record<string, unknown>; octetString?: string },
): Promise<AuthnRequest> {
  let parsed: Awaited<ReturnType<ReturnType<typeof identityProvider>['parseLoginRequest']>>;
  try {
    parsed = await identityProvider(idp).parseLoginRequest(serviceProvider(sp), binding, message);
  } catch (error) {
    if (error instanceof SamlBusy) throw error;
    throw new SamlMessageError(error instanceof Error ? error.message : String(error));
  }
  const request = (parsed.extract.request ?? {}) as Record<string, string | undefined>;
  const issuer = parsed.extract.issuer;
  if (typeof request.id !== 'string' || typeof issuer !== 'string') throw new SamlMessageError('ERR_MISSING_REQUEST_ID_OR_ISSUER');
  const index = request.assertionConsumerServiceIndex;
  return {
    id: request.id,
    issuer,
    ...(request.assertionConsumerServiceUrl ? { acsUrl: request.assertionConsumerServiceUrl } : {}),
    ...(index !== undefined && /^\d{1,5}$/.test(index) ? { acsIndex: Number(index) } : {}),
    forceAuthn: request.forceAuthn === 'true' || request.forceAuthn === '1',
  };
}

export interface Assertion {
  inResponseTo: string | null;
  destination: string;
  recipient: string;
  audience: string;
  nameId: { format: string; value: string };
  /** One value (or null: none) per attribute of `IdpSettings.attributes`, in order. */
  attributes: (string | null)[];
  validForSeconds: number;
  authnInstant: string;
  sessionIndex: string;
  authnContextClassRef: string;
}

const samlId = () => `_${randomBytes(20).toString('hex')}`;

/** The signed Response (base64, for the POST binding) carrying one assertion. */
export async function signedResponse(idp: IdpSettings, sp: SpSettings, assertion: Assertion): Promise<string> {
  const now = new Date();
  const until = new Date(now.getTime() + assertion.validForSeconds * 1000).toISOString();
  const values: Record<string, string | null> = {
    ID: samlId(),
    AssertionID: samlId(),
    Destination: assertion.destination,
    Audience: assertion.audience,
    SubjectRecipient: assertion.recipient,
    Issuer: idp.entityId,
    IssueInstant: now.toISOString(),
    StatusCode: samlify.Constants.StatusCode.Success,
    ConditionsNotBefore: now.toISOString(),
    ConditionsNotOnOrAfter: until,
    SubjectConfirmationDataNotOnOrAfter: until,
    NameIDFormat: assertion.nameId.format,
    NameID: assertion.nameId.value,
    // Left out (not empty) when unsolicited: an IdP-initiated response answers no request.
    InResponseTo: assertion.inResponseTo,
    AuthnInstant: assertion.authnInstant,
    SessionIndex: assertion.sessionIndex,
    AuthnContextClassRef: assertion.authnContextClassRef,
  };
  assertion.attributes.forEach((value, i) => {
    values[attributeTag(i)] = value;
  });
  const request = assertion.inResponseTo === null ? { extract: {} } : { extract: { request: { id: assertion.inResponseTo } } };
  const built = await identityProvider(idp).createLoginResponse(
    serviceProvider(sp),
    request,
    'post',
    {},
    {
      customTagReplacement: (template: string) => ({ id: values.ID as string, context: samlify.SamlLib.renderTemplate(template, values) }),
    },
  );
  return built.context;
}
