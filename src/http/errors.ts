import type { ErrorObject } from 'ajv';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  DomainError,
  type ErrorCode,
  InvalidToken,
  MalformedRequest,
  STORE_RETRY_AFTER_SECONDS,
  invalidParameters,
  isStoreUnavailable,
} from '../domain/errors.js';
import { toFieldViolations } from './violations.js';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  precondition_failed: 412,
  request_entity_too_large: 413,
  unsupported_media_type: 415,
  unprocessable_entity: 422,
  too_many_requests: 429,
  internal_server_error: 500,
  not_implemented: 501,
  service_unavailable: 503,
};

export function statusOf(code: ErrorCode): number {
  return STATUS[code];
}

/**
 * The challenge of a 401 (RFC 6750 §3): a refused token says why in `error_description`; a
 * request without one gets the bare challenge, as the RFC asks.
 */
export function bearerChallenge(error: DomainError): string {
  return error instanceof InvalidToken ? `Bearer error="invalid_token", error_description="${error.message}"` : 'Bearer';
}

function sendError(reply: FastifyReply, error: DomainError): FastifyReply {
  const status = STATUS[error.code];
  if (status === 401) reply.header('www-authenticate', bearerChallenge(error));
  return reply
    .code(status)
    .type('application/json')
    .send({ code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) });
}

/** Fastify's own client errors, by their codes, in the v1 shape. */
function fromFramework(error: FastifyError): DomainError | null {
  if (error.validation) {
    const part = error.validationContext;
    const errors = error.validation as ErrorObject[];
    // A body that is not even an object (`[]`, `"x"`, nothing) is a malformed request.
    if (part === 'body' && errors.some((e) => e.instancePath === '' && e.keyword === 'type')) {
      return new MalformedRequest();
    }
    return invalidParameters(toFieldViolations(errors));
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new MalformedRequest();
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new DomainError('request_entity_too_large', 'request body is larger than 1 MiB');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_TYPE':
      return new DomainError('unsupported_media_type', 'content type must be application/json');
    default:
      break;
  }
  const status = error.statusCode ?? 500;
  if (status === 400) return new MalformedRequest();
  if (status === 413) return new DomainError('request_entity_too_large', 'request body is too large');
  if (status === 415) return new DomainError('unsupported_media_type', 'unsupported content type');
  return null;
}

/**
 * The one place errors become HTTP: domain errors and framework client errors get the v1 error
 * shape and their status; a database out of reach is a 503 (see `isStoreUnavailable`); anything
 * else is a bug, logged in full and answered with a bare 500.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const domain = error instanceof DomainError ? error : fromFramework(error);
    if (domain) return sendError(reply, domain);
    if (isStoreUnavailable(error)) {
      request.log.error({ err: error }, 'database unavailable');
      reply.header('retry-after', String(STORE_RETRY_AFTER_SECONDS));
      return sendError(reply, new DomainError('service_unavailable', 'the database is unavailable; try again shortly'));
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendError(reply, new DomainError('internal_server_error', 'internal server error'));
  });
  app.setNotFoundHandler((_request, reply) => sendError(reply, new DomainError('not_found', 'not found')));
}

/**
 * Errors the router raises before any route or hook runs: a URL that cannot be decoded is a
 * malformed request; a path segment longer than any id can be is simply not found.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    sendError(reply, new DomainError('not_found', 'not found'));
  } else if (error.code === 'FST_ERR_BAD_URL') {
    sendError(reply, new MalformedRequest());
  } else {
    request.log.error({ err: error }, 'unhandled router error');
    sendError(reply, new DomainError('internal_server_error', 'internal server error'));
  }
}
