/**
 * Row types of every table, as Kysely sees them. Both engines use the same schema: text for ids,
 * timestamps (RFC 3339 UTC) and JSON documents, so a row reads back identically from either.
 */
export interface TenantsTable {
  id: string;
  display_name: string;
  admin_realm_id: string;
  /** The id reserved for the tenant's managed "Management API" application; tokens name it as issuer. */
  management_application_id: string;
  create_time: string;
  update_time: string;
}

export interface RealmsTable {
  id: string;
  tenant_id: string;
  display_name: string;
  classification: string;
  create_time: string;
  update_time: string;
}

export interface IdentitiesTable {
  id: string;
  tenant_id: string;
  realm_id: string;
  display_name: string;
  display_name_key: string;
  status: string;
  /** The traits document as JSON text, in the case the client sent. */
  traits: string;
  username_key: string;
  email_key: string | null;
  external_id: string | null;
  /** Incremented by every write; SCIM's `meta.version` and ETag. */
  version: number;
  create_time: string;
  update_time: string;
}

export interface ApiTokensTable {
  jti: string;
  tenant_id: string;
  /** Set when the token is restricted to one realm. */
  realm_id: string | null;
  subject: string;
  display_name: string;
  /** Space-separated scope names. */
  scopes: string;
  /** The last characters of the token, so people can tell tokens apart without the secret. */
  token_suffix: string;
  issued_at: string;
  expires_at: string;
  revoked_at: string | null;
  /** The issuing application (the tenant's management application for tokens minted directly). */
  application_id: string | null;
}

export interface SigningKeysTable {
  kid: string;
  alg: string;
  private_jwk: string;
  public_jwk: string;
  create_time: string;
}

export interface ServerSecretsTable {
  name: string;
  /** base64 */
  value: string;
  create_time: string;
}

export interface BootstrapTable {
  name: string;
  create_time: string;
}

export interface GroupsTable {
  id: string;
  tenant_id: string;
  realm_id: string;
  display_name: string;
  display_name_key: string;
  description: string;
  create_time: string;
  update_time: string;
}

export interface GroupMembersTable {
  group_id: string;
  identity_id: string;
}

export interface ApplicationsTable {
  id: string;
  tenant_id: string;
  realm_id: string;
  display_name: string;
  /** 0 or 1. */
  is_managed: number;
  classification: string | null;
  resource_server_id: string | null;
  authenticator_config_id: string | null;
  /** JSON text. */
  protocol_config: string;
  client_id: string | null;
  /** SHA-256 of the client secret, hex; the secret itself is never stored. */
  client_secret_hash: string | null;
  create_time: string;
  update_time: string;
}

export interface PoliciesTable {
  realm_id: string;
  version: number;
  tenant_id: string;
  /** The ordered rule list as JSON text. */
  rules: string;
  create_time: string;
}

export interface ResourceServersTable {
  id: string;
  tenant_id: string;
  realm_id: string;
  display_name: string;
  identifier: string;
  /** Space-separated scope names. */
  scopes: string;
  /** 0 or 1. */
  is_managed: number;
  create_time: string;
  update_time: string;
}

export interface AuthFailuresTable {
  key: string;
  /** Unix seconds; PostgreSQL returns bigint as text. */
  window_start: number | string;
  failures: number;
}

export interface RolesTable {
  id: string;
  tenant_id: string;
  realm_id: string;
  resource_server_id: string;
  display_name: string;
  description: string;
  create_time: string;
  update_time: string;
}

export interface RoleScopesTable {
  role_id: string;
  scope: string;
}

export interface RoleMembersTable {
  role_id: string;
  member_type: string;
  member_id: string;
}

export interface Database {
  tenants: TenantsTable;
  realms: RealmsTable;
  identities: IdentitiesTable;
  api_tokens: ApiTokensTable;
  signing_keys: SigningKeysTable;
  server_secrets: ServerSecretsTable;
  bootstrap: BootstrapTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  applications: ApplicationsTable;
  policies: PoliciesTable;
  resource_servers: ResourceServersTable;
  auth_failures: AuthFailuresTable;
  roles: RolesTable;
  role_scopes: RoleScopesTable;
  role_members: RoleMembersTable;
}
