import { effectiveProtocolConfig } from '../domain/application.js';
import { forbidden, invalidField, notFound } from '../domain/errors.js';
import { nowTimestamp } from '../domain/time.js';
import type { TokenRecord } from '../store/tokens.js';
import { requireApplication } from './applications.js';
import type { Yonder } from './context.js';
import type { RealmRef } from './identities.js';
import { type ListParams, type Page, listPage } from './paging.js';
import type { Principal } from './tokens.js';

/** The live tokens an application issued (the contract's ListTokens). */
export async function listTokens(y: Yonder, ref: RealmRef, applicationId: string, params: ListParams): Promise<Page<TokenRecord & { id: string }>> {
  await requireApplication(y.store, ref, applicationId);
  const now = nowTimestamp();
  return listPage(
    params,
    { list: `tokens:${applicationId}`, filter: '', defaultPageSize: 100, maxPageSize: 100 },
    y.pageTokenKey,
    async (after, offset, limit) =>
      (await y.store.tokens.pageForApplication(applicationId, now, after, offset, limit)).map((r) => ({ ...r, id: r.jti })),
    () => y.store.tokens.countForApplication(applicationId, now),
  );
}

/** Revokes a token the application issued; it stops working on every process with the next request. */
export async function deleteToken(y: Yonder, ref: RealmRef, applicationId: string, tokenId: string): Promise<void> {
  await requireApplication(y.store, ref, applicationId);
  const record = await y.store.tokens.get(tokenId);
  if (!record || record.application_id !== applicationId || record.revoked_at !== null) throw notFound('Token', tokenId);
  // Through the token service, so this process stops honouring the token at once.
  await y.tokens.revoke(tokenId, nowTimestamp());
}

export interface NamedTokenInput {
  display_name: string;
  scopes: string[];
  expires_after?: number;
}

/**
 * The console's "Create token": a named token with chosen scopes, issued by the application as
 * if by client credentials. The scopes must be within the application's `allowed_scopes` (400),
 * and within the caller's own (403): a token cannot mint a stronger one.
 */
export async function createNamedToken(y: Yonder, ref: RealmRef, applicationId: string, caller: Principal, input: NamedTokenInput) {
  const app = await requireApplication(y.store, ref, applicationId);
  const config = effectiveProtocolConfig(app);
  const server = app.resource_server_id === null ? undefined : await y.store.resourceServers.get(app.realm_id, app.resource_server_id);
  if (!server) throw invalidField('token.scopes', 'the application references no resource server');
  const allowed = new Set(config.allowed_scopes.filter((s) => server.scopes.includes(s)));
  const scopes = [...new Set(input.scopes)];
  const refused = scopes.filter((s) => !allowed.has(s));
  if (refused.length > 0) throw invalidField('token.scopes', `not allowed for this application: ${refused.slice(0, 5).join(', ')}`);
  if (scopes.some((s) => !caller.scopes.has(s))) throw forbidden();
  const lifetime = config.token_configuration.expires_after;
  const ttl = input.expires_after ?? lifetime;
  if (ttl > lifetime) throw invalidField('token.expires_after', `must be at most ${lifetime} seconds`);
  const tenant = await y.store.tenants.get(app.tenant_id);
  if (!tenant) throw forbidden();
  const minted = await y.tokens.mint(y.store, {
    tenant,
    scopes,
    ttlSeconds: ttl,
    displayName: input.display_name,
    issuer: { applicationId: app.id, realmId: app.realm_id, audience: server.identifier, subject: app.id },
  });
  return { accessToken: minted.token, record: { ...minted.record, id: minted.record.jti } };
}
