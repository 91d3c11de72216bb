import { linkedApplicationKind, type SsoConfigType } from '../../domain/sso/sso-config.js';
import type { SsoConfigView } from '../../services/sso/sso-configs.js';
import { typeFields } from './sso-config-schemas.js';

/**
 * An SSO config's payload as the contract's reply for its type spells it: the stored fields, and
 * what yonder made or serves for it (the linked application's ids and credentials, its OpenID
 * endpoints, yonder's SCIM server). The client secret is here only when this request issued it.
 */
export function replyPayload(view: SsoConfigView): Record<string, unknown> {
  const { config, application, clientSecret, urls } = view;
  const stored: Record<string, unknown> = { type: config.type };
  for (const field of typeFields(config.type)) if (field in config.payload) stored[field] = config.payload[field];
  const secret = clientSecret !== null ? { client_secret: clientSecret } : {};
  const kind = linkedApplicationKind(config.type);
  if (kind === 'oidc' && application && urls.issuer) {
    const oidc = {
      ...stored,
      application_id: application.id,
      authenticator_config_id: application.authenticator_config_id ?? '',
      // The application names no resource server of its own: its tokens are for userinfo. (Okta's
      // reply has no such field.)
      ...(config.type === 'okta_sso_bi_idp' ? {} : { resource_server_id: application.resource_server_id ?? '' }),
      client_id: application.client_id ?? '',
      ...secret,
      oidc_configuration: {
        issuer: urls.issuer,
        authorization_endpoint: `${urls.issuer}/authorize`,
        token_endpoint: `${urls.issuer}/token`,
        userinfo_endpoint: `${urls.issuer}/userinfo`,
        jwks_uri: `${urls.issuer}/.well-known/jwks.json`,
        introspect_endpoint: `${urls.realm}/introspect`,
        response_types_supported: ['code'],
        grant_types_supported: ['authorization_code'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      },
    };
    if (config.type === 'generic_oidc') return { trusted_origins: [], ...oidc };
    return oidc;
  }
  if (kind === 'saml' && application && urls.issuer) {
    return {
      ...stored,
      application_id: application.id,
      idp_initiated_url: `${urls.issuer}/saml/start`,
      sp_initiated_url: `${urls.issuer}/saml/sso`,
    };
  }
  if (kind === 'client_credentials' && application && urls.issuer) {
    const credentials = { application_id: application.id, client_id: application.client_id ?? '', ...secret };
    if (config.type === 'scim') {
      return { ...stored, ...credentials, scim_url: `${urls.realm}/scim/v2`, token_endpoint: `${urls.issuer}/token` };
    }
    return { ...stored, tenant_id: config.tenant_id, realm_id: config.realm_id, ...credentials, api_base_url: urls.publicUrl };
  }
  if (config.type === 'generic_oidc_idp' || config.type === 'okta_idp') {
    const domain = typeof config.payload.okta_domain === 'string' ? `https://${config.payload.okta_domain}` : '';
    return {
      pkce: 'disabled',
      ...(config.type === 'okta_idp'
        ? {
            authorization_endpoint: `${domain}/oauth2/v1/authorize`,
            token_endpoint: `${domain}/oauth2/v1/token`,
            jwks_endpoint: `${domain}/oauth2/v1/keys`,
          }
        : {}),
      ...stored,
      // Stored only: yonder takes no upstream sign-in through these, so this callback answers nothing.
      redirect_uri: `${urls.realm}/sso-configs/${config.id}/callback`,
      identity_provider_id: config.id,
    };
  }
  return stored;
}

/** The fields a list shows of each type's payload, as the contract's list reply declares them. */
const LIST_FIELDS: Partial<Record<SsoConfigType, readonly string[]>> = {
  bookmark: ['login_link', 'icon', 'is_tile_visible'],
  entra_id_external_auth_methods: ['redirect_uris', 'discover_endpoint'],
  generic_oidc: ['redirect_uris', 'login_link', 'icon', 'is_tile_visible'],
  generic_saml: ['icon', 'is_tile_visible'],
  ws_fed: ['icon', 'is_tile_visible'],
  scim: ['application_id', 'client_id', 'scim_url', 'token_endpoint'],
};

/** A payload in a list: its type and the few fields the list shows. */
export function listPayload(view: SsoConfigView): Record<string, unknown> {
  const full = replyPayload({ ...view, clientSecret: null });
  const shown: Record<string, unknown> = { type: view.config.type };
  for (const field of LIST_FIELDS[view.config.type] ?? []) if (field in full) shown[field] = full[field];
  return shown;
}
