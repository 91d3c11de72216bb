/**
 * The one error type of yonder's domain. `code` is the v1 API's error code (the HTTP status name
 * in snake case), so the HTTP edge maps it to a status in one table and never guesses.
 */
export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'precondition_failed'
  | 'request_entity_too_large'
  | 'unsupported_media_type'
  | 'unprocessable_entity'
  | 'too_many_requests'
  | 'internal_server_error'
  | 'not_implemented'
  | 'service_unavailable';

export interface FieldViolation {
  field: string;
  description: string;
}

export type ErrorDetail =
  | { type: 'FieldViolations'; field_violations: FieldViolation[] }
  | { type: 'ResourceInfo'; resource_type: string; id: string; description: string }
  | {
      type: 'BatchOperationErrors';
      description: string;
      errors: { Description: string; IDs: string[]; ResourceType: string }[];
    };

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function invalidParameters(violations: FieldViolation[]): DomainError {
  return new DomainError('bad_request', 'invalid parameters', [
    { type: 'FieldViolations', field_violations: violations },
  ]);
}

export function invalidField(field: string, description: string): DomainError {
  return invalidParameters([{ field, description }]);
}

/** `resourceType` is the contract's spelling: `Realm`, `Identity`, `Group`... */
export function notFound(resourceType: string, id: string): DomainError {
  const description = `${resourceType.toLowerCase()} not found`;
  return new DomainError('not_found', description, [
    { type: 'ResourceInfo', resource_type: resourceType, id, description },
  ]);
}

/**
 * A filter the store will not run to the end: it scans the realm and ran past its time (see
 * store/engine/scan-reads.ts). A 400 on `filter`; the SCIM edge calls it `tooMany`.
 */
export class FilterTooExpensive extends DomainError {
  constructor(description: string) {
    super('bad_request', 'invalid parameters', [{ type: 'FieldViolations', field_violations: [{ field: 'filter', description }] }]);
  }
}

/**
 * A request that cannot be read at all: a body that is not JSON (or not UTF-8, or carries text
 * the store cannot keep), a URL that cannot be decoded. Its own type so that each protocol's edge
 * can recognise it (SCIM calls it `invalidSyntax`) without comparing messages.
 */
export class MalformedRequest extends DomainError {
  constructor() {
    super('bad_request', 'invalid request');
  }
}

export function conflict(message: string): DomainError {
  return new DomainError('conflict', message);
}

export const unauthorized = (): DomainError => new DomainError('unauthorized', 'unauthorized');
export const forbidden = (): DomainError => new DomainError('forbidden', 'forbidden');

/** `assertThat(cond, () => notFound(...))` keeps the happy path flat. */
export function assertThat(condition: unknown, error: () => DomainError): asserts condition {
  if (!condition) throw error();
}
