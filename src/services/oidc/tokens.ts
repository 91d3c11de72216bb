import { issuedTokenRealm } from '../../domain/access/application.js';
import { nowTimestamp } from '../../domain/time.js';
import type { TokenRecord } from '../../store/access/tokens.js';
import { recordEvent } from '../audit/audit.js';
import { tokenView } from '../access/token-records.js';
import type { Yonder } from '../context.js';
import { type Refusal, accountIdOf, authorizeAccount, identityClaims, isRefusal } from './accounts.js';
import type { OidcClient } from './clients.js';

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

export type UserinfoAnswer = { claims: Record<string, unknown> } | { error: 'invalid_token'; description: string } | { refusal: Refusal };

/**
 * OpenID Connect userinfo, answered from yonder's own record of the access token (signed by yonder,
 * issued by this application for an identity, live) and the identity as it is now, which the policy
 * must still allow. The claims follow the OpenID scopes the token was granted.
 */
export async function userinfo(y: Yonder, client: OidcClient, token: string): Promise<UserinfoAnswer> {
  const invalid = { error: 'invalid_token' as const, description: 'the access token is not valid here' };
  const claims = await y.tokens.signedClaims(token);
  if (!claims || typeof claims.jti !== 'string') return invalid;
  const record = await y.store.tokens.get(claims.jti);
  if (!record || record.application_id !== client.app.id || record.revoked_at !== null || record.expires_at <= nowTimestamp()) return invalid;
  const oidcScopes = new Set((record.oidc_scopes ?? '').split(' ').filter(Boolean));
  if (!oidcScopes.has('openid') || !record.credential_id) return invalid;
  const account = await authorizeAccount(y, client, accountIdOf(record.subject, record.credential_id), 'userinfo');
  if (isRefusal(account)) return { refusal: account };
  return { claims: identityClaims(account.identity, client.config.token_configuration.subject_field, oidcScopes) };
}
