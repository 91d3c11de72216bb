import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { type RateLimited, consoleChecks, enrollmentChecks, signInChecks } from '../domain/access/rate-limit.js';
import type { Yonder } from '../services/context.js';
import { takeAttempt, takeRealmAttempt } from '../services/access/rate-limits.js';

/**
 * Rate limits as a route's `onRequest` hook: the request counts before its body is even read,
 * and one past the limit is answered 429 with `Retry-After` (the seconds left in the window).
 * JSON endpoints answer the v1 error shape plus `reason: "rate_limited"`, which the hosted pages'
 * scripts show like any ceremony failure; a page passes `refuse` to answer with a page instead.
 */
export type Refusal = (reply: FastifyReply, message: string) => FastifyReply;

const refuseJson: Refusal = (reply, message) => reply.type('application/json').send({ code: 'too_many_requests', message, reason: 'rate_limited' });

function waitMessage(seconds: number): string {
  const wait = seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  return `Too many attempts. Please wait ${wait} and try again.`;
}

export function limitAttempts(
  take: (request: FastifyRequest) => Promise<RateLimited | null>,
  refuse: Refusal = refuseJson,
): onRequestAsyncHookHandler {
  return async (request, reply) => {
    const limited = await take(request);
    if (!limited) return;
    reply.code(429).header('retry-after', String(limited.retryAfterSeconds)).header('cache-control', 'no-store');
    return refuse(reply, waitMessage(limited.retryAfterSeconds));
  };
}

type PathParams = { tenant_id?: string; realm_id?: string; credential_binding_job_id?: string };

const realmOf = (params: PathParams) => ({ tenantId: params.tenant_id ?? '', realmId: params.realm_id ?? '' });

/** The enrollment link and its ceremony: per realm and address, and per binding job. */
export function enrollmentAttempts(yonder: Yonder): (request: FastifyRequest) => Promise<RateLimited | null> {
  return (request) => {
    const params = request.params as PathParams;
    const ref = realmOf(params);
    return takeRealmAttempt(yonder, ref, request.ip, enrollmentChecks(ref.realmId, params.credential_binding_job_id ?? '', request.ip));
  };
}

/** The sign-in ceremony: per realm and address. */
export function signInAttempts(yonder: Yonder): (request: FastifyRequest) => Promise<RateLimited | null> {
  return (request) => {
    const ref = realmOf(request.params as PathParams);
    return takeRealmAttempt(yonder, ref, request.ip, signInChecks(ref.realmId, request.ip));
  };
}

/** The Admin Console's token and sign-out endpoints: per address. */
export function consoleAttempts(yonder: Yonder): (request: FastifyRequest) => Promise<RateLimited | null> {
  return (request) => takeAttempt(yonder, consoleChecks(request.ip));
}

/**
 * Endpoints that take no body or a tiny one, reachable without a token: a small `bodyLimit` (413
 * past it), so nobody can make them read and parse a megabyte.
 */
export const SMALL_BODY_LIMIT_BYTES = 1024;
