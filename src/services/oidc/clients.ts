import { type Application, type CompleteProtocolConfig, effectiveProtocolConfig, tokenLifetime } from '../../domain/access/application.js';
import type { ResourceServer } from '../../domain/access/resource-server.js';
import type { TenantRecord } from '../../domain/directory/tenancy.js';
import type { Yonder } from '../context.js';

/** How an application asks for PKCE: BI's `plain` is verified as S256 of the plain challenge. */
export type PkceMode = 'disabled' | 'plain' | 's256';

/**
 * An application that signs people in with OpenID Connect, as every request reads it afresh from
 * the applications table (a PATCH reaches every process at once).
 */
export interface OidcClient {
  app: Application;
  tenant: TenantRecord;
  config: CompleteProtocolConfig;
  issuer: string;
  /** `tenants/{t}/realms/{r}/applications/{app}`: the access token's `azp`. */
  path: string;
  resourceServer: ResourceServer | null;
  redirectUris: string[];
  isPublic: boolean;
  pkce: PkceMode;
  /** yonder's extension for Beyond Identity's console switch "Enable Refresh Tokens". */
  refreshTokens: boolean;
  /** Seconds an access token lives (`expires_after`, at most 90 days). */
  accessTokenTtl: number;
  /** `token_format: referential`: opaque access tokens instead of JWTs. */
  referential: boolean;
  /** Browser origins that may call the token endpoint and userinfo: the authenticator config's `trusted_origins`. */
  trustedOrigins: string[];
}

/**
 * The application `applicationId` of the realm as an OpenID Connect client, or null when it is not
 * one: not of this tenant and realm, not `authorization_code`, or signing in through an
 * authenticator configuration other than `hosted_web` (Beyond Identity's embedded SDK protocol is
 * private, so yonder cannot serve it).
 */
export async function oidcClient(
  y: Yonder,
  tenantId: string,
  realmId: string,
  applicationId: string,
  /** The application as the request already read it (the token endpoint's client authentication). */
  known?: Application,
): Promise<OidcClient | null> {
  const app = known?.id === applicationId && known.realm_id === realmId ? known : await y.store.applications.get(realmId, applicationId);
  if (!app || app.tenant_id !== tenantId || app.client_id === null) return null;
  const config = effectiveProtocolConfig(app);
  if (!config.grant_type.includes('authorization_code')) return null;
  const authenticator =
    app.authenticator_config_id === null
      ? await y.store.authenticatorConfigs.getDefault(realmId)
      : await y.store.authenticatorConfigs.get(realmId, app.authenticator_config_id);
  if (app.authenticator_config_id !== null && authenticator?.config.type !== 'hosted_web') return null;
  const tenant = await y.store.tenants.get(tenantId);
  if (!tenant) return null;
  const resourceServer = app.resource_server_id === null ? null : ((await y.store.resourceServers.get(realmId, app.resource_server_id)) ?? null);
  const isPublic = config.confidentiality === 'public';
  const given = typeof config.pkce === 'string' ? (config.pkce as PkceMode) : 'disabled';
  return {
    app,
    tenant,
    config,
    issuer: y.tokens.issuerFor(tenant, realmId, app.id),
    path: `tenants/${tenantId}/realms/${realmId}/applications/${app.id}`,
    resourceServer,
    redirectUris: Array.isArray(config.redirect_uris) ? (config.redirect_uris as string[]) : [],
    isPublic,
    // Public clients must use PKCE whatever they say; `disabled` leaves it optional for confidential ones.
    pkce: isPublic && given === 'disabled' ? 's256' : given,
    refreshTokens: config.enable_refresh_tokens === true,
    accessTokenTtl: tokenLifetime(config),
    trustedOrigins: authenticator?.config.trusted_origins ?? [],
    referential: config.token_format === 'referential',
  };
}

/** Whether a browser page of `origin` may call the application's token endpoint or userinfo (CORS). */
export function corsAllowed(client: OidcClient, origin: string | undefined): boolean {
  if (!origin || origin === 'null') return false;
  const redirectOrigins = client.redirectUris.map((uri) => URL.parse(uri)?.origin);
  return client.trustedOrigins.includes(origin) || redirectOrigins.includes(origin);
}

/** The resource server scopes the application may grant at all: its `allowed_scopes` the server still has. */
export function grantableScopes(client: OidcClient): string[] {
  if (!client.resourceServer) return [];
  const known = new Set(client.resourceServer.scopes);
  return client.config.allowed_scopes.filter((scope) => known.has(scope));
}
