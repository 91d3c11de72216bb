/**
 * An application a realm's identities sign in to. Only what policy needs is built so far: the
 * protocol configuration is kept as the JSON document the client sent; client credentials and
 * tokens come later (the store already has room for them: `is_managed`, `classification`).
 */
export const PROTOCOL_TYPES = ['oauth2', 'oidc'] as const;
export type ProtocolType = (typeof PROTOCOL_TYPES)[number];

export type ProtocolConfig = { type: ProtocolType } & Record<string, unknown>;

export interface Application {
  id: string;
  realm_id: string;
  tenant_id: string;
  display_name: string;
  /** Managed applications are yonder's own (the admin realm's "Admin Console"); clients cannot change them. */
  is_managed: boolean;
  classification: string | null;
  resource_server_id: string | null;
  authenticator_config_id: string | null;
  protocol_config: ProtocolConfig;
  create_time: string;
  update_time: string;
}

export interface NewApplicationInput {
  display_name: string;
  protocol_config: ProtocolConfig;
  resource_server_id?: string;
  authenticator_config_id?: string;
}

export type ApplicationPatch = Partial<NewApplicationInput>;

/** Fields the server sets; a client sending them back has them ignored, as the contract says. */
const READ_ONLY_PROTOCOL_FIELDS = ['client_id', 'client_secret'];

export function storedProtocolConfig(config: ProtocolConfig): ProtocolConfig {
  const copy: Record<string, unknown> = { ...config };
  for (const field of READ_ONLY_PROTOCOL_FIELDS) delete copy[field];
  return copy as ProtocolConfig;
}

export function applyApplicationPatch(current: Application, patch: ApplicationPatch, now: string): Application {
  return {
    ...current,
    display_name: patch.display_name ?? current.display_name,
    protocol_config: patch.protocol_config ? storedProtocolConfig(patch.protocol_config) : current.protocol_config,
    resource_server_id: patch.resource_server_id ?? current.resource_server_id,
    authenticator_config_id: patch.authenticator_config_id ?? current.authenticator_config_id,
    update_time: now,
  };
}
