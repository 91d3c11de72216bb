import { type TokenPrincipal, effectiveProtocolConfig, issuedTokenRealm, liveTokenScopes, tokenLifetime } from '../../domain/access/application.js';
import { DomainError, invalidField, notFound } from '../../domain/errors.js';
import type { Grantor } from '../../domain/access/scopes.js';
import { nowTimestamp } from '../../domain/time.js';
import type { TokenRecord } from '../../store/access/tokens.js';
import { requireApplication } from './applications.js';
import type { EventType } from '../../domain/audit/event-types.js';
import { eventFor, recordEvent } from '../audit/audit.js';
import type { Yonder } from '../context.js';
import { assertGrantable } from './grants.js';
import type { RealmRef } from '../directory/identities.js';
import { type ListParams, type Page, listPage } from '../paging.js';
import type { MintRequest, MintedToken } from '../../platform/tokens/token-service.js';

/** The record of an issued token, as these use cases list and create it (the HTTP door shows it). */
export type { TokenRecord };

/** A token's id (its record's `jti`), name and scopes: what every view of it starts with, the v1 replies' and the audit trail's. */
export function tokenSummary(record: TokenRecord): { id: string; display_name: string; scopes: string[] } {
  return { id: record.jti, display_name: record.display_name, scopes: record.scopes.split(' ').filter(Boolean) };
}

/**
 * What the audit trail keeps of a token: its record (id, name, scopes, times, the last four
 * characters the lists show too), never the token itself.
 */
export function tokenView(record: TokenRecord) {
  return {
    ...tokenSummary(record),
    application_id: record.application_id,
    subject: record.subject,
    realm_id: record.realm_id,
    token_suffix: record.token_suffix,
    issued_at: record.issued_at,
    expires_at: record.expires_at,
    revoked_at: record.revoked_at,
  };
}

/** How a token came to be: the token endpoint's grant, the named-token endpoint, or `yonder token create`. */
export type IssuedBy = 'client_credentials' | 'create_token' | 'cli';

/**
 * Mints a token for an application of `realmId` and records `token.issued` in the same
 * transaction: a token whose record is written is on the audit trail, and the other way round.
 */
export async function mintRecorded(y: Yonder, realmId: string, request: MintRequest, issuedBy: IssuedBy): Promise<MintedToken> {
  const minted = await y.tokens.sign(request);
  // The record and its event commit together; concurrent issues share the commit (group commit).
  await y.store.tokens.insertIssued(
    minted.record,
    eventFor({
      tenantId: minted.record.tenant_id,
      realmId,
      type: 'token.issued',
      resourceType: 'token',
      resourceId: minted.record.jti,
      after: { ...tokenView(minted.record), issued_by: issuedBy },
    }),
  );
  return minted;
}

/**
 * Revokes a token an application of `realmId` issued, with its event in the same transaction:
 * `token.deleted` (the management API's DELETE; the token leaves the list) or `token.revoked`
 * (RFC 7009). False, and no event, when it was already revoked (a concurrent request won).
 */
async function revokeRecorded(y: Yonder, realmId: string, record: TokenRecord, type: EventType & `token.${string}`): Promise<boolean> {
  const at = nowTimestamp();
  const revoked = await y.store.transaction(async (tx) => {
    if (!(await tx.tokens.revoke(record.jti, at))) return false;
    await recordEvent(tx, {
      tenantId: record.tenant_id,
      realmId,
      type,
      resourceType: 'token',
      resourceId: record.jti,
      before: tokenView(record),
      after: type === 'token.deleted' ? null : tokenView({ ...record, revoked_at: at }),
    });
    return true;
  });
  // Only now that the revocation is committed: this process stops honouring the token at once.
  y.tokens.forget(record.jti);
  return revoked;
}

/** RFC 7009 revocation of a token `app` issued (the caller found and checked the record). */
export async function revokeIssuedToken(y: Yonder, realmId: string, record: TokenRecord): Promise<void> {
  await revokeRecorded(y, realmId, record, 'token.revoked');
}

export interface TokenListParams extends ListParams {
  principal_type?: TokenPrincipal['type'];
  principal_id?: string;
}

/**
 * `yonder token create`: a token of the tenant's Management API application, recorded like any
 * other (`token.issued`, in the admin realm where that application lives).
 */
export function mintOperatorToken(y: Yonder, request: MintRequest): Promise<MintedToken> {
  return mintRecorded(y, request.tenant.admin_realm_id, request, 'cli');
}

/**
 * `yonder token revoke`: revokes a token known by its id alone, with `token.revoked` in the realm of
 * the application that issued it (where its `token.issued` is). False, and no event, when there is
 * no live token of that id.
 */
export async function revokeTokenById(y: Yonder, jti: string): Promise<boolean> {
  const record = await y.store.tokens.get(jti);
  if (!record || record.revoked_at !== null) return false;
  const issuerRealm = record.application_id === null ? undefined : await y.store.applications.realmOf(record.application_id);
  const realmId = issuerRealm ?? (await y.store.tenants.get(record.tenant_id))?.admin_realm_id;
  if (realmId === undefined) return false;
  return revokeRecorded(y, realmId, record, 'token.revoked');
}

/**
 * The live tokens an application issued (the contract's ListTokens), each with the scopes it still
 * carries: those the application no longer allows are gone from it (`liveTokenScopes`). The
 * contract filters by a principal with `principal_type` and `principal_id` together; one without
 * the other is a 400 rather than a filter quietly ignored.
 */
export async function listTokens(
  y: Yonder,
  ref: RealmRef,
  applicationId: string,
  params: TokenListParams,
): Promise<Page<TokenRecord & { id: string }>> {
  const { principal_type: type, principal_id: id } = params;
  if ((type === undefined) !== (id === undefined)) {
    throw invalidField(type === undefined ? 'principal_type' : 'principal_id', 'principal_type and principal_id go together');
  }
  const principal = type !== undefined && id !== undefined ? { type, id } : undefined;
  const app = await requireApplication(y.store, ref, applicationId);
  const server = app.resource_server_id === null ? undefined : await y.store.resourceServers.get(app.realm_id, app.resource_server_id);
  const issuer = { isManaged: app.is_managed, allowedScopes: effectiveProtocolConfig(app).allowed_scopes, serverScopes: server?.scopes ?? [] };
  const live = (record: TokenRecord) => liveTokenScopes(record.scopes.split(' ').filter(Boolean), issuer).join(' ');
  const now = nowTimestamp();
  return listPage(
    params,
    { list: `tokens:${applicationId}`, filter: principal ? `${principal.type}:${principal.id}` : '', defaultPageSize: 100, maxPageSize: 100 },
    y.pageTokenKey,
    async (after, offset, limit) =>
      (await y.store.tokens.pageForApplication(applicationId, now, principal, after, offset, limit)).map((r) => ({
        ...r,
        scopes: live(r),
        id: r.jti,
      })),
    () => y.store.tokens.countForApplication(applicationId, now, principal),
  );
}

/** Revokes a token the application issued; it stops working on every process with the next request. */
export async function deleteToken(y: Yonder, ref: RealmRef, applicationId: string, tokenId: string): Promise<void> {
  await requireApplication(y.store, ref, applicationId);
  const record = await y.store.tokens.get(tokenId);
  if (!record || record.application_id !== applicationId || record.revoked_at !== null) throw notFound('Token', tokenId);
  if (!(await revokeRecorded(y, ref.realmId, record, 'token.deleted'))) throw notFound('Token', tokenId);
}

export interface NamedTokenInput {
  display_name: string;
  scopes: string[];
  expires_after?: number;
  /** Restricts the token to one realm of the tenant (e.g. a SCIM token for one realm). */
  realm_id?: string;
}

/**
 * The console's "Create token": a named token with chosen scopes, issued by the application as
 * if by client credentials. The scopes must be within the application's `allowed_scopes` (400),
 * and within the caller's own (403): a token cannot mint a stronger one. Nor a wider one: a caller
 * restricted to one realm mints tokens restricted to that realm, and an application other than the
 * Management API one mints tokens restricted to its own realm (another `realm_id`: 400). The
 * lifetime is at most the application's `expires_after`, itself at most 90 days.
 */
export async function createNamedToken(y: Yonder, ref: RealmRef, applicationId: string, caller: Grantor, input: NamedTokenInput) {
  const app = await requireApplication(y.store, ref, applicationId);
  const config = effectiveProtocolConfig(app);
  const server = app.resource_server_id === null ? undefined : await y.store.resourceServers.get(app.realm_id, app.resource_server_id);
  if (!server) throw invalidField('token.scopes', 'the application references no resource server');
  const allowed = new Set(config.allowed_scopes.filter((s) => server.scopes.includes(s)));
  const scopes = [...new Set(input.scopes)];
  const refused = scopes.filter((s) => !allowed.has(s));
  if (refused.length > 0) throw invalidField('token.scopes', `not allowed for this application: ${refused.slice(0, 5).join(', ')}`);
  const appRealm = issuedTokenRealm(app);
  const realmId = input.realm_id ?? caller.realmId ?? appRealm ?? undefined;
  if (caller.realmId !== null && realmId !== caller.realmId) {
    throw new DomainError('forbidden', 'Your token is restricted to one realm: it cannot mint a token for another realm or the whole tenant.');
  }
  assertGrantable(caller, { scopes, tenantWide: realmId === undefined }, 'This token');
  if (appRealm !== null && realmId !== appRealm) throw invalidField('token.realm_id', "this application's tokens are restricted to its own realm");
  if (realmId !== undefined && !(await y.store.realms.get(app.tenant_id, realmId))) {
    throw invalidField('token.realm_id', 'no such realm in this tenant');
  }
  const lifetime = tokenLifetime(config);
  const ttl = input.expires_after ?? lifetime;
  if (ttl > lifetime) throw invalidField('token.expires_after', `must be at most ${lifetime} seconds`);
  const tenant = await y.store.tenants.get(app.tenant_id);
  if (!tenant) throw notFound('Tenant', app.tenant_id);
  const minted = await mintRecorded(
    y,
    app.realm_id,
    {
      tenant,
      scopes,
      ttlSeconds: ttl,
      displayName: input.display_name,
      ...(realmId !== undefined ? { realmId } : {}),
      issuer: { applicationId: app.id, realmId: app.realm_id, audience: server.identifier, subject: app.id },
    },
    'create_token',
  );
  return { accessToken: minted.token, record: { ...minted.record, id: minted.record.jti } };
}
