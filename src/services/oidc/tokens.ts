import { createHash } from 'node:crypto';
import { type Application, issuedTokenRealm } from '../../domain/access/application.js';
import { OAuthError } from '../../domain/access/oauth-error.js';
import { InvalidToken } from '../../domain/errors.js';
import { nowTimestamp } from '../../domain/time.js';
import type { TokenRecord } from '../../store/access/tokens.js';
import { recordEvent } from '../audit/audit.js';
import { revokeIssuedToken, tokenView } from '../access/token-records.js';
import type { Yonder } from '../context.js';
import { type Refusal, accountIdOf, authorizeAccount, identityClaims, isRefusal } from './accounts.js';
import { type OidcClient, oidcClient } from './clients.js';
import { oidcInstances } from './instances.js';

export interface IssuedAccessToken {
  /** The JWT as it goes to the client (only its last characters are kept). */
  token: string;
  jti: string;
  identityId: string;
  credentialId: string;
  scopes: string[];
  oidcScopes: string[];
  grantId: string;
  iat: number;
  exp: number;
  grant: 'authorization_code' | 'refresh_token';
}

/**
 * Puts an access token the provider issued on record, as every token yonder issues is: bearer
 * verification, the Tokens API (`principal_type=identity`), introspection and revocation find it.
 * `token.issued` (or `token.refreshed`) is written with it.
 */
export async function recordAccessToken(y: Yonder, client: OidcClient, issued: IssuedAccessToken): Promise<void> {
  const record: TokenRecord = {
    jti: issued.jti,
    tenant_id: client.tenant.id,
    realm_id: issuedTokenRealm(client.app),
    subject: issued.identityId,
    display_name: `${client.app.display_name} (${issued.grant === 'refresh_token' ? 'refresh token' : 'authorization code'})`,
    scopes: issued.scopes.join(' '),
    token_suffix: issued.token.slice(-4),
    issued_at: new Date(issued.iat * 1000).toISOString(),
    expires_at: new Date(issued.exp * 1000).toISOString(),
    revoked_at: null,
    application_id: client.app.id,
    session_hash: null,
    grant_id: issued.grantId,
    oidc_scopes: issued.oidcScopes.join(' '),
    credential_id: issued.credentialId,
  };
  await y.store.transaction(async (tx) => {
    await tx.tokens.insert(record);
    await recordEvent(tx, {
      tenantId: client.tenant.id,
      realmId: client.app.realm_id,
      type: issued.grant === 'refresh_token' ? 'token.refreshed' : 'token.issued',
      resourceType: 'token',
      resourceId: record.jti,
      after: { ...tokenView(record), issued_by: issued.grant, grant_id: issued.grantId },
    });
  });
}

/**
 * RFC 7009 for a refresh token `app` issued: ends its grant, so the refresh tokens and access
 * tokens issued under it stop working too (RFC 7009 §2.1). Anything else is left alone, silently.
 */
async function revokeRefreshToken(y: Yonder, app: Application, token: string): Promise<void> {
  if (token.length > 256) return;
  const instances = oidcInstances(y, app.tenant_id, app.realm_id, app.id);
  const payload = await instances.find('RefreshToken', token);
  if (!payload || payload.clientId !== app.client_id || typeof payload.grantId !== 'string') return;
  await instances.revokeByGrantId(payload.grantId);
}

/**
 * A `referential` application's access tokens are opaque: on record under the SHA-256 of the token
 * (the Tokens API shows that as the id), never the token itself.
 */
export const opaqueTokenId = (token: string) => createHash('sha256').update(token).digest('base64url');

const OPAQUE_TOKEN = /^[A-Za-z0-9_-]{20,128}$/;

/**
 * The record of an access token: a JWT yonder signed (by its jti), or an opaque one (by its hash);
 * or why a JWT is not one yonder signed (malformed, unknown key, altered, expired).
 */
async function accessTokenRecord(y: Yonder, token: string): Promise<TokenRecord | undefined | { refused: string }> {
  if (OPAQUE_TOKEN.test(token)) return y.store.tokens.get(opaqueTokenId(token));
  try {
    const claims = await y.tokens.claimsOfSigned(token);
    return typeof claims.jti === 'string' ? y.store.tokens.get(claims.jti) : undefined;
  } catch (error) {
    if (error instanceof InvalidToken) return { refused: error.message };
    throw error;
  }
}

/**
 * RFC 7009 for what `app` issued that is not a JWT: a refresh token (its grant ends) or an opaque
 * access token (its record is revoked). Anything else is left alone, silently.
 */
export async function revokeOpaqueToken(y: Yonder, app: Application, token: string): Promise<void> {
  await revokeRefreshToken(y, app, token);
  if (!OPAQUE_TOKEN.test(token)) return;
  const record = await y.store.tokens.get(opaqueTokenId(token));
  if (record && record.application_id === app.id && record.revoked_at === null) await revokeIssuedToken(y, app.realm_id, record);
}

/** RFC 7662 for an opaque access token of the realm's applications; null when it is none. */
export async function introspectOpaqueToken(y: Yonder, realmId: string, tenantId: string, token: string): Promise<Record<string, unknown> | null> {
  if (!OPAQUE_TOKEN.test(token)) return null;
  const record = await y.store.tokens.get(opaqueTokenId(token));
  if (
    !record ||
    record.tenant_id !== tenantId ||
    record.application_id === null ||
    record.revoked_at !== null ||
    record.expires_at <= nowTimestamp()
  ) {
    return null;
  }
  const client = await oidcClient(y, tenantId, realmId, record.application_id);
  if (!client) return null;
  return {
    active: true,
    scope: record.scopes,
    client_id: client.app.client_id,
    token_type: 'Bearer',
    exp: Math.floor(Date.parse(record.expires_at) / 1000),
    iat: Math.floor(Date.parse(record.issued_at) / 1000),
    sub: record.subject,
    aud: [client.app.client_id, ...(client.resourceServer ? [client.resourceServer.identifier] : [])],
    iss: client.issuer,
    jti: record.jti,
    bi_t: tenantId,
    ...(record.realm_id !== null ? { bi_r: record.realm_id } : {}),
  };
}

/** Beyond Identity's extras at the token endpoint: a shorter lifetime, and claims of the client's own. */
export interface TokenExtras {
  expiresIn?: number;
  /** Carried as `bi_custom` in the access token (JWT only). */
  customClaims?: Record<string, unknown>;
}

/**
 * `expiration_time` (seconds, 1 to the application's `expires_after`) and `custom_claims` (a JSON
 * object of at most 2 KB) of a token request; `invalid_request` otherwise, as client credentials say.
 */
export function tokenRequestExtras(client: OidcClient, form: Record<string, string>): TokenExtras {
  const extras: TokenExtras = {};
  if (form.expiration_time !== undefined) {
    const seconds = /^[0-9]{1,10}$/.test(form.expiration_time) ? Number(form.expiration_time) : 0;
    if (seconds < 1 || seconds > client.accessTokenTtl) {
      throw new OAuthError('invalid_request', `expiration_time must be between 1 and ${client.accessTokenTtl}`);
    }
    extras.expiresIn = seconds;
  }
  if (form.custom_claims !== undefined) {
    let parsed: unknown;
    try {
      parsed = form.custom_claims.length <= 2048 ? JSON.parse(form.custom_claims) : undefined;
    } catch {
      parsed = undefined;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new OAuthError('invalid_request', 'custom_claims must be a JSON object of at most 2048 characters');
    }
    extras.customClaims = parsed as Record<string, unknown>;
  }
  return extras;
}

export type UserinfoAnswer = { claims: Record<string, unknown> } | { error: 'invalid_token'; description: string } | { refusal: Refusal };

/**
 * OpenID Connect userinfo, answered from yonder's own record of the access token (signed by yonder,
 * issued by this application for an identity, live) and the identity as it is now, which the policy
 * must still allow. The claims follow the OpenID scopes the token was granted.
 */
export async function userinfo(y: Yonder, client: OidcClient, token: string): Promise<UserinfoAnswer> {
  // Each refusal says why, as the v1 API's 401s do, so the application's developer can act on it.
  const invalid = (description: string) => ({ error: 'invalid_token' as const, description });
  const record = await accessTokenRecord(y, token);
  if (record && 'refused' in record) return invalid(record.refused);
  if (!record) return invalid('the access token is not on record here: it was deleted or never issued by this server');
  if (record.application_id !== client.app.id) {
    return invalid('the access token was issued to another application: call the userinfo endpoint of the application that issued it');
  }
  if (record.revoked_at !== null) return invalid('the access token has been revoked; sign in again');
  if (record.expires_at <= nowTimestamp()) return invalid('the access token has expired; refresh it or sign in again');
  const oidcScopes = new Set((record.oidc_scopes ?? '').split(' ').filter(Boolean));
  if (!oidcScopes.has('openid') || !record.credential_id) {
    return invalid("the access token is not from a person's sign-in with the openid scope, which userinfo needs");
  }
  const account = await authorizeAccount(y, client, accountIdOf(record.subject, record.credential_id), 'userinfo');
  if (isRefusal(account)) return { refusal: account };
  return { claims: identityClaims(account.identity, client.config.token_configuration.subject_field, oidcScopes) };
}
