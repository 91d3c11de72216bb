import { seal } from '../../domain/access/sealed-secret.js';
import { newId } from '../../domain/ids.js';
import { conflict, invalidField, notFound } from '../../domain/errors.js';
import { nowTimestamp } from '../../domain/time.js';
import {
  DESCRIPTION_MAX_LENGTH,
  MAX_ENDPOINTS_PER_TENANT,
  type WebhookDelivery,
  type WebhookEndpoint,
  checkEventTypes,
  checkWebhookUrl,
} from '../../domain/webhooks/endpoint.js';
import { newWebhookSecret, webhookSecretProblem } from '../../domain/webhooks/signature.js';
import { destinationProblem } from '../../platform/webhooks/sender.js';
import type { EndpointChanges, StoredWebhookEndpoint } from '../../store/webhooks/webhooks.js';
import { recordEvent } from '../audit/audit.js';
import type { Yonder } from '../context.js';
import { requireTenant } from '../directory/tenancy-lookup.js';

/**
 * Webhook endpoints of a tenant: where its audit events are delivered (see delivery.ts). An
 * endpoint gets the tenant's events from its creation on, its own `webhook.created` first. The
 * signing secret is shown once, when it is made or supplied, and kept sealed with the master key.
 */
export interface WebhookInput {
  url: string;
  description?: string;
  event_types?: string[];
  enabled?: boolean;
  /** A secret of the receiver's choosing (`whsec_...`); yonder makes one when absent. */
  secret?: string;
}

/** An endpoint as the API shows it: no secret. */
export type PublicWebhook = WebhookEndpoint;

export const secretContext = (endpointId: string) => `webhooks:${endpointId}:secret`;

function publicWebhook(stored: StoredWebhookEndpoint): PublicWebhook {
  const { secret_sealed, ...rest } = stored;
  return rest;
}

/** The audit view: what an operator may read of an endpoint in the events (no secret, no delivery state). */
function auditView(endpoint: PublicWebhook) {
  const { id, tenant_id, url, description, event_types, enabled, create_time, update_time } = endpoint;
  return { id, tenant_id, url, description, event_types, enabled, create_time, update_time };
}

function checkSecret(secret: string): string {
  const problem = webhookSecretProblem(secret);
  if (problem !== null) throw invalidField('secret', problem);
  return secret;
}

function checkDescription(description: string): string {
  if (description.length > DESCRIPTION_MAX_LENGTH) throw invalidField('description', `must be at most ${DESCRIPTION_MAX_LENGTH} characters`);
  return description;
}

/** The URL's shape, then where its name resolves (when it resolves now): both refused inside the network unless allowed. */
async function checkUrl(y: Yonder, url: string): Promise<string> {
  const checked = checkWebhookUrl(url, { allowPrivate: y.config.webhooksAllowPrivate });
  if (!y.config.webhooksAllowPrivate) {
    const problem = await destinationProblem(checked);
    if (problem !== null) throw invalidField('url', `${problem} (WEBHOOKS_ALLOW_PRIVATE=true allows it)`);
  }
  return checked;
}

export async function createWebhook(y: Yonder, tenantId: string, input: WebhookInput): Promise<{ webhook: PublicWebhook; secret: string }> {
  const tenant = await requireTenant(y.store, tenantId);
  const url = await checkUrl(y, input.url);
  const eventTypes = checkEventTypes(input.event_types ?? []);
  const description = checkDescription(input.description ?? '');
  const secret = input.secret === undefined ? newWebhookSecret() : checkSecret(input.secret);
  const now = nowTimestamp();
  const id = newId();
  const endpoint: StoredWebhookEndpoint = {
    id,
    tenant_id: tenantId,
    url,
    description,
    event_types: eventTypes,
    enabled: input.enabled ?? true,
    secret_sealed: seal(y.masterKey, secret, secretContext(id)),
    cursor_position: 0,
    cursor_event_id: null,
    lease_until: null,
    next_attempt_time: null,
    failure_count: 0,
    last_attempt_time: null,
    last_success_time: null,
    last_status_code: null,
    last_error: null,
    create_time: now,
    update_time: now,
  };
  const created = await y.store.transaction(async (tx) => {
    if ((await tx.webhooks.countEndpoints(tenantId)) >= MAX_ENDPOINTS_PER_TENANT) {
      throw conflict(`a tenant has at most ${MAX_ENDPOINTS_PER_TENANT} webhook endpoints`);
    }
    const event = await recordEvent(tx, {
      tenantId,
      realmId: tenant.admin_realm_id,
      type: 'webhook.created',
      resourceType: 'webhook',
      resourceId: id,
      after: auditView(publicWebhook(endpoint)),
    });
    // The endpoint starts where the tenant's delivery order stands: its own creation comes next.
    const cursor = await tx.webhooks.startSequence(tenantId, event.id);
    const stored = { ...endpoint, cursor_position: cursor };
    await tx.webhooks.insertEndpoint(stored);
    return stored;
  });
  return { webhook: publicWebhook(created), secret };
}

async function requireWebhook(y: Yonder, tenantId: string, id: string): Promise<StoredWebhookEndpoint> {
  await requireTenant(y.store, tenantId);
  const found = await y.store.webhooks.getEndpoint(tenantId, id);
  if (!found) throw notFound('Webhook', id);
  return found;
}

export async function listWebhooks(y: Yonder, tenantId: string): Promise<PublicWebhook[]> {
  await requireTenant(y.store, tenantId);
  return (await y.store.webhooks.listEndpoints(tenantId)).map(publicWebhook);
}

export async function getWebhook(y: Yonder, tenantId: string, id: string): Promise<PublicWebhook> {
  return publicWebhook(await requireWebhook(y, tenantId, id));
}

export interface WebhookChanges {
  url?: string;
  description?: string;
  event_types?: string[];
  enabled?: boolean;
  /** A new secret of the receiver's choosing; deliveries from now on are signed with it. */
  secret?: string;
}

export async function updateWebhook(y: Yonder, tenantId: string, id: string, changes: WebhookChanges): Promise<PublicWebhook> {
  const current = await requireWebhook(y, tenantId, id);
  const tenant = await requireTenant(y.store, tenantId);
  const update: EndpointChanges = { update_time: nowTimestamp() };
  if (changes.url !== undefined) update.url = await checkUrl(y, changes.url);
  if (changes.description !== undefined) update.description = checkDescription(changes.description);
  if (changes.event_types !== undefined) update.event_types = checkEventTypes(changes.event_types);
  if (changes.enabled !== undefined) update.enabled = changes.enabled;
  if (changes.secret !== undefined) update.secret_sealed = seal(y.masterKey, checkSecret(changes.secret), secretContext(id));
  return y.store.transaction(async (tx) => {
    await tx.webhooks.updateEndpoint(tenantId, id, update);
    const after = await tx.webhooks.getEndpoint(tenantId, id);
    if (!after) throw notFound('Webhook', id);
    await recordEvent(tx, {
      tenantId,
      realmId: tenant.admin_realm_id,
      type: 'webhook.updated',
      resourceType: 'webhook',
      resourceId: id,
      before: auditView(publicWebhook(current)),
      after: { ...auditView(publicWebhook(after)), ...(changes.secret !== undefined ? { secret: 'changed' } : {}) },
    });
    return publicWebhook(after);
  });
}

export async function deleteWebhook(y: Yonder, tenantId: string, id: string): Promise<void> {
  const current = await requireWebhook(y, tenantId, id);
  const tenant = await requireTenant(y.store, tenantId);
  await y.store.transaction(async (tx) => {
    if (!(await tx.webhooks.deleteEndpoint(tenantId, id))) throw notFound('Webhook', id);
    await recordEvent(tx, {
      tenantId,
      realmId: tenant.admin_realm_id,
      type: 'webhook.deleted',
      resourceType: 'webhook',
      resourceId: id,
      before: auditView(publicWebhook(current)),
    });
  });
}

/** The endpoint's recent delivery attempts, newest first. */
export async function listWebhookDeliveries(y: Yonder, tenantId: string, id: string, limit: number): Promise<WebhookDelivery[]> {
  await requireWebhook(y, tenantId, id);
  return y.store.webhooks.deliveries(id, limit);
}
