import type { FastifyReply } from 'fastify';

/** Sends an HTML page yonder serves (the console's shell, the hosted pages) under its policy, never cached. */
export function sendHtml(reply: FastifyReply, contentSecurityPolicy: string, status: number, body: string) {
  return reply
    .code(status)
    .header('content-security-policy', contentSecurityPolicy)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(body);
}
