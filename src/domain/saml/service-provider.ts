import type { Identity } from '../directory/identity.js';
import type { FieldViolation } from '../errors.js';

/**
 * A SAML 2.0 service provider yonder signs people in to: an application whose protocol
 * configuration is the contract's SAML payload (`type: saml`, one of the contract's application
 * protocol configs; the `generic_saml` SSO config's payload is the same). These are the payload's rules and what yonder puts in an assertion from it; the XML and
 * its signature are the SAML library's (services/saml/).
 */
export const NAME_FORMATS = [
  'unspecified',
  'email_address',
  'x509_subject_name',
  'persistent',
  'transient',
  'entity',
  'kerberos',
  'windows_domain_qualified_name',
] as const;
export const AUTHENTICATION_CONTEXTS = [
  'x509',
  'integrated_windows_federation',
  'kerberos',
  'password',
  'password_protected_transport',
  'tls_client',
  'unspecified',
  'refeds_mfa',
] as const;
export const SUBJECT_USER_NAME_ATTRIBUTES = ['user_name', 'email', 'email_prefix', 'external_id', 'display_name', 'custom', 'none'] as const;
export const SIGNATURE_ALGORITHMS = ['rsa_sha256', 'rsa_sha1', 'rsa_sha384', 'rsa_sha512'] as const;
export const DIGEST_ALGORITHMS = ['sha256', 'sha1', 'sha384', 'sha512'] as const;
export const ATTRIBUTE_VALUES = ['email', 'user_name', 'external_id', 'display_name', 'custom_static_string'] as const;
export const SINGLE_LOG_OUT_BINDINGS = ['post', 'redirect'] as const;

export type NameFormat = (typeof NAME_FORMATS)[number];
export type AuthenticationContext = (typeof AUTHENTICATION_CONTEXTS)[number];
export type SubjectUserNameAttribute = (typeof SUBJECT_USER_NAME_ATTRIBUTES)[number];
export type SignatureAlgorithm = (typeof SIGNATURE_ALGORITHMS)[number];
export type AttributeValue = (typeof ATTRIBUTE_VALUES)[number];

export interface AdditionalAttribute {
  name: string;
  name_format: NameFormat;
  value: AttributeValue;
  custom_value?: string;
}

/** The payload after `completeSamlConfig`: every field yonder acts on, and the contract requires, is set. */
export interface SamlConfig {
  type: 'saml';
  acs_url: string;
  override_recipient_and_destination: boolean;
  recipient_url?: string;
  destination_url?: string;
  audience_url: string;
  default_relay_state: string;
  name_format: NameFormat;
  authentication_context: AuthenticationContext;
  subject_user_name_attribute: SubjectUserNameAttribute;
  sign_envelope: boolean;
  sign_assertions: boolean;
  signature_algorithm: SignatureAlgorithm;
  digest_algorithm: (typeof DIGEST_ALGORITHMS)[number];
  encrypt_assertions: boolean;
  assertion_validity_duration_seconds: number;
  sp_signature_certificates: { sp_public_signing_key: string }[];
  enable_single_log_out: boolean;
  single_logout_sign_request_and_response: boolean;
  validate_signed_requests: boolean;
  other_sso_urls?: { index: number; url: string };
  additional_user_attributes: AdditionalAttribute[];
  [field: string]: unknown;
}

/** Assertions live from five seconds to a day; the contract's example is five minutes. */
export const MIN_ASSERTION_SECONDS = 5;
export const MAX_ASSERTION_SECONDS = 24 * 3600;
export const MAX_ADDITIONAL_ATTRIBUTES = 50;

/** Fields the server sets: sent back by a client, they are dropped. */
const READ_ONLY_FIELDS = ['identity_provider_certs', 'idp_initiated_url', 'sp_initiated_url', 'metadata_url', 'idp_issuer_url', 'idp_sso_url'];

/** Where an assertion may be posted: an absolute http(s) URL without a fragment (nothing a browser runs). */
export function acsUrlViolation(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return 'is required';
  const url = URL.parse(value);
  if (!url) return 'must be an absolute URL';
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an http or https URL';
  if (value.includes('#')) return 'must not have a fragment';
  return undefined;
}

const oneOf = <T extends string>(values: readonly T[], value: unknown, fallback: T): T | undefined =>
  value === undefined ? fallback : values.includes(value as T) ? (value as T) : undefined;

/**
 * Checks the rules of a SAML payload and fills in the contract's defaults. Refused rather than
 * stored and ignored: assertion encryption and single logout (yonder does neither yet), and signed
 * requests without a certificate to check them by. Field names are given from `prefix`.
 */
export function completeSamlConfig(given: Record<string, unknown>, prefix: string): { config: SamlConfig } | { violations: FieldViolation[] } {
  const config: Record<string, unknown> = { ...given };
  for (const field of READ_ONLY_FIELDS) delete config[field];
  const violations: FieldViolation[] = [];
  const field = (name: string) => `${prefix}.${name}`;
  const violate = (name: string, description: string) => violations.push({ field: field(name), description });

  const acs = acsUrlViolation(config.acs_url);
  if (acs) violate('acs_url', acs);
  if (typeof config.audience_url !== 'string' || config.audience_url.trim() === '')
    violate('audience_url', 'is required: the service provider entity id');
  const override = config.override_recipient_and_destination === true;
  if (override) {
    for (const name of ['recipient_url', 'destination_url']) {
      const why = acsUrlViolation(config[name]);
      if (why) violate(name, `${why} when override_recipient_and_destination is true`);
    }
  }
  const enums: [string, readonly string[], string][] = [
    ['name_format', NAME_FORMATS, 'unspecified'],
    ['authentication_context', AUTHENTICATION_CONTEXTS, 'x509'],
    ['subject_user_name_attribute', SUBJECT_USER_NAME_ATTRIBUTES, 'user_name'],
    ['signature_algorithm', SIGNATURE_ALGORITHMS, 'rsa_sha256'],
    ['digest_algorithm', DIGEST_ALGORITHMS, 'sha256'],
  ];
  for (const [name, values, fallback] of enums) {
    const value = oneOf(values, config[name], fallback);
    if (value === undefined) violate(name, `must be one of ${values.join(', ')}`);
    else config[name] = value;
  }
  const seconds = config.assertion_validity_duration_seconds ?? 300;
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < MIN_ASSERTION_SECONDS || seconds > MAX_ASSERTION_SECONDS) {
    violate('assertion_validity_duration_seconds', `must be an integer from ${MIN_ASSERTION_SECONDS} to ${MAX_ASSERTION_SECONDS}`);
  }
  if (config.encrypt_assertions === true) violate('encrypt_assertions', 'yonder does not encrypt assertions; they are signed');
  if (config.enable_single_log_out === true) violate('enable_single_log_out', 'yonder does not offer SAML single logout');
  const certificates = Array.isArray(config.sp_signature_certificates) ? config.sp_signature_certificates.flat() : [];
  const pems = certificates.map((c) => (c as { sp_public_signing_key?: unknown })?.sp_public_signing_key);
  if (pems.some((pem) => typeof pem !== 'string' || !pem.includes('BEGIN CERTIFICATE'))) {
    violate('sp_signature_certificates', 'each sp_public_signing_key must be a PEM certificate');
  }
  if (config.validate_signed_requests === true && certificates.length === 0) {
    violate('validate_signed_requests', 'needs sp_signature_certificates to check the signatures by');
  }
  const other = config.other_sso_urls as { index?: unknown; url?: unknown } | undefined;
  if (other !== undefined) {
    const why = acsUrlViolation(other?.url);
    if (why) violate('other_sso_urls.url', why);
    if (!Number.isInteger(other?.index) || (other.index as number) < 0 || (other.index as number) > 32767) {
      violate('other_sso_urls.index', 'must be an integer from 0 to 32767');
    }
    if (config.validate_signed_requests === true) violate('other_sso_urls', 'cannot be set when validate_signed_requests is true');
  }
  const attributes = Array.isArray(config.additional_user_attributes) ? (config.additional_user_attributes as Partial<AdditionalAttribute>[]) : [];
  if (attributes.length > MAX_ADDITIONAL_ATTRIBUTES) violate('additional_user_attributes', `at most ${MAX_ADDITIONAL_ATTRIBUTES}`);
  attributes.forEach((attribute, i) => {
    const at = `additional_user_attributes.${i}`;
    if (typeof attribute?.name !== 'string' || attribute.name.trim() === '' || attribute.name.length > 256)
      violate(`${at}.name`, 'is required (1 to 256 characters)');
    if (!NAME_FORMATS.includes(attribute?.name_format as NameFormat)) violate(`${at}.name_format`, `must be one of ${NAME_FORMATS.join(', ')}`);
    if (!ATTRIBUTE_VALUES.includes(attribute?.value as AttributeValue)) violate(`${at}.value`, `must be one of ${ATTRIBUTE_VALUES.join(', ')}`);
    if (attribute?.value === 'custom_static_string' && typeof attribute.custom_value !== 'string') {
      violate(`${at}.custom_value`, 'is required when value is custom_static_string');
    }
  });
  if (violations.length > 0) return { violations };
  return {
    config: {
      ...config,
      type: 'saml',
      override_recipient_and_destination: override,
      default_relay_state: typeof config.default_relay_state === 'string' ? config.default_relay_state : '',
      sign_envelope: config.sign_envelope !== false,
      sign_assertions: config.sign_assertions !== false,
      encrypt_assertions: false,
      assertion_validity_duration_seconds: seconds as number,
      sp_signature_certificates: certificates as { sp_public_signing_key: string }[],
      enable_single_log_out: false,
      single_logout_sign_request_and_response: config.single_logout_sign_request_and_response === true,
      validate_signed_requests: config.validate_signed_requests === true,
      additional_user_attributes: attributes as AdditionalAttribute[],
    } as SamlConfig,
  };
}

/**
 * Where the response goes: the ACS URL the request names, when it is the configured one or the
 * other SSO URL; the other SSO URL by its index; else the configured ACS URL. Null when the request
 * names a place that is not configured: nothing is posted there.
 */
export function assertionConsumerOf(config: SamlConfig, requested: { url?: string; index?: number }): string | null {
  const allowed = [config.acs_url, ...(config.other_sso_urls ? [config.other_sso_urls.url] : [])];
  if (requested.url !== undefined && requested.url !== '') return allowed.includes(requested.url) ? requested.url : null;
  if (requested.index !== undefined && Number.isFinite(requested.index)) {
    if (config.other_sso_urls?.index === requested.index) return config.other_sso_urls.url;
    return requested.index === 0 ? config.acs_url : null;
  }
  return config.acs_url;
}

const NAME_ID_FORMAT_URIS: Record<NameFormat, string> = {
  unspecified: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
  email_address: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
  x509_subject_name: 'urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName',
  persistent: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
  transient: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
  entity: 'urn:oasis:names:tc:SAML:2.0:nameid-format:entity',
  kerberos: 'urn:oasis:names:tc:SAML:2.0:nameid-format:kerberos',
  windows_domain_qualified_name: 'urn:oasis:names:tc:SAML:1.1:nameid-format:WindowsDomainQualifiedName',
};

export const nameIdFormatUri = (format: NameFormat): string => NAME_ID_FORMAT_URIS[format];
export const NAME_ID_FORMAT_URI_LIST = Object.values(NAME_ID_FORMAT_URIS);

const AUTHN_CONTEXT_URIS: Record<AuthenticationContext, string> = {
  x509: 'urn:oasis:names:tc:SAML:2.0:ac:classes:X509',
  integrated_windows_federation: 'urn:federation:authentication:windows',
  kerberos: 'urn:oasis:names:tc:SAML:2.0:ac:classes:Kerberos',
  password: 'urn:oasis:names:tc:SAML:2.0:ac:classes:Password',
  password_protected_transport: 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport',
  tls_client: 'urn:oasis:names:tc:SAML:2.0:ac:classes:TLSClient',
  unspecified: 'urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified',
  refeds_mfa: 'https://refeds.org/profile/mfa',
};

export const authnContextUri = (context: AuthenticationContext): string => AUTHN_CONTEXT_URIS[context];

const SIGNATURE_URIS: Record<SignatureAlgorithm, string> = {
  rsa_sha1: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
  rsa_sha256: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  rsa_sha384: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha384',
  rsa_sha512: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512',
};

/** The XML-DSig algorithm; its digest is the same hash (the SAML library pairs them). */
export const signatureAlgorithmUri = (algorithm: SignatureAlgorithm): string => SIGNATURE_URIS[algorithm];

/** An attribute's NameFormat: `basic` names (firstName, email), or `unspecified` when the config says so. */
export const attributeNameFormatUri = (format: NameFormat): string =>
  format === 'unspecified' ? 'urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified' : 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic';

function traitOf(identity: Identity, value: AttributeValue | SubjectUserNameAttribute): string | undefined {
  const email = identity.traits.primary_email_address;
  switch (value) {
    case 'email':
      return email;
    case 'email_prefix':
      return email?.split('@')[0];
    case 'user_name':
      return identity.traits.username;
    case 'external_id':
      return identity.traits.external_id;
    case 'display_name':
      return identity.display_name;
    default:
      return undefined;
  }
}

/**
 * The assertion's subject. Its format is `name_format`; its value is what
 * `subject_user_name_attribute` names, except that a persistent name is the identity's id (opaque
 * and stable, as the format promises), a transient one is `transientId` (new for each assertion),
 * and an email-address name must be an email. Without that value (`custom`, `none`, an empty
 * trait) the identity's id stands in. Null when the format asks for what the identity lacks.
 */
export function nameIdOf(identity: Identity, config: SamlConfig, transientId: string): { format: string; value: string } | null {
  const format = nameIdFormatUri(config.name_format);
  if (config.name_format === 'persistent') return { format, value: identity.id };
  if (config.name_format === 'transient') return { format, value: transientId };
  if (config.name_format === 'email_address') {
    const email = identity.traits.primary_email_address;
    return email ? { format, value: email } : null;
  }
  const value = traitOf(identity, config.subject_user_name_attribute);
  return { format, value: value === undefined || value === '' ? identity.id : value };
}

/**
 * The attribute statement's values, in the configuration's order: the identity's value for each
 * configured attribute, null where it has none (the attribute is then sent without a value).
 */
export function attributeValuesOf(identity: Identity, config: SamlConfig): (string | null)[] {
  return config.additional_user_attributes.map(
    (attribute) => (attribute.value === 'custom_static_string' ? attribute.custom_value : traitOf(identity, attribute.value)) ?? null,
  );
}
