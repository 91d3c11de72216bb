import type { FastifyRequest } from 'fastify';
import type { RealmRef } from '../../services/directory/identities.js';

/** One SCIM service per realm, at this prefix; route files write paths relative to it. */
export const SCIM_PREFIX = '/v1/tenants/:tenant_id/realms/:realm_id/scim/v2';

/** The absolute base URL of a realm's SCIM service, from `config.publicUrl`. */
export function scimBaseUrl(publicUrl: string, ref: RealmRef): string {
  return `${publicUrl}/v1/tenants/${ref.tenantId}/realms/${ref.realmId}/scim/v2`;
}

/** The security requirement of a SCIM route: the named scope, or `scim:all`. */
export function scimScope(...scopes: string[]): { BearerAuth: string[] }[] {
  return [...scopes.map((scope) => ({ BearerAuth: [scope] })), { BearerAuth: ['scim:all'] }];
}

/** True when the request's token holds the scope or `scim:all` (bulk checks each operation). */
export function holdsScope(request: FastifyRequest, scope: string): boolean {
  const scopes = request.principal?.scopes;
  return !!scopes && (scopes.has(scope) || scopes.has('scim:all'));
}

export function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/**
 * True when the client asked for no body in the reply (RFC 7240 `Prefer: return=minimal`), the
 * standard way to choose the 204 that RFC 7644 §3.5.2 allows for a PATCH.
 */
export function prefersMinimalReturn(prefer: string | undefined): boolean {
  if (prefer === undefined) return false;
  return prefer.split(',').some((preference) => /^\s*return\s*=\s*"?minimal"?\s*(;|$)/i.test(preference));
}
