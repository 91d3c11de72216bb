import type { FastifyInstance } from 'fastify';
import { UNBUILT_OPERATIONS } from '../../src/http/v1/not-implemented.js';

export interface RegisteredRoute {
  method: string;
  /** In the OpenAPI document's spelling: `{name}` for a parameter, `:` for a literal colon. */
  path: string;
}

/**
 * Every route the app registered (HEAD left out: Fastify adds it to every GET), read from Fastify's
 * route tree. /openapi.json leaves the OpenID Connect routes out (each application's discovery
 * document describes them), so the generated suites take those from here: a route added to
 * src/http/oidc/ is isolated and fuzzed without anyone listing it.
 */
export function registeredRoutes(app: FastifyInstance): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^((?:[│ ] {3})*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    stack.length = (match[1] ?? '').length / 4;
    stack.push(match[2] ?? '');
    // `::` is a literal colon (`:revoke`); `:name(regex)` a parameter.
    const path = stack
      .join('')
      .split('::')
      .map((part) => part.replace(/:(\w+)(\([^)]*\))?/g, '{$1}'))
      .join(':');
    for (const method of match[3]?.split(', ') ?? []) if (method !== 'HEAD') routes.push({ method, path });
  }
  return routes;
}

/**
 * The public routes of one application (its protocol endpoints and sign-in pages), documented or
 * not: every route below an application but those the document says need a token and the
 * contract's operations not built yet (they answer 501 after the bearer check).
 */
export function applicationPublicRoutes(
  app: FastifyInstance,
  documented: Record<string, Record<string, { security?: unknown[] }>>,
): RegisteredRoute[] {
  const unbuilt = new Set(UNBUILT_OPERATIONS.map((op) => `${op.method} ${op.path}`));
  return registeredRoutes(app).filter(({ method, path }) => {
    if (!path.includes('/applications/{application_id}/') || unbuilt.has(`${method} ${path}`)) return false;
    const operation = documented[path]?.[method.toLowerCase()];
    return operation === undefined || (operation.security ?? []).length === 0;
  });
}

/** Where a realm's hosted pages live; an application's (`/applications/{application_id}/`) are `applicationPublicRoutes`'. */
const HOSTED_REALM = '/hosted/tenants/{tenant_id}/realms/{realm_id}/';

/**
 * The realm's hosted pages and their calls (account page, app launcher, sign-in, enrollment, an
 * upstream identity provider's callback), read from the route tree, so a hosted route added later is
 * isolated and fuzzed without anyone listing it. Public all (a link token or the session cookie
 * authorizes them), so the bearer-token matrix passes them by; `documented` says whether
 * /openapi.json describes the route (the fuzz suite takes those from it already).
 */
export function hostedRealmRoutes(
  app: FastifyInstance,
  documented: Record<string, Record<string, unknown>>,
): (RegisteredRoute & { documented: boolean })[] {
  return registeredRoutes(app)
    .filter(({ path }) => path.startsWith(HOSTED_REALM) && !path.includes('/applications/{application_id}/'))
    .map((route) => ({ ...route, documented: documented[route.path]?.[route.method.toLowerCase()] !== undefined }));
}
