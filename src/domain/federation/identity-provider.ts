/**
 * Upstream identity providers, as the v1 contract shapes them: one type, `oidc_idp`, an OpenID
 * Connect provider a person proves who they are at before they enroll a passkey. yonder is the
 * relying party; the upstream's client secret is kept sealed and given back on read, as the
 * contract's replies require.
 */
import { invalidField } from '../errors.js';
import { internalHostReason } from '../network/address.js';

export const IDENTITY_ATTRIBUTES = ['id', 'email', 'username', 'external_id'] as const;
export type IdentityAttribute = (typeof IDENTITY_ATTRIBUTES)[number];

export const PKCE_MODES = ['disabled', 'plain', 's256'] as const;
export type PkceMode = (typeof PKCE_MODES)[number];

export const UPSTREAM_AUTH_METHODS = ['client_secret_basic', 'client_secret_post'] as const;
export type UpstreamAuthMethod = (typeof UPSTREAM_AUTH_METHODS)[number];

/** The protocol settings as stored: everything the contract has but the secret and the read-only redirect URL. */
export interface OidcIdpSettings {
  type: 'oidc_idp';
  client_id: string;
  token_scopes: string[];
  identity_attribute: IdentityAttribute;
  pkce: PkceMode;
  jwks_url: string;
  token_url: string;
  authorize_url: string;
  identifying_claim_name: string;
  oauth_2_par_enabled: boolean;
  oauth_2_par_endpoint: string | null;
  /** The OIDC `claims` request parameter, as JSON text; empty: none is sent. */
  claims: string;
  token_endpoint_auth_method: UpstreamAuthMethod;
}

export interface IdentityProvider {
  id: string;
  tenant_id: string;
  realm_id: string;
  display_name: string;
  protocol_config: OidcIdpSettings;
  create_time: string;
  update_time: string;
}

/** The URL fields; each must be an absolute https URL (http only to this machine, for development). */
const URL_FIELDS = ['jwks_url', 'token_url', 'authorize_url', 'oauth_2_par_endpoint'] as const;

function isLocalHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

/** Whether yonder may call `url` over plain HTTP: only on this machine. */
export function insecureAllowed(url: string): boolean {
  return isLocalHost(new URL(url).hostname);
}

function assertUpstreamUrl(field: string, value: string): void {
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    // reported below
  }
  if (url && (url.protocol === 'https:' || (url.protocol === 'http:' && isLocalHost(url.hostname))) && url.hash === '') return;
  throw invalidField(field, 'must be an absolute https URL without a fragment (http only for localhost)');
}

/**
 * The checks the schema cannot make: URLs (and, unless `allowPrivate`, none naming this host, a
 * private network or a metadata service: yonder calls them), PAR's endpoint when PAR is on,
 * `claims` as a JSON object, `openid` among the scopes (an ID token is what carries the
 * identifying claim).
 */
export function checkOidcIdpSettings(settings: OidcIdpSettings, prefix: string, options: { allowPrivate: boolean }): void {
  for (const field of URL_FIELDS) {
    const value = settings[field];
    if (value === null) continue;
    assertUpstreamUrl(`${prefix}.${field}`, value);
    const reason = options.allowPrivate ? null : internalHostReason(new URL(value).hostname);
    if (reason !== null) {
      throw invalidField(`${prefix}.${field}`, `must not point at a ${reason} destination (IDENTITY_PROVIDERS_ALLOW_PRIVATE=true allows it)`);
    }
  }
  if (settings.oauth_2_par_enabled && settings.oauth_2_par_endpoint === null) {
    throw invalidField(`${prefix}.oauth_2_par_endpoint`, 'required when oauth_2_par_enabled is true');
  }
  if (settings.claims !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(settings.claims);
    } catch {
      // reported below
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw invalidField(`${prefix}.claims`, 'must be a JSON object (the OpenID Connect claims request parameter) or empty');
    }
  }
  if (!settings.token_scopes.includes('openid')) {
    throw invalidField(`${prefix}.token_scopes`, 'must include openid: the identifying claim comes in the ID token');
  }
}

/** Where the upstream sends the person back: yonder's callback for this provider (read-only in the contract). */
export function redirectUrlOf(publicUrl: string, idp: Pick<IdentityProvider, 'tenant_id' | 'realm_id' | 'id'>): string {
  return `${publicUrl}/hosted/tenants/${idp.tenant_id}/realms/${idp.realm_id}/identity-providers/${idp.id}/callback`;
}

/**
 * A hosted session begun at an upstream identity provider rests on no passkey: where a passkey
 * session keeps its credential's id (and the OpenID Connect account id carries it), this one keeps
 * the provider's, marked, so no credential id can ever be mistaken for it and no passkey check
 * (re-authentication on the account page, a revoked passkey's sessions) ever matches it.
 */
const FEDERATED_PREFIX = 'idp:';
export const federatedCredentialId = (identityProviderId: string) => `${FEDERATED_PREFIX}${identityProviderId}`;
export const federatedProviderOf = (credentialId: string): string | null =>
  credentialId.startsWith(FEDERATED_PREFIX) ? credentialId.slice(FEDERATED_PREFIX.length) : null;
