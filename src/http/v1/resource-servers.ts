import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MAX_SCOPES, type ResourceServer, SCOPE_MAX_LENGTH, SCOPE_PATTERN } from '../../domain/access/resource-server.js';
import { EmptyBody, ListQuery, Name, ReadOnly, RealmParams, errorResponses, requiresScope } from '../schemas.js';
import type { Yonder } from '../../services/context.js';
import {
  createResourceServer,
  deleteResourceServer,
  getResourceServer,
  listResourceServers,
  updateResourceServer,
} from '../../services/access/resource-servers.js';
import { realmRef } from '../params.js';

const BASE = '/v1/tenants/:tenant_id/realms/:realm_id/resource-servers';
const ServerParams = Type.Composite([
  RealmParams,
  Type.Object({ resource_server_id: Type.String({ maxLength: 64, description: "The resource server's id, within the realm." }) }),
]);
const tags = ['Resource Servers'];

export const Scopes = Type.Array(Type.String({ minLength: 1, maxLength: SCOPE_MAX_LENGTH, pattern: SCOPE_PATTERN }), {
  maxItems: MAX_SCOPES,
  description: 'OAuth scope names (no spaces); repeats are dropped.',
});

const ResourceServerSchema = Type.Object(
  {
    id: Type.String(),
    realm_id: Type.String(),
    tenant_id: Type.String(),
    display_name: Type.String(),
    is_managed: Type.Boolean(),
    identifier: Type.String(),
    scopes: Type.Array(Type.String()),
  },
  { $id: 'ResourceServer' },
);

const input = (create: boolean) => {
  const field = <T extends ReturnType<typeof Type.String>>(schema: T) => (create ? schema : Type.Optional(schema));
  return Type.Object(
    {
      display_name: field(Name()),
      identifier: field(
        Type.String({ minLength: 1, maxLength: 512, description: 'Unique per realm; the `aud` of its tokens. `beyondidentity` is reserved.' }),
      ),
      scopes: Type.Optional(Scopes),
      id: ReadOnly,
      realm_id: ReadOnly,
      tenant_id: ReadOnly,
      is_managed: ReadOnly,
    },
    { additionalProperties: false },
  );
};

function reply(server: ResourceServer) {
  const { id, realm_id, tenant_id, display_name, is_managed, identifier, scopes } = server;
  return { id, realm_id, tenant_id, display_name, is_managed, identifier, scopes };
}

export const resourceServerRoutes: FastifyPluginAsyncTypebox<{ yonder: Yonder }> = async (app, { yonder }) => {
  app.addSchema(ResourceServerSchema);

  app.post(
    BASE,
    {
      schema: {
        operationId: 'CreateResourceServer',
        summary: 'Create a new resource server',
        description: 'An identifier already used in the realm, or `beyondidentity`, answers 409.',
        tags,
        security: requiresScope('resource-servers:create'),
        params: RealmParams,
        body: Type.Object({ resource_server: input(true) }),
        response: { 200: Type.Ref('ResourceServer'), ...errorResponses(404, 409) },
      },
    },
    async (request) => {
      const { display_name, identifier, scopes } = request.body.resource_server;
      return reply(await createResourceServer(yonder, realmRef(request.params), { display_name, identifier, ...(scopes ? { scopes } : {}) }));
    },
  );

  app.get(
    BASE,
    {
      schema: {
        operationId: 'ListResourceServers',
        description: "The resource servers (APIs that accept yonder's tokens) of the realm, paged.",
        summary: 'List resource servers of a realm',
        tags,
        security: requiresScope('resource-servers:read'),
        params: RealmParams,
        querystring: Type.Object(ListQuery),
        response: {
          200: Type.Object({
            resource_servers: Type.Array(Type.Ref('ResourceServer')),
            total_size: Type.Integer(),
            next_page_token: Type.Optional(Type.String()),
          }),
          ...errorResponses(404),
        },
      },
    },
    async (request) => {
      const page = await listResourceServers(yonder, realmRef(request.params), request.query);
      return { resource_servers: page.items.map(reply), total_size: page.total_size, next_page_token: page.next_page_token };
    },
  );

  app.get(
    `${BASE}/:resource_server_id`,
    {
      schema: {
        operationId: 'GetResourceServer',
        description: "One resource server of the realm, by id, with its identifier (the tokens' audience) and scopes.",
        summary: 'Retrieve a resource server',
        tags,
        security: requiresScope('resource-servers:read'),
        params: ServerParams,
        response: { 200: Type.Ref('ResourceServer'), ...errorResponses(404) },
      },
    },
    async (request) => reply(await getResourceServer(yonder, realmRef(request.params), request.params.resource_server_id)),
  );

  app.patch(
    `${BASE}/:resource_server_id`,
    {
      schema: {
        operationId: 'UpdateResourceServer',
        summary: 'Update a resource server',
        description:
          'Omitted fields are left unchanged; `scopes` is replaced as a whole. Removed scopes leave its roles at once. ' +
          "Answers 409 for a managed resource server, and when a removed scope is still in an application's `allowed_scopes`.",
        tags,
        security: requiresScope('resource-servers:update'),
        params: ServerParams,
        body: Type.Object({ resource_server: input(false) }),
        response: { 200: Type.Ref('ResourceServer'), ...errorResponses(404, 409) },
      },
    },
    async (request) => {
      const { display_name, identifier, scopes } = request.body.resource_server;
      return reply(
        await updateResourceServer(yonder, realmRef(request.params), request.params.resource_server_id, {
          ...(display_name !== undefined ? { display_name } : {}),
          ...(identifier !== undefined ? { identifier } : {}),
          ...(scopes !== undefined ? { scopes } : {}),
        }),
      );
    },
  );

  app.delete(
    `${BASE}/:resource_server_id`,
    {
      schema: {
        operationId: 'DeleteResourceServer',
        summary: 'Delete a resource server',
        description: 'Its roles go with it. Answers 409 for a managed resource server and while applications reference it.',
        tags,
        security: requiresScope('resource-servers:delete'),
        params: ServerParams,
        response: { 200: EmptyBody, ...errorResponses(404, 409) },
      },
    },
    async (request, replyTo) => {
      await deleteResourceServer(yonder, realmRef(request.params), request.params.resource_server_id);
      return replyTo.code(200).send();
    },
  );
};
