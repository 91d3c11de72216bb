import { type Application, effectiveProtocolConfig, issuedTokenRealm, liveTokenScopes, tokenLifetime } from '../../domain/access/application.js';
import type { Actor } from '../../domain/audit/audit-event.js';
import { clientSecretMatches } from '../../domain/access/client-credentials.js';
import { OAuthError } from '../../domain/access/oauth-error.js';
import { type RateLimited, clientFailureChecks, unknownClientChecks } from '../../domain/access/rate-limit.js';
import { MANAGEMENT_SCOPES } from '../../domain/access/scopes.js';
import type { Yonder } from '../context.js';
import type { RealmRef } from '../directory/identities.js';
import { runAsActor } from '../audit/audit.js';
import { refusedDespiteSuccess, takeAttempt } from './rate-limits.js';
import { mintRecorded, revokeIssuedToken } from './token-records.js';
import { MANAGEMENT_AUDIENCE } from '../../platform/tokens/token-service.js';
import { introspectOpaqueToken, revokeOpaqueToken } from '../oidc/tokens.js';

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

/**
 * Authenticates a confidential client. `expected` is the application named by the path (token and
 * revoke endpoints); without it, the client id alone finds the application, which must belong to
 * the realm (introspection). Every failure looks the same to the caller: 401 `invalid_client`, or
 * 429 with `Retry-After` once a failure is past a limit.
 *
 * The rate limits (domain/access/rate-limit.ts): a client id that names no client here counts per address
 * alone; a wrong secret counts for the client from this address and for the realm from this
 * address, decided on the counts the atomic upserts answer; a right secret is not counted, and is
 * refused only where its client has failed from this address and a limit is full.
 */
export async function authenticateClient(
  y: Yonder,
  ref: RealmRef,
  credentials: ClientCredentials | null,
  address: string,
  expected?: string,
): Promise<Application> {
  if (credentials === null) throw new OAuthError('invalid_client', 'client authentication is required');
  const app =
    expected !== undefined ? await y.store.applications.get(ref.realmId, expected) : await y.store.applications.byClientId(credentials.clientId);
  const known =
    app !== undefined &&
    app.tenant_id === ref.tenantId &&
    app.realm_id === ref.realmId &&
    app.client_id === credentials.clientId &&
    app.client_secret_hash !== null;
  if (!app || !known) throw failedAuthentication(await takeAttempt(y, unknownClientChecks(address)));
  const checks = clientFailureChecks(app.realm_id, credentials.clientId, address);
  if (!clientSecretMatches(credentials.clientSecret, app.client_secret_hash)) throw failedAuthentication(await takeAttempt(y, checks));
  const refused = await refusedDespiteSuccess(y, checks);
  if (refused) throw failedAuthentication(refused);
  return app;
}

/**
 * RFC 7009 §2.1: a public client has no secret, so at its revocation endpoint it names itself by
 * `client_id` alone. Answers the application of the path when it is public and that is its client
 * id; anything else is a failed client authentication. A client named this way can only revoke
 * tokens it was issued (see `revokeToken`), which it must already hold.
 */
export async function identifyPublicClient(y: Yonder, ref: RealmRef, applicationId: string, clientId: string): Promise<Application> {
  const app = await y.store.applications.get(ref.realmId, applicationId);
  const isPublic =
    app !== undefined && app.tenant_id === ref.tenantId && app.client_id === clientId && effectiveProtocolConfig(app).confidentiality === 'public';
  if (!app || !isPublic) throw new OAuthError('invalid_client', 'client authentication failed');
  return app;
}

/** 401, or 429 with `Retry-After` when refused by a limit (the same words either way a 429 comes about). */
function failedAuthentication(limited: RateLimited | null): OAuthError {
  return limited
    ? new OAuthError('invalid_client', 'too many failed client authentications; try again later', limited.retryAfterSeconds)
    : new OAuthError('invalid_client', 'client authentication failed');
}

/** On the audit trail, what an authenticated client does is done by its application. */
const clientActor = (app: Application): Actor => ({ type: 'client', application_id: app.id });

export interface ClientCredentialsRequest {
  scope?: string;
  expirationTime?: string;
}

export interface IssuedToken {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

/**
 * The client-credentials grant (RFC 6749 §4.4). The scopes default to all the application may
 * grant; asking for one outside them is `invalid_scope`. `expiration_time` (seconds) may shorten
 * the configured lifetime (`expires_after`, at most 90 days), never lengthen it. The token is
 * restricted to the application's realm (`bi_r`), except the Management API application's.
 */
export async function clientCredentialsGrant(y: Yonder, app: Application, request: ClientCredentialsRequest): Promise<IssuedToken> {
  const config = effectiveProtocolConfig(app);
  if (!config.grant_type.includes('client_credentials')) {
    throw new OAuthError('unauthorized_client', 'the application may not use the client_credentials grant');
  }
  if (app.resource_server_id === null) {
    throw new OAuthError('unauthorized_client', 'the application references no resource server');
  }
  const server = await y.store.resourceServers.get(app.realm_id, app.resource_server_id);
  if (!server) throw new OAuthError('unauthorized_client', 'the resource server of the application is gone');
  const allowed = new Set(config.allowed_scopes.filter((s) => server.scopes.includes(s)));

  let scopes: string[];
  if (request.scope === undefined) scopes = [...allowed];
  else {
    scopes = [...new Set(request.scope.split(' ').filter(Boolean))];
    if (scopes.length === 0) throw new OAuthError('invalid_scope', 'scope is empty');
    const refused = scopes.filter((s) => !allowed.has(s));
    if (refused.length > 0) throw new OAuthError('invalid_scope', `not allowed: ${refused.slice(0, 5).join(' ')}`);
  }
  if (scopes.length === 0) throw new OAuthError('invalid_scope', 'the application may grant no scope');

  const lifetime = tokenLifetime(config);
  let ttl = lifetime;
  if (request.expirationTime !== undefined) {
    if (!/^[0-9]{1,10}$/.test(request.expirationTime)) throw new OAuthError('invalid_request', 'expiration_time must be a number of seconds');
    ttl = Number(request.expirationTime);
    if (ttl < 1 || ttl > lifetime) throw new OAuthError('invalid_request', `expiration_time must be between 1 and ${lifetime}`);
  }

  const tenant = await y.store.tenants.get(app.tenant_id);
  if (!tenant) throw new OAuthError('invalid_client', 'client authentication failed');
  // Keep the scope order stable: management scopes in yonder's order, others as asked.
  const order = new Map<string, number>(MANAGEMENT_SCOPES.map((s, i) => [s, i]));
  scopes.sort((a, b) => (order.get(a) ?? 1e6) - (order.get(b) ?? 1e6));
  const realmId = issuedTokenRealm(app);
  const { token } = await runAsActor(clientActor(app), () =>
    mintRecorded(
      y,
      app.realm_id,
      {
        tenant,
        scopes,
        ttlSeconds: ttl,
        displayName: `${app.display_name} (client credentials)`,
        ...(realmId !== null ? { realmId } : {}),
        issuer: { applicationId: app.id, realmId: app.realm_id, audience: server.identifier, subject: app.id },
      },
      'client_credentials',
    ),
  );
  return { access_token: token, token_type: 'Bearer', expires_in: ttl, scope: scopes.join(' ') };
}

export { MANAGEMENT_AUDIENCE };

/**
 * RFC 7009: revokes `token` if `app` issued it. Anything else (unknown, foreign, malformed,
 * already revoked) is answered the same way, 200, so the endpoint tells nothing about tokens.
 */
export async function revokeToken(y: Yonder, app: Application, token: string): Promise<void> {
  const claims = await y.tokens.signedClaims(token);
  // Not a token yonder signed: an OpenID Connect refresh token or opaque access token, perhaps.
  if (!claims) return revokeOpaqueToken(y, app, token);
  if (typeof claims.jti !== 'string') return;
  const record = await y.store.tokens.get(claims.jti);
  if (!record || record.application_id !== app.id || record.tenant_id !== app.tenant_id || record.revoked_at !== null) return;
  await runAsActor(clientActor(app), () => revokeIssuedToken(y, app.realm_id, record));
}

export type Introspection = { active: false } | ({ active: true } & Record<string, unknown>);

/**
 * RFC 7662: a token is active when yonder signed it, it has not expired, its record is still
 * there unrevoked, and its issuing application is of the realm asked about.
 */
export async function introspectToken(y: Yonder, ref: RealmRef, token: string): Promise<Introspection> {
  const inactive: Introspection = { active: false };
  const claims = await y.tokens.signedClaims(token);
  if (!claims) return ((await introspectOpaqueToken(y, ref.realmId, ref.tenantId, token)) as Introspection | null) ?? inactive;
  if (typeof claims.jti !== 'string') return inactive;
  const record = await y.store.tokens.getWithIssuer(claims.jti);
  if (!record?.issuer || record.revoked_at !== null || record.tenant_id !== ref.tenantId || record.application_id === null) return inactive;
  if (Date.parse(record.expires_at) <= Date.now()) return inactive;
  const issuer = await y.store.applications.get(ref.realmId, record.application_id);
  if (!issuer) return inactive;
  return {
    active: true,
    // What the token can still do: scopes the application no longer allows are gone from it.
    scope: liveTokenScopes(record.scopes.split(' ').filter(Boolean), record.issuer).join(' '),
    ...(issuer.client_id !== null ? { client_id: issuer.client_id } : {}),
    token_type: 'Bearer',
    exp: claims.exp,
    iat: claims.iat,
    sub: claims.sub,
    aud: claims.aud,
    iss: claims.iss,
    jti: claims.jti,
    bi_t: claims.bi_t,
    ...(record.realm_id !== null ? { bi_r: record.realm_id } : {}),
  };
}
