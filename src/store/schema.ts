import type { Role } from '../domain/access/role.js';
import type { AuditEvent } from '../domain/audit/audit-event.js';

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
  /** Null only for an identity that already shared its skeleton with an older one (migration 016). */
  username_skeleton: string | null;
  email_key: string | null;
  external_id: string | null;
  /** Incremented by every write; SCIM's `meta.version` and ETag. */
  version: number;
  create_time: string;
  update_time: string;
  /**
   * The clock-free part of the derived enrollment status (ENROLLED, INVITE_FAILED, UNENROLLED),
   * kept current by the passkey store; PENDING is read from `enrollment_pending_until`.
   */
  enrollment_status?: string;
  /** When the identity's last pending binding link expires; null when none is pending. */
  enrollment_pending_until?: string | null;
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
  /** A console token's hosted sign-in session (its `web_sessions.token_hash`); null for other tokens. */
  session_hash: string | null;
  /** An OpenID Connect grant's tokens (authorization code, refresh) name it: the grant revokes them together. */
  grant_id?: string | null;
  /** The OpenID scopes (`openid profile email`) an OpenID Connect access token was granted, for userinfo. */
  oidc_scopes?: string | null;
  /** The passkey an OpenID Connect access token's person signed in with. */
  credential_id?: string | null;
}

/** One model instance of the OpenID Connect provider (a code, a session, a grant, a refresh token...). */
export interface OidcInstancesTable {
  model: string;
  id: string;
  application_id: string;
  /** The instance as the provider hands it over, as JSON. */
  payload: string;
  grant_id: string | null;
  uid: string | null;
  user_code: string | null;
  expires_at: string | null;
  consumed_at: string | null;
}

export interface SigningKeysTable {
  kid: string;
  alg: string;
  private_jwk: string;
  public_jwk: string;
  create_time: string;
  /** When it was rotated out: it signs no more, and leaves once its tokens have expired. */
  retire_time: string | null;
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
  /** The SCIM client's id for the group, compared exactly; null when none was given. */
  external_id: string | null;
  /** Incremented by every write, membership changes included; SCIM's `meta.version` and ETag. */
  version: number;
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
  /** SHA-256 of the client secret, hex: what a presented secret is checked against. */
  client_secret_hash: string | null;
  /** The secret sealed with the master key, for `applications:read-secrets`; null when kept hashed only. */
  client_secret_sealed: string | null;
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

export interface AuthenticatorConfigsTable {
  id: string;
  tenant_id: string;
  realm_id: string;
  display_name: string;
  /** JSON text. */
  config: string;
  /** 0 or 1. */
  is_default: number;
  create_time: string;
  update_time: string;
}

export interface ThemesTable {
  id: string;
  tenant_id: string;
  realm_id: string;
  /** The theme's settable fields as JSON text. */
  document: string;
  create_time: string;
  update_time: string;
}

export interface BatchCredentialBindingJobsTable {
  id: string;
  tenant_id: string;
  realm_id: string;
  /** JSON text. */
  identity_ids: string;
  job_template: string;
  state: string;
  state_commentary: string;
  create_time: string;
  update_time: string;
}

export interface CredentialBindingJobsTable {
  id: string;
  tenant_id: string;
  realm_id: string;
  identity_id: string;
  batch_id: string | null;
  credential_id: string | null;
  delivery_method: string;
  state: string;
  post_binding_redirect_uri: string | null;
  authenticator_config_id: string;
  /** SHA-256 of the link token, base64url. */
  token_hash: string;
  expire_time: string;
  create_time: string;
  update_time: string;
}

export interface CredentialsTable {
  id: string;
  tenant_id: string;
  realm_id: string;
  identity_id: string;
  state: string;
  csr_type: string;
  jwk_json: string;
  jwk_thumbprint: string;
  webauthn_id: string;
  public_key: string;
  counter: number | string;
  /** JSON text. */
  transports: string;
  aaguid: string;
  device_type: string;
  backed_up: number;
  /** The name its person gave it on the account page; null until then. */
  display_name: string | null;
  last_used_time: string | null;
  create_time: string;
  update_time: string;
}

export interface WebAuthnChallengesTable {
  id: string;
  tenant_id: string;
  realm_id: string;
  purpose: string;
  challenge: string;
  job_id: string | null;
  application_id: string | null;
  expire_time: string;
  create_time: string;
}

export interface WebSessionsTable {
  token_hash: string;
  tenant_id: string;
  realm_id: string;
  identity_id: string;
  credential_id: string;
  application_id: string | null;
  expire_time: string;
  create_time: string;
  /** When the person last proved a passkey again in this session (the account page asks before adding or removing one), and with which. */
  reauth_time?: string | null;
  reauth_credential_id?: string | null;
}

export interface RealmAccountSettingsTable {
  realm_id: string;
  tenant_id: string;
  allow_removing_last_passkey: number;
  /** JSON array of the identity provider ids the realm's sign-in pages offer. */
  sign_in_identity_providers?: string;
  update_time: string;
}

/** The event as the domain has it, but for the actor and the before and after states. */
export interface AuditEventsTable
  extends Pick<AuditEvent, 'id' | 'tenant_id' | 'realm_id' | 'type' | 'resource_type' | 'resource_id' | 'address' | 'request_id' | 'create_time'> {
  actor_type: string;
  actor_id: string;
  actor_subject: string | null;
  /** JSON text. */
  actor: string;
  /** JSON text, secrets redacted. */
  state_before: string | null;
  state_after: string | null;
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

export interface RateLimitsTable {
  /** `<rule>:<subject>`. */
  key: string;
  /** Unix seconds at which the window ends; PostgreSQL returns bigint as text. */
  expires_at: number | string;
  hits: number;
}

/** A role's row holds exactly the domain's role. */
export type RolesTable = Role;

export interface SsoConfigsTable {
  id: string;
  tenant_id: string;
  realm_id: string;
  display_name: string;
  type: string;
  /** 0 or 1. */
  is_migrated: number;
  /** The type's document as JSON text, without its secrets. */
  payload: string;
  /** JSON text: the payload's secret fields, each sealed with the master key. */
  sealed_secrets: string;
  /** The application yonder made for the config, if any. */
  application_id: string | null;
  create_time: string;
  update_time: string;
}

export interface SsoConfigIdentitiesTable {
  sso_config_id: string;
  identity_id: string;
  realm_id: string;
}

export interface SsoConfigGroupsTable {
  sso_config_id: string;
  group_id: string;
  realm_id: string;
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

export type FlowTypeConfigsTable = ThemesTable;

export interface IdentityProvidersTable {
  id: string;
  tenant_id: string;
  realm_id: string;
  display_name: string;
  /** The contract's `protocol_config` as JSON text, without the client secret. */
  protocol_config: string;
  /** The upstream's client secret, sealed with the master key. */
  client_secret_sealed: string;
  create_time: string;
  update_time: string;
}

export interface IdpFlowsTable {
  state_hash: string;
  tenant_id: string;
  realm_id: string;
  identity_provider_id: string;
  /** A binding link's `verification` before enrollment, or a `sign_in` on the hosted pages. */
  purpose: 'verification' | 'sign_in';
  /** The binding job a verification is for. */
  job_id: string | null;
  /** The application a sign-in is for, if any. */
  application_id: string | null;
  issuer: string;
  nonce: string;
  code_verifier_sealed: string;
  return_to_sealed: string;
  verified_identity_id: string | null;
  browser_hash: string | null;
  expire_time: string;
  create_time: string;
}

/** A realm's SAML signing key and certificate (PEM); the key sealed with the master key. */
export interface SamlIdpKeysTable {
  realm_id: string;
  id: string;
  tenant_id: string;
  certificate: string;
  private_key: string;
  create_time: string;
  expire_time: string;
}

/** A SAML sign-in between the service provider's request and yonder's response. */
export interface SamlRequestsTable {
  id: string;
  tenant_id: string;
  realm_id: string;
  application_id: string;
  /** The AuthnRequest's ID (the response's InResponseTo); null for an IdP-initiated sign-in. */
  request_id: string | null;
  acs_url: string;
  relay_state: string | null;
  /** 1 when the request said ForceAuthn: a passkey now, not the session. */
  force_authn: number;
  browser_hash: string;
  create_time: string;
  expire_time: string;
  answer_time: string | null;
}

export interface Database {
  tenants: TenantsTable;
  realms: RealmsTable;
  identities: IdentitiesTable;
  api_tokens: ApiTokensTable;
  oidc_instances: OidcInstancesTable;
  signing_keys: SigningKeysTable;
  server_secrets: ServerSecretsTable;
  bootstrap: BootstrapTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  applications: ApplicationsTable;
  policies: PoliciesTable;
  authenticator_configs: AuthenticatorConfigsTable;
  themes: ThemesTable;
  batch_credential_binding_jobs: BatchCredentialBindingJobsTable;
  credential_binding_jobs: CredentialBindingJobsTable;
  credentials: CredentialsTable;
  webauthn_challenges: WebAuthnChallengesTable;
  web_sessions: WebSessionsTable;
  realm_account_settings: RealmAccountSettingsTable;
  audit_events: AuditEventsTable;
  resource_servers: ResourceServersTable;
  rate_limits: RateLimitsTable;
  roles: RolesTable;
  role_scopes: RoleScopesTable;
  role_members: RoleMembersTable;
  flow_type_configs: FlowTypeConfigsTable;
  identity_providers: IdentityProvidersTable;
  idp_flows: IdpFlowsTable;
  saml_idp_keys: SamlIdpKeysTable;
  saml_requests: SamlRequestsTable;
  sso_configs: SsoConfigsTable;
  sso_config_identities: SsoConfigIdentitiesTable;
  sso_config_groups: SsoConfigGroupsTable;
}
