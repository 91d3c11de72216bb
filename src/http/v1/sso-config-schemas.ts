import { type TObject, type TSchema, Type } from '@sinclair/typebox';
import { CONFIDENTIALITIES, PKCE_CONFIGS } from '../../domain/access/application.js';
import {
  ATTRIBUTE_VALUES,
  AUTHENTICATION_CONTEXTS,
  DIGEST_ALGORITHMS,
  NAME_FORMATS,
  SIGNATURE_ALGORITHMS,
  SUBJECT_USER_NAME_ATTRIBUTES,
} from '../../domain/saml/service-provider.js';
import { SERVER_SET_FIELDS, SSO_CONFIG_TYPES, type SsoConfigType } from '../../domain/sso/sso-config.js';
import { ReadOnly, StringEnum } from '../schemas.js';

/**
 * The payload of each SSO config type, as the contract's `SsoConfigPayload` (create) and
 * `SsoConfigPartialUpdatePayload` (update) say: a `oneOf` dispatched on `type` (Ajv's
 * `discriminator`), so a bad payload is told about its own type's fields only. Fields the server
 * sets (ids, endpoints, credentials) may be sent back and are ignored; anything else unknown is
 * refused. Lengths are yonder's bounds, the contract gives none.
 */

const Text = (maxLength = 2048) => Type.String({ maxLength });
const Url = Text(2048);
const Texts = Type.Array(Text(2048), { maxItems: 100 });
const Bool = Type.Boolean();
const Int32 = Type.Integer({ minimum: -(2 ** 31), maximum: 2 ** 31 - 1 });
/** An icon may be a data URI. */
const Icon = Text(65536);
const Pem = Text(16384);
/** The contract's `inbound_scim`: an object it describes no further, kept as sent. */
const InboundScim = Type.Object({}, { additionalProperties: true, maxProperties: 50 });

const SUBJECT_FIELDS = ['id', 'email', 'username', 'external_id'] as const;

/** Attributes added to an assertion: SAML's may carry a custom value, WS-Fed's a namespace. */
const userAttributes = (extra: 'custom_value' | 'namespace') =>
  Type.Array(
    Type.Object(
      { name: Text(256), name_format: StringEnum(NAME_FORMATS), value: StringEnum(ATTRIBUTE_VALUES), [extra]: Type.Optional(Text(2048)) },
      { additionalProperties: false },
    ),
    { maxItems: 50 },
  );
const samlAttributes = userAttributes('custom_value');
const wsFedAttributes = userAttributes('namespace');

const oidcIdpFields = {
  client_id: Text(512),
  client_secret: Type.Union([Text(2048), Type.Null()], { description: "The upstream's secret: kept sealed, never shown again." }),
  pkce: StringEnum(PKCE_CONFIGS),
  id_token_scopes: Texts,
  identifying_claim_name: Text(256),
  identity_attribute: StringEnum(SUBJECT_FIELDS),
};

/** Each type's fields, and which of them a create requires (`type` always). */
const FIELDS: Record<SsoConfigType, { fields: Record<string, TSchema>; required: string[] }> = {
  bookmark: {
    fields: { login_link: Url, icon: Icon, is_tile_visible: Bool },
    required: ['login_link'],
  },
  entra_id_external_auth_methods: {
    fields: {
      redirect_uris: Texts,
      discover_endpoint: StringEnum(['global_azure', 'azure_us_government', 'microsoft_azure_vianet'] as const),
      inbound_scim: InboundScim,
    },
    required: ['redirect_uris', 'discover_endpoint'],
  },
  generic_oidc: {
    fields: {
      redirect_uris: Texts,
      scopes: Texts,
      trusted_origins: Texts,
      login_link: Url,
      icon: Icon,
      is_tile_visible: Bool,
      confidentiality: StringEnum(CONFIDENTIALITIES),
      pkce: StringEnum(PKCE_CONFIGS),
      inbound_scim: InboundScim,
    },
    required: ['redirect_uris', 'scopes', 'confidentiality', 'pkce'],
  },
  generic_oidc_idp: {
    fields: {
      ...oidcIdpFields,
      authorization_endpoint: Type.Union([Url, Type.Null()]),
      token_endpoint: Url,
      jwks_endpoint: Url,
    },
    required: ['client_id', 'identifying_claim_name', 'identity_attribute', 'authorization_endpoint', 'token_endpoint', 'jwks_endpoint'],
  },
  generic_saml: {
    fields: {
      acs_url: Url,
      override_recipient_and_destination: Bool,
      recipient_url: Url,
      destination_url: Url,
      audience_url: Url,
      default_relay_state: Text(2048),
      name_format: StringEnum(NAME_FORMATS),
      authentication_context: StringEnum(AUTHENTICATION_CONTEXTS),
      subject_user_name_attribute: StringEnum(SUBJECT_USER_NAME_ATTRIBUTES),
      sign_envelope: Bool,
      sign_assertions: Bool,
      signature_algorithm: StringEnum(SIGNATURE_ALGORITHMS),
      digest_algorithm: StringEnum(DIGEST_ALGORITHMS),
      encrypt_assertions: Bool,
      assertion_validity_duration_seconds: Int32,
      assertion_encryption_algorithm: StringEnum(['aes256_cbc', 'aes256_gcm', 'aes128_cbc', 'aes128_gcm'] as const),
      assertion_key_transport_algorithm: StringEnum(['rsa_oaep', 'rsa1_5'] as const),
      assertion_encryption_public_key: Pem,
      sp_signature_certificates: Type.Array(Type.Object({ sp_public_signing_key: Pem }, { additionalProperties: false }), { maxItems: 10 }),
      enable_single_log_out: Bool,
      single_log_out_url: Url,
      single_log_out_issuer_url: Url,
      single_log_out_binding: StringEnum(['post', 'redirect'] as const),
      single_logout_sign_request_and_response: Bool,
      validate_signed_requests: Bool,
      other_sso_urls: Type.Object({ index: Type.Integer({ minimum: -(2 ** 15), maximum: 2 ** 15 - 1 }), url: Url }, { additionalProperties: false }),
      additional_user_attributes: samlAttributes,
      icon: Icon,
      is_tile_visible: Bool,
      inbound_scim: InboundScim,
      use_short_url: Bool,
    },
    required: [
      'acs_url',
      'override_recipient_and_destination',
      'audience_url',
      'default_relay_state',
      'name_format',
      'authentication_context',
      'subject_user_name_attribute',
      'sign_envelope',
      'sign_assertions',
      'signature_algorithm',
      'digest_algorithm',
      'encrypt_assertions',
      'assertion_validity_duration_seconds',
      'sp_signature_certificates',
      'enable_single_log_out',
      'validate_signed_requests',
      'additional_user_attributes',
      'single_logout_sign_request_and_response',
    ],
  },
  okta_idp: {
    fields: { ...oidcIdpFields, okta_domain: Text(512), inbound_scim: InboundScim },
    required: ['client_id', 'identifying_claim_name', 'identity_attribute', 'okta_domain'],
  },
  okta_sso_bi_idp: {
    fields: {
      pkce: StringEnum(PKCE_CONFIGS),
      okta_registration: Type.Object(
        {
          domain: Type.Optional(Url),
          okta_token: Type.Optional(Type.Union([Text(2048), Type.Null()], { description: 'Kept sealed, never shown again.' })),
          attribute_name: Type.Optional(Text(256)),
          is_enabled: Type.Optional(Bool),
        },
        { additionalProperties: false },
      ),
      inbound_scim: InboundScim,
    },
    required: ['pkce', 'okta_registration'],
  },
  scim: { fields: { inbound_scim: InboundScim }, required: [] },
  ws_fed: {
    fields: {
      acs_url: Url,
      audience_url: Url,
      expiration_time_seconds: Int32,
      digest_algorithm: StringEnum(DIGEST_ALGORITHMS),
      signature_algorithm: StringEnum(SIGNATURE_ALGORITHMS),
      name_format: StringEnum(NAME_FORMATS),
      subject_user_name_attribute: StringEnum(SUBJECT_USER_NAME_ATTRIBUTES),
      authentication_context: StringEnum(AUTHENTICATION_CONTEXTS),
      additional_user_attributes: wsFedAttributes,
      icon: Icon,
      is_tile_visible: Bool,
      inbound_scim: InboundScim,
    },
    required: [
      'acs_url',
      'audience_url',
      'expiration_time_seconds',
      'digest_algorithm',
      'signature_algorithm',
      'name_format',
      'subject_user_name_attribute',
      'authentication_context',
      'additional_user_attributes',
    ],
  },
  nametag_oauth2: { fields: {}, required: [] },
};

const serverSet = Object.fromEntries(SERVER_SET_FIELDS.map((field) => [field, ReadOnly]));

function variant(type: SsoConfigType, create: boolean): TObject {
  const { fields, required } = FIELDS[type];
  const properties: Record<string, TSchema> = { type: StringEnum([type]) };
  for (const [name, schema] of Object.entries(fields)) properties[name] = create && required.includes(name) ? schema : Type.Optional(schema);
  // A field of the type itself (an IdP's client_secret) is the client's, not a server-set one.
  return Type.Object({ ...serverSet, ...properties }, { additionalProperties: false, title: type });
}

function payloadSchema(create: boolean) {
  return Type.Unsafe<{ type: SsoConfigType } & Record<string, unknown>>({
    oneOf: SSO_CONFIG_TYPES.map((type) => variant(type, create)),
    discriminator: { propertyName: 'type' },
    description: create
      ? "The type and its fields (the contract's SsoConfigPayload). The type is fixed once created."
      : "The type (the config's own: it is fixed) and the fields to change; those not sent stay.",
  });
}

export const CreatePayload = payloadSchema(true);
export const UpdatePayload = payloadSchema(false);

/** The fields each type's reply payload shows, besides those the server sets (see the route file). */
export function typeFields(type: SsoConfigType): string[] {
  return Object.keys(FIELDS[type].fields);
}
