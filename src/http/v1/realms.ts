import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { REALM_CLASSIFICATIONS } from '../../domain/directory/tenancy.js';
import { ListQuery, Name, ReadOnly, RealmParams, StringEnum, TenantParams, Timestamp, EmptyBody, errorResponses, requiresScope } from '../schemas.js';
import type { Yonder } from '../../services/context.js';
import { createRealm, deleteRealm, listRealms, updateRealm } from '../../services/directory/tenancy.js';
import { requireRealm } from '../../services/directory/tenancy-lookup.js';

const tags = ['Realms'];

const Realm = Type.Object(
  {
    id: Type.String(),
    tenant_id: Type.String(),
    display_name: Type.String(),
    classification: Type.String(),
    create_time: Timestamp,
    update_time: Timestamp,
  },
  { $id: 'Realm' },
);

const realmInput = (required: boolean) =>
  Type.Object(
    {
      display_name: required ? Name() : Type.Optional(Name()),
      classification: Type.Optional(StringEnum(REALM_CLASSIFICATIONS)),
      id: ReadOnly,
      tenant_id: ReadOnly,
      create_time: ReadOnly,
      update_time: ReadOnly,
    },
    { additionalProperties: false },
  );

export const realmRoutes: FastifyPluginAsyncTypebox<{ yonder: Yonder }> = async (app, { yonder }) => {
  app.addSchema(Realm);
  const BASE = '/v1/tenants/:tenant_id/realms';

  app.post(
    BASE,
    {
      schema: {
        operationId: 'CreateRealm',
        description: 'Adds a realm to the tenant. A realm holds its own identities, groups, applications and policy.',
        summary: 'Create a new realm',
        tags,
        security: requiresScope('realms:create'),
        params: TenantParams,
        body: Type.Object({ realm: realmInput(true) }),
        response: { 200: Type.Ref('Realm'), ...errorResponses() },
      },
    },
    async (request) => {
      const { display_name, classification } = request.body.realm;
      return yonder.store.transaction((tx) => createRealm(tx, request.params.tenant_id, { display_name: display_name, classification }));
    },
  );

  app.get(
    BASE,
    {
      schema: {
        operationId: 'ListRealms',
        description: 'Every realm of the tenant, paged with `page_size` and `page_token`.',
        summary: 'List the realms of a tenant',
        tags,
        security: requiresScope('realms:read'),
        params: TenantParams,
        querystring: Type.Object(ListQuery),
        response: {
          200: Type.Object({
            realms: Type.Array(Type.Ref('Realm')),
            total_size: Type.Integer(),
            next_page_token: Type.Optional(Type.String()),
          }),
          ...errorResponses(),
        },
      },
    },
    async (request) => {
      const page = await listRealms(yonder, request.params.tenant_id, request.query);
      return { realms: page.items, total_size: page.total_size, next_page_token: page.next_page_token };
    },
  );

  app.get(
    `${BASE}/:realm_id`,
    {
      schema: {
        operationId: 'GetRealm',
        description: 'One realm of the tenant, by id.',
        summary: 'Retrieve a realm',
        tags,
        security: requiresScope('realms:read'),
        params: RealmParams,
        response: { 200: Type.Ref('Realm'), ...errorResponses(404) },
      },
    },
    async (request) => requireRealm(yonder.store, request.params.tenant_id, request.params.realm_id),
  );

  app.patch(
    `${BASE}/:realm_id`,
    {
      schema: {
        operationId: 'UpdateRealm',
        description: "Changes a realm's display name; only the fields sent change.",
        summary: 'Update a realm',
        tags,
        security: requiresScope('realms:update'),
        params: RealmParams,
        body: Type.Object({ realm: realmInput(false) }),
        response: { 200: Type.Ref('Realm'), ...errorResponses(404) },
      },
    },
    async (request) => {
      const { display_name, classification } = request.body.realm;
      return updateRealm(yonder, request.params.tenant_id, request.params.realm_id, { display_name, classification });
    },
  );

  app.delete(
    `${BASE}/:realm_id`,
    {
      schema: {
        operationId: 'DeleteRealm',
        summary: 'Delete an empty realm',
        description: 'Answers 409 `realm has children` while the realm holds identities, groups or applications.',
        tags,
        security: requiresScope('realms:delete'),
        params: RealmParams,
        response: { 200: EmptyBody, ...errorResponses(404, 409) },
      },
    },
    async (request, reply) => {
      await deleteRealm(yonder, request.params.tenant_id, request.params.realm_id);
      return reply.code(200).send();
    },
  );
};
