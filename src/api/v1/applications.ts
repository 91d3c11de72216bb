import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Application, PROTOCOL_TYPES, type ProtocolConfig } from '../../domain/application.js';
import { EmptyBody, ListQuery, ReadOnly, RealmParams, StringEnum, errorResponses, requiresScope } from '../../http/schemas.js';
import {
  createApplication,
  deleteApplication,
  getApplication,
  listApplications,
  updateApplication,
} from '../../services/applications.js';
import type { Yonder } from '../../services/context.js';

const BASE = '/v1/tenants/:tenant_id/realms/:realm_id/applications';
const ApplicationParams = Type.Composite([RealmParams, Type.Object({ application_id: Type.String({ maxLength: 64 }) })]);
const tags = ['Applications'];

/** Stored as given: only `type` is checked here; the rest of the document is the client's. */
const ProtocolConfigSchema = Type.Object(
  { type: StringEnum(PROTOCOL_TYPES, 'Only `oauth2` and `oidc` are supported.') },
  { additionalProperties: true },
);

const ApplicationSchema = Type.Object(
  {
    id: Type.String(),
    realm_id: Type.String(),
    tenant_id: Type.String(),
    resource_server_id: Type.Optional(Type.String()),
    authenticator_config_id: Type.Optional(Type.String()),
    display_name: Type.String(),
    is_managed: Type.Boolean(),
    protocol_config: ProtocolConfigSchema,
  },
  { $id: 'Application' },
);

const applicationInput = (create: boolean) =>
  Type.Object(
    {
      display_name: create
        ? Type.String({ minLength: 1, maxLength: 64 })
        : Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
      protocol_config: create ? ProtocolConfigSchema : Type.Optional(ProtocolConfigSchema),
      resource_server_id: Type.Optional(Type.String({ maxLength: 64 })),
      authenticator_config_id: Type.Optional(Type.String({ maxLength: 64 })),
      id: ReadOnly,
      realm_id: ReadOnly,
      tenant_id: ReadOnly,
      is_managed: ReadOnly,
    },
    { additionalProperties: false },
  );

/** The contract's shape: unset optional ids are left out, yonder's bookkeeping stays inside. */
function reply(app: Application) {
  return {
    id: app.id,
    realm_id: app.realm_id,
    tenant_id: app.tenant_id,
    ...(app.resource_server_id !== null ? { resource_server_id: app.resource_server_id } : {}),
    ...(app.authenticator_config_id !== null ? { authenticator_config_id: app.authenticator_config_id } : {}),
    display_name: app.display_name,
    is_managed: app.is_managed,
    protocol_config: app.protocol_config,
  };
}

function refOf(params: { tenant_id: string; realm_id: string }) {
  return { tenantId: params.tenant_id, realmId: params.realm_id };
}

export const applicationRoutes: FastifyPluginAsyncTypebox<{ yonder: Yonder }> = async (app, { yonder }) => {
  app.addSchema(ApplicationSchema);

  app.post(
    BASE,
    {
      schema: {
        operationId: 'CreateApplication',
        summary: 'Create a new application',
        description: 'The protocol configuration (`oauth2` or `oidc`) is stored as given; client credentials are not issued yet.',
        tags,
        security: requiresScope('applications:create'),
        params: RealmParams,
        body: Type.Object({ application: applicationInput(true) }),
        response: { 200: Type.Ref('Application'), ...errorResponses(404) },
      },
    },
    async (request) => {
      const { display_name, protocol_config, resource_server_id, authenticator_config_id } = request.body.application;
      const created = await createApplication(yonder, refOf(request.params), {
        display_name,
        protocol_config: protocol_config as ProtocolConfig,
        ...(resource_server_id !== undefined ? { resource_server_id } : {}),
        ...(authenticator_config_id !== undefined ? { authenticator_config_id } : {}),
      });
      return reply(created);
    },
  );

  app.get(
    BASE,
    {
      schema: {
        operationId: 'ListApplications',
        summary: 'List applications of a realm',
        tags,
        security: requiresScope('applications:read'),
        params: RealmParams,
        querystring: Type.Object(ListQuery),
        response: {
          200: Type.Object({
            applications: Type.Array(Type.Ref('Application')),
            total_size: Type.Integer(),
            next_page_token: Type.Optional(Type.String()),
          }),
          ...errorResponses(404),
        },
      },
    },
    async (request) => {
      const page = await listApplications(yonder, refOf(request.params), request.query);
      return { applications: page.items.map(reply), total_size: page.total_size, next_page_token: page.next_page_token };
    },
  );

  app.get(
    `${BASE}/:application_id`,
    {
      schema: {
        operationId: 'GetApplication',
        summary: 'Retrieve an application',
        tags,
        security: requiresScope('applications:read'),
        params: ApplicationParams,
        response: { 200: Type.Ref('Application'), ...errorResponses(404) },
      },
    },
    async (request) => reply(await getApplication(yonder, refOf(request.params), request.params.application_id)),
  );

  app.patch(
    `${BASE}/:application_id`,
    {
      schema: {
        operationId: 'UpdateApplication',
        summary: 'Update an application',
        description: 'Omitted fields are left unchanged; `protocol_config` is replaced as a whole. Managed applications: 409.',
        tags,
        security: requiresScope('applications:update'),
        params: ApplicationParams,
        body: Type.Object({ application: applicationInput(false) }),
        response: { 200: Type.Ref('Application'), ...errorResponses(404, 409) },
      },
    },
    async (request) => {
      const { display_name, protocol_config, resource_server_id, authenticator_config_id } = request.body.application;
      const updated = await updateApplication(yonder, refOf(request.params), request.params.application_id, {
        ...(display_name !== undefined ? { display_name } : {}),
        ...(protocol_config !== undefined ? { protocol_config: protocol_config as ProtocolConfig } : {}),
        ...(resource_server_id !== undefined ? { resource_server_id } : {}),
        ...(authenticator_config_id !== undefined ? { authenticator_config_id } : {}),
      });
      return reply(updated);
    },
  );

  app.delete(
    `${BASE}/:application_id`,
    {
      schema: {
        operationId: 'DeleteApplication',
        summary: 'Delete an application',
        description: "Answers 409 naming the rules while a rule of the realm's current policy names the application.",
        tags,
        security: requiresScope('applications:delete'),
        params: ApplicationParams,
        response: { 200: EmptyBody, ...errorResponses(404, 409) },
      },
    },
    async (request, replyTo) => {
      await deleteApplication(yonder, refOf(request.params), request.params.application_id);
      return replyTo.code(200).send();
    },
  );
};
