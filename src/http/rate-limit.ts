import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { RATE_LIMITS, type RateLimitCheck, rateLimitCheck } from '../domain/rate-limit.js';
import type { Yonder } from '../services/context.js';
import { takeAttempt } from '../services/rate-limits.js';

/**
 * Rate limits as a route's `onRequest` hook: the request counts before its body is even read,
 * and one past the limit is answered 429 with `Retry-After` (the seconds left in the window).
 * JSON endpoints answer the v1 error shape plus `reason: "rate_limited"`, which the hosted pages'
 * scripts show like any ceremony failure; a page passes `refuse` to answer with a page instead.
 */
export type Refusal = (reply: FastifyReply, message: string) => FastifyReply;

const refuseJson: Refusal = (reply, message) =>
  reply.type('application/json').send({ code: 'too_many_requests', message, reason: 'rate_limited' });

function waitMessage(seconds: number): string {
  const wait = seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  return `Too many attempts. Please wait ${wait} and try again.`;
}

export function limitAttempts(
  yonder: Yonder,
  checksOf: (request: FastifyRequest) => RateLimitCheck[],
  refuse: Refusal = refuseJson,
): onRequestAsyncHookHandler {
  return async (request, reply) => {
    const limited = await takeAttempt(yonder, checksOf(request));
    if (!limited) return;
    reply.code(429).header('retry-after', String(limited.retryAfterSeconds)).header('cache-control', 'no-store');
    return refuse(reply, waitMessage(limited.retryAfterSeconds));
  };
}

type PathParams = { realm_id?: string; credential_binding_job_id?: string };

/** The enrollment link and its ceremony: per address, and per binding job. */
export function enrollmentAttempts(request: FastifyRequest): RateLimitCheck[] {
  const params = request.params as PathParams;
  return [
    rateLimitCheck(RATE_LIMITS.enrollmentFromAddress, request.ip),
    rateLimitCheck(RATE_LIMITS.enrollmentPerJob, params.realm_id ?? '', params.credential_binding_job_id ?? ''),
  ];
}

/** The sign-in ceremony: per address. */
export function signInAttempts(request: FastifyRequest): RateLimitCheck[] {
  return [rateLimitCheck(RATE_LIMITS.signInFromAddress, request.ip)];
}
