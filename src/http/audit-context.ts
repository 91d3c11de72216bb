import type { FastifyInstance } from 'fastify';
import type { Actor } from '../domain/audit-event.js';
import { runWithAuditContext } from '../services/audit.js';

/**
 * Carries who is calling and from where to the audit trail: every handler of the plugin runs
 * inside an audit context made from the request's principal (set by the bearer hook), its IP
 * address and its request id. Services read it in `recordEvent`; nothing is passed by hand.
 *
 * It is a `preHandler` with a callback on purpose: `run(context, done)` makes the handler start
 * inside the context, after body parsing, so every await of the handler keeps it.
 * The address is the socket's peer unless Fastify's `trustProxy` is configured.
 */
export function installAuditContext(app: FastifyInstance): void {
  app.addHook('preHandler', (request, _reply, done) => {
    const principal = request.principal;
    const actor: Actor = principal ? { type: 'token', subject: principal.subject, jti: principal.jti } : { type: 'anonymous' };
    runWithAuditContext({ actor, address: request.ip ?? null, requestId: request.id }, done);
  });
}
