import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError, InvalidToken, MissingToken, unauthorized } from '../domain/errors.js';
import type { Principal, TokenService } from '../platform/tokens/token-service.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

type SecurityRequirement = Record<string, string[]>;

function securityOf(request: FastifyRequest): SecurityRequirement[] | undefined {
  return (request.routeOptions.schema as { security?: SecurityRequirement[] } | undefined)?.security;
}

/** The verified caller of a route that declares security (the bearer hook set it before the handler). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized();
  return request.principal;
}

/** The bearer token of the request; throws, saying what is wrong, when there is none to verify. */
function bearerToken(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (typeof header !== 'string' || header.trim() === '') throw new MissingToken();
  const match = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i.exec(header);
  if (match?.[1]) return match[1];
  if (!/^Bearer\b/i.test(header)) throw new InvalidToken('the Authorization header must use the Bearer scheme: Bearer followed by an access token');
  throw new InvalidToken('the bearer token is malformed: it holds characters no access token has, or none at all');
}

/**
 * Authenticates and authorizes every route of the plugin it is installed in, from the route's own
 * OpenAPI `security` declaration, so what the document promises is what is enforced:
 * - no declaration: the route cannot be registered (a route without a rule is a hole);
 * - `security: []`: public;
 * - otherwise: a valid token (else 401) of the path's tenant, of the path's realm if the token
 *   is restricted to one, holding one of the declared scopes (else 403).
 * It runs before the body is read, so unauthenticated callers learn nothing from validation.
 */
export function installBearerAuth(app: FastifyInstance, tokens: TokenService): void {
  app.addHook('onRoute', (route) => {
    const security = (route.schema as { security?: unknown } | undefined)?.security;
    if (!Array.isArray(security)) {
      throw new Error(`route ${route.method} ${route.url} declares no security requirement`);
    }
  });

  app.addHook('onRequest', async (request) => {
    const security = securityOf(request);
    if (!security || security.length === 0) return;
    const principal = await tokens.verify(bearerToken(request));
    request.principal = principal;

    const params = request.params as { tenant_id?: string; realm_id?: string };
    // Each refusal says which rule refused, naming nothing the caller's token does not already show.
    if (params.tenant_id !== principal.tenantId) throw new DomainError('forbidden', 'The token is not for this tenant.');
    if (principal.realmId !== null && params.realm_id !== principal.realmId) {
      throw new DomainError('forbidden', `The token is restricted to one realm (${principal.realmId}); this request is outside it.`);
    }
    const allowed = security.some((requirement) =>
      Object.values(requirement).every((scopes) => scopes.every((scope) => principal.scopes.has(scope))),
    );
    if (!allowed) throw new DomainError('forbidden', `The token lacks the scope this request needs: ${scopesNeeded(security)}.`);
  });
}

/** The scopes a route's security declaration asks for, as a sentence: `a`, `a and b`, or alternatives with `or`. */
function scopesNeeded(security: readonly Record<string, readonly string[]>[]): string {
  return security
    .map((requirement) => Object.values(requirement).flat().join(' and '))
    .filter(Boolean)
    .join(' or ');
}
