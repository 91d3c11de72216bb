import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import {
  DomainError,
  type ErrorCode,
  FilterTooExpensive,
  MalformedRequest,
  ReferencedByPolicy,
  STORE_RETRY_AFTER_SECONDS,
  UnknownMembers,
  VersionMismatch,
  isStoreUnavailable,
} from '../../domain/errors.js';
import { bearerChallenge, statusOf } from '../errors.js';
import { type ScimProblem, type ScimType, ScimFailure } from '../../protocols/scim/problems.js';

export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const SCIM_MEDIA_TYPE = 'application/scim+json';

export function scimErrorBody(problem: ScimProblem) {
  return {
    schemas: [ERROR_SCHEMA],
    status: String(problem.status),
    ...(problem.scimType ? { scimType: problem.scimType } : {}),
    detail: problem.detail,
  };
}

/** SCIM's name for a resource type the domain names: an identity is a User. */
const scimName = (resourceType: string) => (resourceType === 'Identity' ? 'User' : resourceType);

/**
 * The domain's errors in SCIM terms, for every SCIM write goes through the services every door
 * shares. A name taken is SCIM's `uniqueness`; unknown new members are `invalidValue` (a 404
 * would say the group is missing); a stale `If-Match` names the current ETag.
 */
export function problemFromDomain(error: DomainError): ScimProblem {
  if (error instanceof UnknownMembers) {
    return { status: 400, scimType: 'invalidValue', detail: `members: no user ${error.ids.join(', ')} in this realm` };
  }
  if (error instanceof VersionMismatch) {
    return { status: 412, detail: `the ${scimName(error.resourceType)} has changed; its version is W/"${error.version}"` };
  }
  const status = statusOf(error.code);
  if (error instanceof ReferencedByPolicy) return { status, detail: `${error.message}; change the policy first` };
  const scimType: Partial<Record<ErrorCode, ScimType>> = { conflict: 'uniqueness', bad_request: 'invalidValue' };
  const violations = error.details?.flatMap((d) => (d.type === 'FieldViolations' ? d.field_violations : [])) ?? [];
  const missing = error.details?.flatMap((d) => (d.type === 'ResourceInfo' ? [`${scimName(d.resource_type)} ${d.id} not found`] : [])) ?? [];
  const detail =
    violations.length > 0
      ? violations.map((v) => `${v.field}: ${v.description}`).join('; ')
      : missing.length > 0
        ? missing.join('; ')
        : error.message;
  const type = error instanceof FilterTooExpensive ? 'tooMany' : scimType[error.code];
  return type ? { status, scimType: type, detail } : { status, detail };
}

/** Fastify's own client errors (bad JSON, too large, wrong media type) in SCIM terms. */
function problemFromFramework(error: FastifyError): ScimProblem | null {
  if (error.validation) return { status: 400, scimType: 'invalidValue', detail: error.message };
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, scimType: 'invalidSyntax', detail: 'the request body is not valid JSON' };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, detail: 'the request body is larger than 1 MiB' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_TYPE':
      return { status: 415, detail: 'the content type must be application/scim+json or application/json' };
    default:
      break;
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return { status, detail: error.message };
  return null;
}

export function sendProblem(reply: FastifyReply, problem: ScimProblem): FastifyReply {
  if (problem.status === 401 && !reply.hasHeader('www-authenticate')) reply.header('www-authenticate', 'Bearer');
  return reply.code(problem.status).type(SCIM_MEDIA_TYPE).send(scimErrorBody(problem));
}

/** Any thrown error as a SCIM problem; `null` for a bug (the caller logs it and answers 500). */
export function toProblem(error: unknown): ScimProblem | null {
  if (error instanceof ScimFailure) return error.problem;
  if (error instanceof DomainError) {
    // The JSON parser reports a body it cannot read as a MalformedRequest; SCIM calls that invalidSyntax.
    if (error instanceof MalformedRequest) {
      const detail = error.syntax ? `the request body is not valid JSON: ${error.syntax}` : 'the request body is not valid JSON';
      return { status: 400, scimType: 'invalidSyntax', detail };
    }
    return problemFromDomain(error);
  }
  return problemFromFramework(error as FastifyError);
}

/**
 * The SCIM plugin's own error and not-found handlers: everything that goes wrong under
 * `/scim/v2`, including the bearer-auth hook's 401 and 403, comes out as a SCIM error body.
 */
export function installScimErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error);
    // A refused token says why in the challenge too, as on the v1 API.
    if (error instanceof DomainError && error.code === 'unauthorized') reply.header('www-authenticate', bearerChallenge(error));
    if (problem) return sendProblem(reply, problem);
    if (isStoreUnavailable(error)) {
      request.log.error({ err: error }, 'database unavailable');
      reply.header('retry-after', String(STORE_RETRY_AFTER_SECONDS));
      return sendProblem(reply, { status: 503, detail: 'the database is unavailable; try again shortly' });
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, { status: 500, detail: 'internal server error' });
  });
  app.setNotFoundHandler((_request, reply) => sendProblem(reply, { status: 404, detail: 'not found' }));
}
