/** The v1 resources of the access screens (applications, policy, tokens, events), as the API returns them. */

export interface ProtocolConfig {
  type: 'oauth2' | 'oidc';
  allowed_scopes?: string[];
  confidentiality?: 'confidential' | 'public';
  token_endpoint_auth_method?: string;
  grant_type?: string[];
  redirect_uris?: string[];
  token_configuration?: { expires_after: number; subject_field?: string; token_signing_algorithm?: string };
  pkce?: string;
  token_format?: string;
  client_id?: string;
  /** Only in the reply that issued it. */
  client_secret?: string;
  [field: string]: unknown;
}

export interface Application {
  id: string;
  realm_id: string;
  tenant_id: string;
  resource_server_id?: string;
  authenticator_config_id?: string;
  display_name: string;
  is_managed: boolean;
  classification?: string;
  protocol_config: ProtocolConfig;
}

export interface ResourceServer {
  id: string;
  realm_id: string;
  tenant_id: string;
  display_name: string;
  is_managed: boolean;
  identifier: string;
  scopes: string[];
}

export interface Role {
  id: string;
  resource_server_id: string;
  realm_id: string;
  display_name: string;
  description: string;
  create_time: string;
  update_time: string;
}

export type PolicyTransaction = 'authentication' | 'credential_enrollment';
export type PolicyAction = 'ALLOW' | 'DENY' | 'MONITOR';
export const POLICY_TRANSACTIONS: PolicyTransaction[] = ['authentication', 'credential_enrollment'];
export const POLICY_ACTIONS: PolicyAction[] = ['ALLOW', 'DENY', 'MONITOR'];

export interface PolicyRule {
  id: string;
  name: string;
  description: string;
  transaction: PolicyTransaction;
  action: PolicyAction;
  conditions: { groups: string[]; applications: string[]; identities: string[] };
  deny_message: string;
}

export interface Policy {
  tenant_id: string;
  realm_id: string;
  version: number;
  rules: PolicyRule[];
  create_time: string;
}

export interface Decision {
  decision: 'ALLOW' | 'DENY';
  rule_id: string;
  monitored_rule_ids: string[];
  deny_message?: string;
  policy_version: number;
}

export interface ApiToken {
  id: string;
  display_name: string;
  scopes: string[];
  token_suffix: string;
  token_format: string;
  /** Seconds since the epoch. */
  expires: number;
  issued_at: number;
  token_type: string;
}

export interface AuditEvent {
  id: string;
  realm_id: string;
  type: string;
  resource_type: string;
  resource_id: string;
  actor: { type: string; [field: string]: unknown };
  address: string | null;
  request_id: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  create_time: string;
}
