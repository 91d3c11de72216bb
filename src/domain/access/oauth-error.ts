/**
 * An error of the OAuth 2.0 endpoints (token, revoke, introspect), in the words of RFC 6749 §5.2.
 * These endpoints answer `{ "error": ..., "error_description": ... }`, not the v1 error shape.
 */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'unsupported_token_type'
  | 'temporarily_unavailable';

const STATUS: Record<OAuthErrorCode, number> = {
  invalid_request: 400,
  invalid_client: 401,
  invalid_grant: 400,
  unauthorized_client: 400,
  unsupported_grant_type: 400,
  invalid_scope: 400,
  unsupported_token_type: 400,
  temporarily_unavailable: 503,
};

export class OAuthError extends Error {
  readonly status: number;

  constructor(
    readonly error: OAuthErrorCode,
    readonly description: string,
    /** Set for too many failed client authentications: 429 with `Retry-After`. */
    readonly retryAfterSeconds?: number,
  ) {
    super(description);
    this.name = 'OAuthError';
    this.status = retryAfterSeconds !== undefined ? 429 : STATUS[error];
  }
}
