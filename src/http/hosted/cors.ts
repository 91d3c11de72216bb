import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Yonder } from '../../services/context.js';

/**
 * CORS for the enrollment ceremony of `embedded` authenticator configurations. Their binding link
 * points at the application's own `invoke_url`, and the application's page runs the WebAuthn
 * registration against yonder's ceremony endpoints from one of the configuration's
 * `trusted_origins`. Those origins, exactly as configured, may call the endpoints of a job made with
 * that configuration; every other origin gets no `Access-Control-Allow-Origin` and the browser
 * refuses it.
 *
 * - Credentials are not allowed (no `Access-Control-Allow-Credentials`): the link token in the body
 *   authorizes these calls, so the browser never needs to send yonder's cookies cross-origin.
 * - `Vary: Origin` on every answer, so no cache hands one origin's answer to another.
 * - The preflight names only the job, not its token, so the origins are read from the job's
 *   configuration; that an origin is trusted for a job is not a secret. The ceremony itself still
 *   checks the token, and the WebAuthn origin against the same list.
 * - Sign-in is not opened to other origins: its session is a first-party cookie for yonder's own
 *   pages, and no configuration names the origins a sign-in may come from.
 */
interface JobPath {
  tenant_id: string;
  realm_id: string;
  identity_id: string;
  credential_binding_job_id: string;
}

async function trustedOrigins(y: Yonder, path: JobPath): Promise<readonly string[]> {
  if (Object.values(path).some((id) => typeof id !== 'string' || id.length > 64)) return [];
  const job = await y.store.bindingJobs.get(path.realm_id, path.identity_id, path.credential_binding_job_id);
  if (!job || job.tenant_id !== path.tenant_id) return [];
  const config = await y.store.authenticatorConfigs.get(path.realm_id, job.authenticator_config_id);
  return config?.config.type === 'embedded' ? config.config.trusted_origins : [];
}

/** The request's Origin when it is one of the job's trusted origins, else null. */
async function allowedOrigin(y: Yonder, request: FastifyRequest): Promise<string | null> {
  const origin = request.headers.origin;
  // yonder's own pages are same-origin (browsers send Origin on their POSTs too): nothing to look up.
  if (typeof origin !== 'string' || origin === '' || origin === new URL(y.config.publicUrl).origin) return null;
  return (await trustedOrigins(y, request.params as JobPath)).includes(origin) ? origin : null;
}

const PREFLIGHT_VARY = 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers';

/** Answers preflights on `paths` and adds the CORS headers to their POST answers. */
export function registerEnrollmentCors(app: FastifyInstance, y: Yonder, paths: readonly string[]): void {
  const covered = new Set(paths);
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'POST' || !covered.has(request.routeOptions.url ?? '')) return;
    reply.header('vary', 'Origin');
    const origin = await allowedOrigin(y, request);
    if (origin) reply.header('access-control-allow-origin', origin);
  });
  for (const path of paths) {
    app.options(path, { schema: { hide: true } }, async (request, reply: FastifyReply) => {
      reply.header('vary', PREFLIGHT_VARY).header('cache-control', 'no-store');
      const origin = await allowedOrigin(y, request);
      const method = request.headers['access-control-request-method'];
      if (origin && method === 'POST') {
        reply
          .header('access-control-allow-origin', origin)
          .header('access-control-allow-methods', 'POST')
          .header('access-control-allow-headers', 'content-type')
          .header('access-control-max-age', '600');
      }
      return reply.code(204).send();
    });
  }
}
