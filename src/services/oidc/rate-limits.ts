import { type RateLimitCheck, type RateLimitRule, type RateLimited, rateLimitCheck } from '../../domain/access/rate-limit.js';
import { takeRealmAttempt } from '../access/rate-limits.js';
import type { Yonder } from '../context.js';

/**
 * Requests to the authorization endpoints (and their resume) of one realm's applications, from one
 * address. Each stores an interaction or a code and a grant, and needs no credential, so like the
 * hosted pages it counts every request, per realm and address (domain/access/rate-limit.ts says
 * why those keys): a flood from one address leaves other realms and other addresses signing in.
 * Twice the sign-in ceremony's limit, since an authorization that a live session answers costs no
 * ceremony and an application may pass through it several times while a person uses it.
 */
export const OIDC_AUTHORIZE_LIMIT: RateLimitRule = { name: 'oidc-authorize-realm-address', limit: 600, windowSeconds: 300 };

export function authorizeChecks(realmId: string, address: string): RateLimitCheck[] {
  return [rateLimitCheck(OIDC_AUTHORIZE_LIMIT, realmId, address)];
}

/** Counts one authorization request; a path naming no realm of its tenant counts per address alone. */
export function takeAuthorizeAttempt(y: Yonder, tenantId: string, realmId: string, address: string): Promise<RateLimited | null> {
  return takeRealmAttempt(y, { tenantId, realmId }, address, authorizeChecks(realmId, address));
}
