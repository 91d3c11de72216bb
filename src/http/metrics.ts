import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { unauthorized } from '../domain/errors.js';
import type { Yonder } from '../services/context.js';
import { SCIM_PREFIX } from './scim/paths.js';
import { HOSTED_SIGN_IN_VERIFY } from './hosted/routes.js';

/**
 * `GET /metrics` in the Prometheus text format (prom-client), when `METRICS` is `on` or `token`.
 * Each app has its own registry, never prom-client's global one, so that several apps in one
 * process (the tests) neither collide on a metric's name nor count each other's requests.
 *
 * Requests are labelled by route template (`/v1/tenants/:tenant_id/...`), never the URL: a label
 * per id would grow without end. A request no route matched is `route="unmatched"`.
 */
export function installMetrics(app: FastifyInstance, yonder: Yonder): void {
  const { metrics: mode, metricsToken } = yonder.config;
  if (mode === 'off') return;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const count = countersOf(registry);

  const stopBatches = yonder.store.groupCommitBatches.add(({ table, size }) => count.groupCommitBatch.observe({ table }, size));
  const stopTokens = yonder.tokens.issued.add((kind) => count.tokensIssued.inc({ kind }));
  app.addHook('onClose', async () => {
    stopBatches();
    stopTokens();
  });
  if (yonder.store.engine === 'postgres') {
    new Gauge({
      name: 'yonder_store_pool_connections',
      help: "The PostgreSQL pool's connections: open in all, idle, and requests waiting for one",
      labelNames: ['state'],
      registers: [registry],
      collect() {
        const usage = yonder.store.poolUsage();
        if (!usage) return;
        this.set({ state: 'total' }, usage.total);
        this.set({ state: 'idle' }, usage.idle);
        this.set({ state: 'waiting' }, usage.waiting);
      },
    });
  }

  // Every passkey sign-in step: the hosted page's (console), OpenID Connect's and SAML's interactions.
  const APP_HOSTED = '/hosted/tenants/:tenant_id/realms/:realm_id/applications/:application_id';
  const signInVerifyRoutes = new Set([HOSTED_SIGN_IN_VERIFY, `${APP_HOSTED}/interaction/:uid/verify`, `${APP_HOSTED}/saml/:request_id/verify`]);
  // A failed sign-in answers its reason in the body; onResponse no longer sees the body.
  const signInReasons = new WeakMap<FastifyRequest, string>();
  app.addHook('onSend', (request, reply, payload, done) => {
    if (signInVerifyRoutes.has(request.routeOptions.url ?? '') && reply.statusCode >= 400) signInReasons.set(request, reasonOf(payload));
    done(null, payload);
  });

  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const status = String(reply.statusCode);
    const labels = { method: request.method, route, status };
    count.requests.inc(labels);
    count.duration.observe(labels, reply.elapsedTime / 1000);
    if (reply.statusCode === 429) count.rateLimited.inc({ route });
    if (route.startsWith(`${SCIM_PREFIX}/`)) count.scim.inc({ resource: scimResource(route), method: request.method, status });
    if (signInVerifyRoutes.has(route)) {
      const reason = signInReasons.get(request);
      count.signIns.inc(reason === undefined ? { outcome: 'succeeded', reason: '' } : { outcome: 'failed', reason });
    }
    done();
  });

  app.get('/metrics', { schema: { hide: true, security: [] } }, async (request, reply) => {
    if (metricsToken !== null && !sameSecret(bearerOf(request), metricsToken)) throw unauthorized();
    reply.header('cache-control', 'no-store').type(registry.contentType);
    return registry.metrics();
  });
}

function countersOf(registry: Registry) {
  const registers = [registry];
  return {
    requests: new Counter({
      name: 'yonder_http_requests_total',
      help: 'HTTP requests answered, by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    }),
    duration: new Histogram({
      name: 'yonder_http_request_duration_seconds',
      help: 'Time from request to reply, by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    signIns: new Counter({
      name: 'yonder_sign_ins_total',
      help: 'Hosted passkey sign-ins verified, by outcome and, for failures, reason',
      labelNames: ['outcome', 'reason'],
      registers,
    }),
    tokensIssued: new Counter({
      name: 'yonder_tokens_issued_total',
      help: 'Access tokens signed: for the Admin Console (console) or an API client (api)',
      labelNames: ['kind'],
      registers,
    }),
    scim: new Counter({
      name: 'yonder_scim_operations_total',
      help: 'SCIM requests, by resource (Users, Groups, Bulk, ...), method and status',
      labelNames: ['resource', 'method', 'status'],
      registers,
    }),
    groupCommitBatch: new Histogram({
      name: 'yonder_group_commit_batch_size',
      help: 'Rows written per group commit, by table',
      labelNames: ['table'],
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
      registers,
    }),
    rateLimited: new Counter({
      name: 'yonder_rate_limit_refusals_total',
      help: 'Requests refused with 429 by a rate limit, by route template',
      labelNames: ['route'],
      registers,
    }),
  };
}

/** `Users`, `Groups`, `Bulk`, `ServiceProviderConfig`...: the path's first segment after the SCIM base. */
function scimResource(route: string): string {
  return route.slice(SCIM_PREFIX.length + 1).split('/')[0] || 'base';
}

function reasonOf(payload: unknown): string {
  if (typeof payload !== 'string') return 'error';
  try {
    const reason = (JSON.parse(payload) as { reason?: unknown }).reason;
    // Reasons come from yonder's own short list; anything else would be a label without end.
    return typeof reason === 'string' && /^[a-z_]{1,40}$/.test(reason) ? reason : 'error';
  } catch {
    return 'error';
  }
}

function bearerOf(request: FastifyRequest): string {
  const match = /^Bearer +(\S+) *$/i.exec(request.headers.authorization ?? '');
  return match?.[1] ?? '';
}

/** Compared as digests: equal lengths for timingSafeEqual, and the time taken says nothing of the secret. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
