/**
 * A resource server: an API whose tokens carry its `identifier` as audience and which defines the
 * scopes applications may grant. Every tenant's admin realm has the managed "yonder Management API"
 * server with the identifier `beyondidentity` and every management scope.
 */
export interface ResourceServer {
  id: string;
  realm_id: string;
  tenant_id: string;
  display_name: string;
  identifier: string;
  scopes: string[];
  is_managed: boolean;
  create_time: string;
  update_time: string;
}

export const MANAGEMENT_RESOURCE_SERVER_NAME = 'yonder Management API';

/** Scope names are OAuth scope tokens (RFC 6749 §3.3): printable ASCII without space, `"` or `\`. */
export const SCOPE_PATTERN = '^[\\x21\\x23-\\x5B\\x5D-\\x7E]+$';
export const SCOPE_MAX_LENGTH = 128;
export const MAX_SCOPES = 200;
