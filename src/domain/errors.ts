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
  return new DomainError('bad_request', 'invalid parameters', [{ type: 'FieldViolations', field_violations: violations }]);
}

export function invalidField(field: string, description: string): DomainError {
  return invalidParameters([{ field, description }]);
}

/** `resourceType` is the contract's spelling: `Realm`, `Identity`, `Group`... */
export function notFound(resourceType: string, id: string): DomainError {
  const description = `${resourceType.toLowerCase()} not found`;
  return new DomainError('not_found', description, [{ type: 'ResourceInfo', resource_type: resourceType, id, description }]);
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
  /** `syntax`: where a body that is not JSON broke and what was expected there (see http/json-syntax.ts). */
  constructor(readonly syntax?: string) {
    super('bad_request', syntax ? `the request body is not valid JSON: ${syntax}` : 'invalid request');
  }
}

/**
 * A write that named the version it expects (SCIM's `If-Match`, a bulk operation's `version`),
 * refused because the resource has moved on: the client would overwrite a change it has not seen.
 */
export class VersionMismatch extends DomainError {
  constructor(
    readonly resourceType: string,
    readonly version: number,
  ) {
    super('precondition_failed', `${resourceType.toLowerCase()} has changed; its version is ${version}`);
  }
}

/**
 * What a write may ask of the version it changes. `expectedVersions` absent: any version (every
 * v1 write); present: one of these, or the write is refused with VersionMismatch.
 */
export interface VersionCheck {
  expectedVersions?: readonly number[];
}

export function assertExpectedVersion(resourceType: string, version: number, check: VersionCheck): void {
  if (check.expectedVersions !== undefined && !check.expectedVersions.includes(version)) {
    throw new VersionMismatch(resourceType, version);
  }
}

/**
 * A rule of the realm's current policy names the resource, so it cannot go: deleting it would
 * silently change who may enroll or authenticate; the policy is the admin's to change first.
 */
export class ReferencedByPolicy extends DomainError {
  constructor(what: string, rules: readonly { id: string; name: string }[]) {
    const names = rules.map((r) => `"${r.name}" (${r.id})`).join(', ');
    super('conflict', `${what} is referenced by policy rules: ${names}`);
  }
}

/**
 * Identities named as new members that are not identities of the group's realm: v1 answers 404
 * naming each, SCIM a 400 `invalidValue` (a 404 there would say the group is missing).
 */
export class UnknownMembers extends DomainError {
  constructor(readonly ids: readonly string[]) {
    super(
      'not_found',
      'identity not found',
      ids.map((id) => ({ type: 'ResourceInfo', resource_type: 'Identity', id, description: 'identity not found' })),
    );
  }
}

export function conflict(message: string): DomainError {
  return new DomainError('conflict', message);
}

export const unauthorized = (): DomainError => new DomainError('unauthorized', 'unauthorized');

/**
 * A bearer token refused, with the reason a person can act on (get a new token, use the right
 * server or audience). The reasons name what is wrong with the token, never echo it, and never
 * tell a forger more than the token itself already shows (a bad signature is one reason,
 * whichever part was altered). The HTTP edge also puts the reason in `WWW-Authenticate`
 * (RFC 6750 `error="invalid_token"`), so it holds no quote or backslash.
 */
export class InvalidToken extends DomainError {
  constructor(reason: string) {
    super('unauthorized', reason);
  }
}

/** No bearer token at all: RFC 6750 §3.1 answers it without an error code. */
export class MissingToken extends DomainError {
  constructor() {
    super('unauthorized', 'this API needs a bearer token: send Authorization: Bearer followed by an access token');
  }
}
export const forbidden = (): DomainError => new DomainError('forbidden', 'forbidden');

/** `assertThat(cond, () => notFound(...))` keeps the happy path flat. */
export function assertThat(condition: unknown, error: () => DomainError): asserts condition {
  if (!condition) throw error();
}

/** Network errors of a connection that failed or went away (Node's `code`). */
const LOST_CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** PostgreSQL SQLSTATEs of a server out of reach: class 08 (connection), shutting down, starting, full. */
const UNAVAILABLE_SQLSTATES = /^(08\w{3}|57P0[123]|53300)$/;
/** What the drivers, the pool and the store say, without a code, when a connection is gone, never came or was closed. */
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|is not currently accepting connections|not queryable|The database connection is not open|driver has already been destroyed|the reader is closed/;

/**
 * Whether `error`, thrown by the store, means the database is out of reach rather than that the
 * request was wrong or yonder has a bug: a refused or lost connection, a server shutting down or
 * not accepting connections, a pool that could not connect in time, a SQLite file still locked
 * after its busy timeout. The same request may well succeed when sent again, so every protocol
 * answers it 503 (with Retry-After), not 500.
 */
export function isStoreUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (LOST_CONNECTION_CODES.has(code) || UNAVAILABLE_SQLSTATES.test(code) || code === 'SQLITE_BUSY')) return true;
  return UNAVAILABLE_MESSAGES.test(error.message);
}

/** How long a client should wait before sending a request again after a 503 for an unavailable store. */
export const STORE_RETRY_AFTER_SECONDS = 1;
