import type { FieldViolation } from '../errors.js';
import type { ResourceServer } from './resource-server.js';
import { completeSamlConfig } from '../saml/service-provider.js';

/**
 * An application a realm's identities sign in to, or a machine client that obtains tokens with
 * the client-credentials grant. The protocol configuration is kept as a JSON document: the fields
 * yonder understands are checked and completed with their defaults (`completeProtocolConfig`);
 * the client id and the hash of the client secret live beside it, never inside it.
 */
export const PROTOCOL_TYPES = ['oauth2', 'oidc', 'saml'] as const;
export type ProtocolType = (typeof PROTOCOL_TYPES)[number];

export const CONFIDENTIALITIES = ['confidential', 'public'] as const;
export const TOKEN_ENDPOINT_AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'none'] as const;
export const GRANT_TYPES = ['authorization_code', 'client_credentials'] as const;
export const SUBJECT_FIELDS = ['id', 'email', 'username'] as const;
export const TOKEN_FORMATS = ['self_contained', 'referential'] as const;
export const PKCE_CONFIGS = ['disabled', 'plain', 's256'] as const;

/**
 * The ceiling of `expires_after` (the contract only says `uint32`): 90 days, as long as the
 * Management API application's own tokens. A longer value is refused; an application stored with
 * one before the ceiling existed mints tokens of 90 days (`tokenLifetime`).
 */
export const MAX_TOKEN_LIFETIME_DAYS = 90;
export const MAX_TOKEN_LIFETIME_SECONDS = MAX_TOKEN_LIFETIME_DAYS * 24 * 3600;
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 24 * 3600;

export interface TokenConfiguration {
  expires_after: number;
  subject_field: (typeof SUBJECT_FIELDS)[number];
  token_signing_algorithm: 'RS256';
}

export type ProtocolConfig = { type: ProtocolType } & Record<string, unknown>;

/** The protocol configuration after `completeProtocolConfig`: every field yonder acts on is set. */
export type CompleteProtocolConfig = ProtocolConfig & {
  allowed_scopes: string[];
  confidentiality: (typeof CONFIDENTIALITIES)[number];
  token_endpoint_auth_method: (typeof TOKEN_ENDPOINT_AUTH_METHODS)[number];
  grant_type: (typeof GRANT_TYPES)[number][];
  token_configuration: TokenConfiguration;
  token_format: (typeof TOKEN_FORMATS)[number];
};

export interface Application {
  id: string;
  realm_id: string;
  tenant_id: string;
  display_name: string;
  /** Managed applications are yonder's own ("Admin Console", "yonder Management API"); clients cannot change them. */
  is_managed: boolean;
  /** `management_api` for the managed Management API application, as Beyond Identity's CLI looks for it. */
  classification: string | null;
  resource_server_id: string | null;
  authenticator_config_id: string | null;
  protocol_config: ProtocolConfig;
  client_id: string | null;
  client_secret_hash: string | null;
  /** The secret sealed with the master key (`CLIENT_SECRETS=sealed`), for `applications:read-secrets`. */
  client_secret_sealed: string | null;
  create_time: string;
  update_time: string;
}

export interface NewApplicationInput {
  display_name: string;
  protocol_config: ProtocolConfig;
  resource_server_id?: string;
  authenticator_config_id?: string;
}

export type ApplicationPatch = Partial<NewApplicationInput>;

/** Fields the server sets; a client sending them back has them ignored, as the contract says. */
const READ_ONLY_PROTOCOL_FIELDS = ['client_id', 'client_secret'];

export function storedProtocolConfig(config: ProtocolConfig): ProtocolConfig {
  const copy: Record<string, unknown> = { ...config };
  for (const field of READ_ONLY_PROTOCOL_FIELDS) delete copy[field];
  return copy as ProtocolConfig;
}

export type Completed = { config: CompleteProtocolConfig } | { violations: FieldViolation[] };

/**
 * Checks the rules that tie the fields together and fills in the defaults. The types and enums
 * are checked by the request schema; these are the rules a schema cannot say:
 * - `allowed_scopes` must be scopes of the referenced resource server; without one, none;
 * - a public client has no secret, so it authenticates with `none` and cannot use
 *   `client_credentials`; a confidential client cannot use `none`;
 * - only RS256 tokens are issued, self-contained (JWT) unless an `oidc` application without
 *   `client_credentials` asks for `referential` (opaque) ones;
 * - `expires_after` is between one second and `MAX_TOKEN_LIFETIME_SECONDS` (90 days).
 * Field names are given from `prefix` (`application.protocol_config`).
 */
// Schemes a browser runs or reads locally: a code sent there is a code handed to a script.
const UNSAFE_REDIRECT_SCHEMES = new Set(['javascript:', 'data:', 'vbscript:', 'file:', 'blob:']);

/**
 * Why `uri` cannot be a redirect URI, if it cannot: RFC 6749 §3.1.2 asks for an absolute URI
 * without a fragment. Private-use schemes (RFC 8252 native apps) and plain http stay allowed.
 */
export function redirectUriViolation(uri: string): string | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return 'must be an absolute URI';
  }
  if (uri.includes('#')) return 'must not have a fragment';
  if (UNSAFE_REDIRECT_SCHEMES.has(url.protocol)) return `cannot use the ${url.protocol.slice(0, -1)} scheme`;
  return undefined;
}

export function completeProtocolConfig(
  given: ProtocolConfig,
  resourceServer: ResourceServer | null,
  prefix = 'application.protocol_config',
): Completed {
  // A SAML service provider has no client credentials, scopes or tokens: its payload has rules of its own.
  if (given.type === 'saml') {
    const saml = completeSamlConfig(given, prefix);
    return 'violations' in saml ? saml : { config: saml.config as unknown as CompleteProtocolConfig };
  }
  const config = storedProtocolConfig(given);
  const violations: FieldViolation[] = [];
  const field = (name: string) => `${prefix}.${name}`;

  const confidentiality = (config.confidentiality as CompleteProtocolConfig['confidentiality'] | undefined) ?? 'confidential';
  const method =
    (config.token_endpoint_auth_method as CompleteProtocolConfig['token_endpoint_auth_method'] | undefined) ??
    (confidentiality === 'public' ? 'none' : 'client_secret_basic');
  const grants = [...new Set((config.grant_type as CompleteProtocolConfig['grant_type'] | undefined) ?? [])];
  const scopes = [...new Set((config.allowed_scopes as string[] | undefined) ?? [])];
  const tokenConfig = (config.token_configuration as Partial<TokenConfiguration> | undefined) ?? {};

  if (confidentiality === 'public' && method !== 'none') {
    violations.push({ field: field('token_endpoint_auth_method'), description: 'public applications use none' });
  }
  if (confidentiality === 'confidential' && method === 'none') {
    violations.push({ field: field('token_endpoint_auth_method'), description: 'confidential applications authenticate with a client secret' });
  }
  if (confidentiality === 'public' && grants.includes('client_credentials')) {
    violations.push({ field: field('grant_type'), description: 'client_credentials needs a confidential application' });
  }
  if (resourceServer === null && scopes.length > 0) {
    violations.push({ field: field('allowed_scopes'), description: 'must be empty when the application references no resource server' });
  } else if (resourceServer !== null) {
    const known = new Set(resourceServer.scopes);
    const unknown = scopes.filter((s) => !known.has(s));
    if (unknown.length > 0) {
      violations.push({
        field: field('allowed_scopes'),
        description: `not scopes of the resource server: ${unknown.slice(0, 5).join(', ')}`,
      });
    }
  }
  // Opaque (referential) access tokens come only from the OpenID Connect provider's grants.
  const referential = config.token_format === 'referential';
  if (referential && (config.type !== 'oidc' || grants.includes('client_credentials'))) {
    violations.push({
      field: field('token_format'),
      description: 'referential tokens are issued only to oidc applications without client_credentials',
    });
  }
  ((config.redirect_uris as string[] | undefined) ?? []).forEach((uri, i) => {
    const why = redirectUriViolation(uri);
    if (why) violations.push({ field: field(`redirect_uris.${i}`), description: why });
  });
  const expiresAfter = tokenConfig.expires_after ?? DEFAULT_TOKEN_LIFETIME_SECONDS;
  if (expiresAfter < 1 || expiresAfter > MAX_TOKEN_LIFETIME_SECONDS) {
    violations.push({
      field: field('token_configuration.expires_after'),
      description: `must be between 1 and ${MAX_TOKEN_LIFETIME_SECONDS} seconds (${MAX_TOKEN_LIFETIME_DAYS} days)`,
    });
  }
  if (violations.length > 0) return { violations };

  return {
    config: {
      ...config,
      allowed_scopes: scopes,
      confidentiality,
      token_endpoint_auth_method: method,
      grant_type: grants,
      token_configuration: {
        expires_after: expiresAfter,
        subject_field: tokenConfig.subject_field ?? 'id',
        token_signing_algorithm: 'RS256',
      },
      token_format: referential ? 'referential' : 'self_contained',
    },
  };
}

/**
 * The configuration yonder acts on, for applications stored before the fields were completed:
 * missing fields read as their defaults.
 */
export function effectiveProtocolConfig(app: Application): CompleteProtocolConfig {
  const config = app.protocol_config as Partial<CompleteProtocolConfig> & ProtocolConfig;
  return {
    ...config,
    allowed_scopes: config.allowed_scopes ?? [],
    confidentiality: config.confidentiality ?? 'confidential',
    token_endpoint_auth_method: config.token_endpoint_auth_method ?? 'client_secret_basic',
    grant_type: config.grant_type ?? [],
    token_configuration: {
      expires_after: config.token_configuration?.expires_after ?? DEFAULT_TOKEN_LIFETIME_SECONDS,
      subject_field: config.token_configuration?.subject_field ?? 'id',
      token_signing_algorithm: 'RS256',
    },
    token_format: config.token_format === 'referential' ? 'referential' : 'self_contained',
  };
}

export function applyApplicationPatch(current: Application, patch: ApplicationPatch, now: string): Application {
  return {
    ...current,
    display_name: patch.display_name ?? current.display_name,
    protocol_config: patch.protocol_config ? storedProtocolConfig(patch.protocol_config) : current.protocol_config,
    resource_server_id: patch.resource_server_id ?? current.resource_server_id,
    authenticator_config_id: patch.authenticator_config_id ?? current.authenticator_config_id,
    update_time: now,
  };
}

/** How long a token minted through an application lives: its `expires_after`, never past the ceiling. */
export function tokenLifetime(config: { token_configuration: { expires_after: number } }): number {
  return Math.min(config.token_configuration.expires_after, MAX_TOKEN_LIFETIME_SECONDS);
}

/**
 * The managed Management API application (the operator's, made by the first start): the one
 * application whose tokens reach the whole tenant.
 */
export function isManagementApplication(app: Pick<Application, 'is_managed' | 'classification'>): boolean {
  return app.is_managed && app.classification === 'management_api';
}

/**
 * The realm a token issued through `app` is restricted to: none for the Management API
 * application, the application's own realm for every other. A narrow caller who may create an
 * application in the admin realm thus never mints a token that reaches past it.
 */
export function issuedTokenRealm(app: Pick<Application, 'is_managed' | 'classification' | 'realm_id'>): string | null {
  return isManagementApplication(app) ? null : app.realm_id;
}

/** The issuing application of a token as it is now, for `liveTokenScopes`. */
export interface TokenIssuer {
  isManaged: boolean;
  allowedScopes: readonly string[];
  serverScopes: readonly string[];
}

/**
 * The scopes a token still carries: those the issuing application still allows and its resource
 * server still has, so a scope taken out of `allowed_scopes` leaves the tokens issued before too.
 * Managed applications cannot be changed, and their tokens have rules of their own (a console
 * token's scopes come from roles; the command line's tokens from the operator), so theirs stay.
 */
export function liveTokenScopes(tokenScopes: readonly string[], issuer: TokenIssuer): string[] {
  if (issuer.isManaged) return [...tokenScopes];
  const allowed = new Set(issuer.allowedScopes);
  const known = new Set(issuer.serverScopes);
  return tokenScopes.filter((scope) => allowed.has(scope) && known.has(scope));
}

export const TOKEN_PRINCIPAL_TYPES = ['application', 'identity'] as const;

/**
 * Whom a token acts for (the contract's `principal_type` and `principal_id` on ListTokens). An
 * application's own tokens (client credentials, named tokens, the command line's) have it as their
 * subject; a token whose subject is not its issuing application is a person's (a console token's
 * subject is the identity signed in). So the type follows from the record, with no column of its own.
 */
export interface TokenPrincipal {
  type: (typeof TOKEN_PRINCIPAL_TYPES)[number];
  id: string;
}
