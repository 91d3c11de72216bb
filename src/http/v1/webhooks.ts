import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EVENT_TYPES } from '../../domain/audit/event-types.js';
import { DESCRIPTION_MAX_LENGTH, URL_MAX_LENGTH, type WebhookEndpoint } from '../../domain/webhooks/endpoint.js';
import type { Yonder } from '../../services/context.js';
import { createWebhook, deleteWebhook, getWebhook, listWebhookDeliveries, listWebhooks, updateWebhook } from '../../services/webhooks/endpoints.js';
import { DELIVERIES_KEPT } from '../../services/webhooks/delivery.js';
import { noStore } from '../no-store.js';
import { EmptyBody, ReadOnly, TenantParams, Timestamp, errorResponses, requiresScope } from '../schemas.js';

/**
 * yonder's own (not in the Beyond Identity contract): webhook endpoints of a tenant, to which its
 * audit events are delivered, signed. Tenant-wide, so a token restricted to one realm is refused.
 */
const BASE = '/v1/tenants/:tenant_id/webhooks';
const WebhookParams = Type.Composite([TenantParams, Type.Object({ webhook_id: Type.String({ description: "The webhook endpoint's id." }) })]);
const tags = ['Webhooks'];

const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Integer>>(schema: T, description: string) =>
  Type.Union([schema, Type.Null()], { description });

const WebhookSchema = Type.Object(
  {
    id: Type.String(),
    tenant_id: Type.String(),
    url: Type.String({ description: 'Where events are POSTed.' }),
    description: Type.String(),
    event_types: Type.Array(Type.String(), { description: 'The event types delivered; empty: all of them.' }),
    enabled: Type.Boolean({ description: 'A disabled endpoint keeps its place; events wait for it.' }),
    create_time: Timestamp,
    update_time: Timestamp,
    status: Type.Object(
      {
        cursor_event_id: Nullable(Type.String(), 'The last event handled (delivered, or skipped by the filter); null before the first.'),
        failure_count: Type.Integer({ description: 'Failed attempts in a row; 0 after a success.' }),
        next_attempt_time: Nullable(Timestamp, 'When delivery is retried after a failure; null when not backing off.'),
        last_attempt_time: Nullable(Timestamp, 'The last attempt.'),
        last_success_time: Nullable(Timestamp, 'The last delivery the receiver answered with a 2xx.'),
        last_status_code: Nullable(Type.Integer(), "The receiver's status at the last attempt; null when none came."),
        last_error: Nullable(Type.String(), 'What went wrong at the last attempt; null after a success.'),
      },
      { description: 'Where delivery stands.' },
    ),
  },
  { $id: 'Webhook' },
);

const DeliverySchema = Type.Object(
  {
    id: Type.String(),
    event_id: Type.String({ description: 'The event posted: the `webhook-id` header.' }),
    event_type: Type.String(),
    attempt: Type.Integer({ description: '1 for the first attempt at this event, then up by one per retry.' }),
    status_code: Nullable(Type.Integer(), "The receiver's status; null when none came."),
    error: Nullable(Type.String(), 'What went wrong; null on a 2xx.'),
    succeeded: Type.Boolean(),
    duration_ms: Type.Integer(),
    create_time: Timestamp,
  },
  { $id: 'WebhookDelivery' },
);

const EventTypes = Type.Array(Type.String({ maxLength: 64 }), {
  maxItems: EVENT_TYPES.length,
  description: `Event types to deliver (empty or absent: all). One of: ${EVENT_TYPES.join(', ')}.`,
});
const Secret = Type.String({
  maxLength: 128,
  description: 'A signing secret of your choosing, `whsec_` and base64 of 24 to 64 bytes; absent, yonder makes one.',
});
const Url = Type.String({ minLength: 1, maxLength: URL_MAX_LENGTH, description: 'An http or https URL.' });
const Description = Type.String({ maxLength: DESCRIPTION_MAX_LENGTH });

function reply(webhook: WebhookEndpoint) {
  const { id, tenant_id, url, description, event_types, enabled, create_time, update_time } = webhook;
  const { cursor_event_id, failure_count, next_attempt_time, last_attempt_time, last_success_time, last_status_code, last_error } = webhook;
  return {
    id,
    tenant_id,
    url,
    description,
    event_types,
    enabled,
    create_time,
    update_time,
    status: { cursor_event_id, failure_count, next_attempt_time, last_attempt_time, last_success_time, last_status_code, last_error },
  };
}

export const webhookRoutes: FastifyPluginAsyncTypebox<{ yonder: Yonder }> = async (app, { yonder }) => {
  app.addSchema(WebhookSchema);
  app.addSchema(DeliverySchema);

  app.post(
    BASE,
    {
      onRequest: noStore,
      schema: {
        operationId: 'CreateWebhook',
        summary: 'Register a webhook endpoint (yonder)',
        description:
          "yonder's own. The tenant's audit events, from this one (`webhook.created`) on, are POSTed to `url` one at a time, in " +
          'order, each at least once, signed as Standard Webhooks does (`webhook-id` is the event id; see the operating guide). ' +
          'The signing secret is in `secret` of this reply only. Loopback, private, link-local and metadata addresses are refused ' +
          'unless the server allows them (`WEBHOOKS_ALLOW_PRIVATE`).',
        tags,
        security: requiresScope('webhooks:create'),
        params: TenantParams,
        body: Type.Object({
          webhook: Type.Object(
            {
              url: Url,
              description: Type.Optional(Description),
              event_types: Type.Optional(EventTypes),
              enabled: Type.Optional(Type.Boolean()),
              secret: Type.Optional(Secret),
            },
            { additionalProperties: false },
          ),
        }),
        response: {
          200: Type.Composite([Type.Omit(WebhookSchema, ['$id']), Type.Object({ secret: Type.String({ description: 'Shown once.' }) })]),
          ...errorResponses(404, 409),
        },
      },
    },
    async (request) => {
      const { webhook, secret } = await createWebhook(yonder, request.params.tenant_id, request.body.webhook);
      return { ...reply(webhook), secret };
    },
  );

  app.get(
    BASE,
    {
      schema: {
        operationId: 'ListWebhooks',
        summary: "List the tenant's webhook endpoints (yonder)",
        description: "yonder's own. Every endpoint of the tenant (at most 20) with where its delivery stands; never a secret.",
        tags,
        security: requiresScope('webhooks:read'),
        params: TenantParams,
        response: {
          200: Type.Object({ webhooks: Type.Array(Type.Ref('Webhook')), total_size: Type.Integer() }),
          ...errorResponses(404),
        },
      },
    },
    async (request) => {
      const webhooks = await listWebhooks(yonder, request.params.tenant_id);
      return { webhooks: webhooks.map(reply), total_size: webhooks.length };
    },
  );

  app.get(
    `${BASE}/:webhook_id`,
    {
      schema: {
        operationId: 'GetWebhook',
        summary: 'Retrieve a webhook endpoint (yonder)',
        description: "yonder's own. The endpoint and where its delivery stands: the last event handled, the last attempt, the next retry.",
        tags,
        security: requiresScope('webhooks:read'),
        params: WebhookParams,
        response: { 200: Type.Ref('Webhook'), ...errorResponses(404) },
      },
    },
    async (request) => reply(await getWebhook(yonder, request.params.tenant_id, request.params.webhook_id)),
  );

  app.patch(
    `${BASE}/:webhook_id`,
    {
      schema: {
        operationId: 'UpdateWebhook',
        summary: 'Update a webhook endpoint (yonder)',
        description:
          "yonder's own. Only the fields sent change. A new `url` or `enabled` retries at once, without waiting out the backoff. " +
          'A new `secret` signs every delivery from now on.',
        tags,
        security: requiresScope('webhooks:update'),
        params: WebhookParams,
        body: Type.Object({
          webhook: Type.Object(
            {
              url: Type.Optional(Url),
              description: Type.Optional(Description),
              event_types: Type.Optional(EventTypes),
              enabled: Type.Optional(Type.Boolean()),
              secret: Type.Optional(Secret),
              id: ReadOnly,
              tenant_id: ReadOnly,
              create_time: ReadOnly,
              update_time: ReadOnly,
              status: ReadOnly,
            },
            { additionalProperties: false },
          ),
        }),
        response: { 200: Type.Ref('Webhook'), ...errorResponses(404) },
      },
    },
    async (request) => {
      const { url, description, event_types, enabled, secret } = request.body.webhook;
      const changes = Object.fromEntries(Object.entries({ url, description, event_types, enabled, secret }).filter(([, v]) => v !== undefined));
      return reply(await updateWebhook(yonder, request.params.tenant_id, request.params.webhook_id, changes));
    },
  );

  app.delete(
    `${BASE}/:webhook_id`,
    {
      schema: {
        operationId: 'DeleteWebhook',
        summary: 'Delete a webhook endpoint (yonder)',
        description: "yonder's own. Delivery to it stops; its recent attempts go with it.",
        tags,
        security: requiresScope('webhooks:delete'),
        params: WebhookParams,
        response: { 200: EmptyBody, ...errorResponses(404) },
      },
    },
    async (request, replyTo) => {
      await deleteWebhook(yonder, request.params.tenant_id, request.params.webhook_id);
      return replyTo.code(200).send();
    },
  );

  app.get(
    `${BASE}/:webhook_id/deliveries`,
    {
      schema: {
        operationId: 'ListWebhookDeliveries',
        summary: "List a webhook endpoint's recent delivery attempts (yonder)",
        description: `yonder's own. The last ${DELIVERIES_KEPT} attempts, newest first: the event, the receiver's status or what went wrong.`,
        tags,
        security: requiresScope('webhooks:read'),
        params: WebhookParams,
        response: {
          200: Type.Object({ deliveries: Type.Array(Type.Ref('WebhookDelivery')) }),
          ...errorResponses(404),
        },
      },
    },
    async (request) => ({
      deliveries: (await listWebhookDeliveries(yonder, request.params.tenant_id, request.params.webhook_id, DELIVERIES_KEPT)).map(
        ({ endpoint_id, ...delivery }) => delivery,
      ),
    }),
  );
};
