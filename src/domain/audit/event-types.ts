/**
 * The names of what yonder records, in one place for every reader: the server types its events
 * with them, the v1 events route describes its `type` filter with them, and the admin console
 * offers them as filter choices. No imports, so the console bundle can take this file as is.
 */

/** Every event type yonder records: `<resource>.<what happened>`. */
export const EVENT_TYPES = [
  'tenant.updated',
  'realm.created',
  'realm.updated',
  'realm.deleted',
  'identity.created',
  'identity.updated',
  'identity.deleted',
  'group.created',
  'group.updated',
  'group.deleted',
  'group.members_added',
  'group.members_removed',
  'application.created',
  'application.updated',
  'application.deleted',
  'application.secret_rotated',
  'application.secret_read',
  'resource_server.created',
  'resource_server.updated',
  'resource_server.deleted',
  'role.created',
  'role.updated',
  'role.deleted',
  'role.members_added',
  'role.members_removed',
  'role.scopes_added',
  'role.scopes_removed',
  'token.issued',
  'token.deleted',
  'token.revoked',
  'token.refreshed',
  'authorization.granted',
  'authorization.denied',
  'policy.published',
  'policy.restored',
  'policy.evaluated',
  'sign_in.succeeded',
  'sign_in.failed',
  'authenticator_config.created',
  'authenticator_config.updated',
  'authenticator_config.deleted',
  'theme.created',
  'theme.updated',
  'flow_type_config.updated',
  'identity_provider.created',
  'identity_provider.updated',
  'identity_provider.deleted',
  'identity_provider.verified',
  'identity_provider.verification_failed',
  'credential_binding_job.created',
  'credential_binding_job.revoked',
  'credential_binding_job.completed',
  'credential_binding_job.failed_to_send',
  'batch_credential_binding_job.created',
  'credential.created',
  'credential.revoked',
  'console.token_issued',
  'console.signed_out',
  'webhook.created',
  'webhook.updated',
  'webhook.deleted',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/**
 * Every kind of resource an event is about (its `resource_type`). Sign-ins, policy evaluations
 * and console sessions are recorded on the identity, so `sign_in` and `console` are not here.
 */
export const RESOURCE_TYPES = [
  'tenant',
  'realm',
  'identity',
  'group',
  'application',
  'resource_server',
  'role',
  'token',
  'policy',
  'authenticator_config',
  'theme',
  'flow_type_config',
  'identity_provider',
  'credential_binding_job',
  'batch_credential_binding_job',
  'credential',
  'webhook',
] as const;

export type ResourceType = (typeof RESOURCE_TYPES)[number];
