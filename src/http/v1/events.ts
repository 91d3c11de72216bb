import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ListQuery, RealmParams, Timestamp, errorResponses, requiresScope } from '../schemas.js';
import { EVENT_TYPES, RESOURCE_TYPES } from '../../domain/audit/event-types.js';
import type { Yonder } from '../../services/context.js';
import { listEvents } from '../../services/audit/events.js';
import { realmRef } from '../params.js';

const tags = ['Events'];

const JsonDocument = Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()]);

const AuditEvent = Type.Object(
  {
    id: Type.String({ description: 'A UUIDv7: ids of newer events sort after those of older ones.' }),
    tenant_id: Type.String(),
    realm_id: Type.String(),
    type: Type.String({ description: `One of: ${EVENT_TYPES.join(', ')}.` }),
    resource_type: Type.String({
      description: `One of: ${RESOURCE_TYPES.join(', ')}. A token's id is its jti; a policy's id is the realm id.`,
    }),
    resource_id: Type.String(),
    actor: Type.Object(
      { type: Type.String({ description: 'token, console, account, client, cli, system or anonymous.' }) },
      {
        additionalProperties: true,
        description:
          'A token names its `subject` and `jti`; a console user or a person on their account page its `identity_id`; a client (client credentials) its `application_id`.',
      },
    ),
    address: Type.Union([Type.String(), Type.Null()], { description: "The caller's IP address; null outside HTTP." }),
    request_id: Type.Union([Type.String(), Type.Null()]),
    before: { ...JsonDocument, description: 'The resource before the change, secrets redacted.' },
    after: { ...JsonDocument, description: 'The resource after the change (or the decision made), secrets redacted.' },
    create_time: Timestamp,
  },
  { $id: 'AuditEvent' },
);

const filter = (description: string) => Type.Optional(Type.String({ maxLength: 256, description }));

export const eventRoutes: FastifyPluginAsyncTypebox<{ yonder: Yonder }> = async (app, { yonder }) => {
  app.addSchema(AuditEvent);

  app.get(
    '/v1/tenants/:tenant_id/realms/:realm_id/events',
    {
      schema: {
        operationId: 'ListEvents',
        summary: "List a realm's audit events, newest first",
        description:
          'Every change to the realm (and every policy decision, every sign-in attempt) is recorded in the ' +
          'transaction that makes it; a rejected request records nothing. Tenant-wide events (the tenant ' +
          "updated, realms created and deleted) are listed under the tenant's admin realm. Newest first; the " +
          'page token continues further back in time and is locked to the filters it was issued with.',
        tags,
        security: requiresScope('events:read'),
        params: RealmParams,
        querystring: Type.Object({
          ...ListQuery,
          type: filter('Only events of this type, e.g. `identity.updated`.'),
          resource_type: filter('Only events on this kind of resource, e.g. `identity`.'),
          resource_id: filter('Only events on this resource.'),
          actor: filter(
            "Only events by this actor: a token's jti or subject, a console identity's id, a client's application id, `cli` or `system`.",
          ),
          since: filter('Only events at or after this RFC 3339 time.'),
          until: filter('Only events before this RFC 3339 time.'),
        }),
        response: {
          200: Type.Object({
            events: Type.Array(Type.Ref('AuditEvent')),
            total_size: Type.Integer(),
            next_page_token: Type.Optional(Type.String()),
          }),
          ...errorResponses(404),
        },
      },
    },
    async (request) => {
      const page = await listEvents(yonder, realmRef(request.params), request.query);
      return { events: page.items, total_size: page.total_size, next_page_token: page.next_page_token };
    },
  );
};
