import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';

/**
 * A route hook for replies that carry a secret (a client secret, an access token, a binding link):
 * no browser, proxy or CDN may keep a copy (RFC 6749 §5.1 asks it of the token endpoint). Set as the
 * request arrives, so error replies of these routes say it too.
 */
export function noStore(_request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
  reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
  done();
}
