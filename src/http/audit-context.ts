import type { FastifyInstance } from 'fastify';
import type { Actor } from '../domain/audit/audit-event.js';
import { runWithAuditContext } from '../services/audit/audit.js';
import type { Principal } from '../platform/tokens/token-service.js';

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
    runWithAuditContext({ actor: actorOf(request.principal), address: request.ip ?? null, requestId: request.id }, done);
  });
}

/** A console token acts for the person signed in to the console; any other token for itself. */
function actorOf(principal: Principal | undefined): Actor {
  if (!principal) return { type: 'anonymous' };
  if (principal.console) {
    const { identityId, realmId, sessionId } = principal.console;
    return { type: 'console', identity_id: identityId, realm_id: realmId, session_id: sessionId };
  }
  return { type: 'token', subject: principal.subject, jti: principal.jti };
}
