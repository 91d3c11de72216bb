import { MANAGEMENT_SCOPES } from '../access/scopes.js';

/**
 * An SSO config: Beyond Identity's name for something people sign in to from the app launcher,
 * or that signs them in elsewhere. Its `type` is fixed once it is made; its `payload` is the
 * type's document as the contract spells it.
 *
 * yonder acts on some types and keeps the others:
 * - `bookmark`: a tile with a link;
 * - `generic_oidc`, `entra_id_external_auth_methods`, `okta_sso_bi_idp`: an OpenID Connect
 *   application of the realm (signing in through yonder's hosted passkey page), made, changed and
 *   deleted with the config;
 * - `generic_saml`: a SAML application of the realm (yonder as its identity provider);
 * - `scim`, `nametag_oauth2`: a client-credentials application whose tokens reach yonder's own
 *   SCIM server (or read identities and groups) in the config's realm;
 * - the rest (`generic_oidc_idp`, `okta_idp`, `ws_fed`) and the third-party parts of
 *   the types above (Okta's registration, Entra's discovery, Nametag's calls) are validated,
 *   stored and echoed only: yonder calls no third party.
 */
export const SSO_CONFIG_TYPES = [
  'bookmark',
  'entra_id_external_auth_methods',
  'generic_oidc',
  'generic_oidc_idp',
  'generic_saml',
  'okta_idp',
  'okta_sso_bi_idp',
  'scim',
  'ws_fed',
  'nametag_oauth2',
] as const;
export type SsoConfigType = (typeof SSO_CONFIG_TYPES)[number];

/** How a type's linked application signs in, if it has one. */
export type LinkedApplicationKind = 'oidc' | 'client_credentials' | 'saml';

const LINKED: Partial<Record<SsoConfigType, LinkedApplicationKind>> = {
  generic_oidc: 'oidc',
  entra_id_external_auth_methods: 'oidc',
  okta_sso_bi_idp: 'oidc',
  generic_saml: 'saml',
  scim: 'client_credentials',
  nametag_oauth2: 'client_credentials',
};

export function linkedApplicationKind(type: SsoConfigType): LinkedApplicationKind | null {
  return LINKED[type] ?? null;
}

/** Types whose whole behaviour lives at a third party: yonder validates, stores and echoes them. */
export const STORED_ONLY_TYPES: readonly SsoConfigType[] = ['generic_oidc_idp', 'okta_idp', 'ws_fed'];

/**
 * The scopes of a client-credentials config's application on the Management API, restricted to
 * the config's realm: yonder's SCIM server for `scim`; reading identities and groups for Nametag
 * (as the contract describes its application).
 */
export const CLIENT_CREDENTIALS_SCOPES: Partial<Record<SsoConfigType, readonly string[]>> = {
  scim: MANAGEMENT_SCOPES.filter((scope) => scope.startsWith('scim:') && scope !== 'scim:all'),
  nametag_oauth2: ['identities:read', 'groups:read'],
};

/**
 * Fields of a payload that the server sets: a client sending them back has them ignored, as for
 * an application's `client_id`. What yonder makes (application ids, OIDC endpoints, credentials)
 * is answered from the linked application, never stored in the payload.
 */
export const SERVER_SET_FIELDS = [
  'application_id',
  'authenticator_config_id',
  'resource_server_id',
  'oidc_configuration',
  'client_id',
  'client_secret',
  'application_tile_id',
  'identity_provider_id',
  'redirect_uri',
  'identity_provider_certs',
  'idp_initiated_url',
  'sp_initiated_url',
  'short_sp_initiated_url',
  'short_entity_id_url',
  'idp_sso_url',
  'idp_issuer_url',
  'metadata_url',
  'scim_url',
  'token_endpoint',
  'tenant_id',
  'realm_id',
  'api_base_url',
] as const;

/** Fields of SERVER_SET_FIELDS that a type's client sets itself: an upstream IdP's client id, secret and token endpoint. */
export function clientSetFields(type: SsoConfigType): readonly string[] {
  return type === 'generic_oidc_idp' || type === 'okta_idp' ? ['client_id', 'client_secret', 'token_endpoint'] : [];
}

/**
 * Secrets of a third party a payload carries (an upstream IdP's client secret, an Okta API
 * token): kept sealed with the master key and never echoed. `client_secret` is the client's own
 * field on the IdP types only; on the others it is yonder's and server-set.
 */
export function thirdPartySecretPaths(type: SsoConfigType): readonly (readonly string[])[] {
  if (type === 'generic_oidc_idp' || type === 'okta_idp') return [['client_secret']];
  if (type === 'okta_sso_bi_idp') return [['okta_registration', 'okta_token']];
  return [];
}

export interface SsoConfig {
  id: string;
  tenant_id: string;
  realm_id: string;
  display_name: string;
  type: SsoConfigType;
  is_migrated: boolean;
  /** The stored document: the type's client-set fields, without secrets, without `type`. */
  payload: Record<string, unknown>;
  /** Third-party secrets by dotted path, each sealed. */
  sealed_secrets: Record<string, string>;
  application_id: string | null;
  create_time: string;
  update_time: string;
}

/** Whether a config shows as a tile in the app launcher: unless it says `is_tile_visible: false`. */
export function isTileVisible(config: Pick<SsoConfig, 'payload'>): boolean {
  return config.payload.is_tile_visible !== false;
}

/** Types that show in the app launcher. */
export const TILE_TYPES: readonly SsoConfigType[] = ['bookmark', 'generic_oidc', 'generic_saml'];

/** The orders a list may be asked for: by creation (the default, the id order) or by name. */
export const SSO_CONFIG_ORDERS = ['id', 'display_name'] as const;
export type SsoConfigOrder = (typeof SSO_CONFIG_ORDERS)[number];
