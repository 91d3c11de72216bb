import type { FastifyServerOptions } from 'fastify';
import type { TrustProxy } from '../config.js';

/**
 * Fastify's `trustProxy` for `TRUST_PROXY`, so that `request.ip` (what the rate limits count and
 * the audit trail records) is the client behind the proxies, and any `X-Forwarded-For` is ignored
 * when no proxy is trusted. Fastify now treats a bare hop count as trusting nobody (it cannot check
 * the peer), so a count becomes the function proxy-addr calls with each address's distance from
 * yonder: the nearest `hops` are proxies, and the address before them is the client.
 */
export function fastifyTrustProxy(setting: TrustProxy): NonNullable<FastifyServerOptions['trustProxy']> {
  if (typeof setting === 'number') return (_address: string, hop: number) => hop < setting;
  return setting;
}
