import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AUTHENTICATION_METHODS, type AuthenticatorConfig } from '../../domain/passkeys/passkeys.js';
import { PLAIN_TEXT_PATTERN } from '../../domain/directory/names.js';
import { EmptyBody, ListQuery, ReadOnly, RealmParams, StringEnum, errorResponses, requiresScope } from '../schemas.js';
import {
  createAuthenticatorConfig,
  deleteAuthenticatorConfig,
  getAuthenticatorConfig,
  listAuthenticatorConfigs,
  updateAuthenticatorConfig,
} from '../../services/passkeys/authenticator-configs.js';
import type { Yonder } from '../../services/context.js';
import { realmRef } from '../params.js';

const BASE = '/v1/tenants/:tenant_id/realms/:realm_id/authenticator-configs';
const ConfigParams = Type.Composite([
  RealmParams,
  Type.Object({ authenticator_config_id: Type.String({ maxLength: 64, description: "The authenticator configuration's id, within the realm." }) }),
]);
const tags = ['Authenticator Configurations'];

const Origin = Type.String({ minLength: 1, maxLength: 512 });
const Methods = Type.Array(Type.Object({ type: StringEnum(AUTHENTICATION_METHODS) }), { maxItems: 3 });

/** `console`: yonder's hosted page after an optional check at an upstream identity provider. */
const CONFIG_TYPES = ['hosted_web', 'embedded', 'console'] as const;

/** One object for every type; the service checks what each type requires. */
const ConfigBody = (create: boolean) =>
  Type.Object(
    {
      type: create ? StringEnum(CONFIG_TYPES) : Type.Optional(StringEnum(CONFIG_TYPES)),
      authentication_methods: Type.Optional(Methods),
      trusted_origins: Type.Optional(Type.Array(Origin, { maxItems: 100 })),
      invoke_url: Type.Optional(Type.String({ minLength: 1, maxLength: 2048 })),
      invocation_type: Type.Optional(StringEnum(['automatic', 'manual'] as const)),
      onboarding_configuration: Type.Optional(
        Type.Object(
          {
            verification_method: Type.Union([
              Type.Object({ type: Type.Literal('idp'), idp_id: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }),
              Type.Object({ type: Type.Literal('none') }, { additionalProperties: false }),
            ]),
          },
          { additionalProperties: false },
        ),
      ),
    },
    { additionalProperties: false },
  );

const Input = (create: boolean) =>
  Type.Object(
    {
      display_name: Type.Optional(Type.String({ maxLength: 64, pattern: PLAIN_TEXT_PATTERN })),
      config: create ? ConfigBody(true) : Type.Optional(ConfigBody(false)),
      id: ReadOnly,
      realm_id: ReadOnly,
      tenant_id: ReadOnly,
    },
    { additionalProperties: false },
  );

const ConfigSchema = Type.Object(
  {
    id: Type.String(),
    realm_id: Type.String(),
    tenant_id: Type.String(),
    display_name: Type.String(),
    config: Type.Object({}, { additionalProperties: true }),
  },
  { $id: 'AuthenticatorConfig' },
);

function reply(config: AuthenticatorConfig) {
  const { id, realm_id, tenant_id, display_name } = config;
  return { id, realm_id, tenant_id, display_name, config: config.config };
}

export const authenticatorConfigRoutes: FastifyPluginAsyncTypebox<{ yonder: Yonder }> = async (app, { yonder }) => {
  app.addSchema(ConfigSchema);

  app.post(
    BASE,
    {
      schema: {
        operationId: 'CreateAuthenticatorConfig',
        description:
          "Adds an authenticator configuration: `hosted_web` (yonder's enrollment pages), `embedded` (the application's own), or `console` " +
          "(yonder's enrollment page, after the person proves who they are at the identity provider its `verification_method` names).",
        summary: 'Create an authenticator configuration (hosted_web, embedded or console)',
        tags,
        security: requiresScope('authenticator-configs:create'),
        params: RealmParams,
        body: Type.Object({ authenticator_config: Input(true) }),
        response: { 200: Type.Ref('AuthenticatorConfig'), ...errorResponses(404) },
      },
    },
    async (request) => {
      const input = request.body.authenticator_config;
      return reply(
        await createAuthenticatorConfig(yonder, realmRef(request.params), {
          ...(input.display_name !== undefined ? { display_name: input.display_name } : {}),
          config: input.config,
        }),
      );
    },
  );

  app.get(
    BASE,
    {
      schema: {
        operationId: 'ListAuthenticatorConfigs',
        description: 'The authenticator configurations of the realm, paged.',
        summary: 'List authenticator configurations',
        tags,
        security: requiresScope('authenticator-configs:read'),
        params: RealmParams,
        querystring: Type.Object(ListQuery),
        response: {
          200: Type.Object({
            authenticator_configs: Type.Array(Type.Ref('AuthenticatorConfig')),
            total_size: Type.Integer(),
            next_page_token: Type.Optional(Type.String()),
          }),
          ...errorResponses(404),
        },
      },
    },
    async (request) => {
      const page = await listAuthenticatorConfigs(yonder, realmRef(request.params), request.query);
      return { authenticator_configs: page.items.map(reply), total_size: page.total_size, next_page_token: page.next_page_token };
    },
  );

  app.get(
    `${BASE}/:authenticator_config_id`,
    {
      schema: {
        operationId: 'GetAuthenticatorConfig',
        description: 'One authenticator configuration, by id.',
        summary: 'Retrieve an authenticator configuration',
        tags,
        security: requiresScope('authenticator-configs:read'),
        params: ConfigParams,
        response: { 200: Type.Ref('AuthenticatorConfig'), ...errorResponses(404) },
      },
    },
    async (request) => reply(await getAuthenticatorConfig(yonder, realmRef(request.params), request.params.authenticator_config_id)),
  );

  app.patch(
    `${BASE}/:authenticator_config_id`,
    {
      schema: {
        operationId: 'UpdateAuthenticatorConfig',
        description: 'Changes an authenticator configuration; its type stays what it was created with.',
        summary: 'Update an authenticator configuration; its type cannot change',
        tags,
        security: requiresScope('authenticator-configs:update'),
        params: ConfigParams,
        body: Type.Object({ authenticator_config: Input(false) }),
        response: { 200: Type.Ref('AuthenticatorConfig'), ...errorResponses(404) },
      },
    },
    async (request) => {
      const input = request.body.authenticator_config;
      return reply(
        await updateAuthenticatorConfig(yonder, realmRef(request.params), request.params.authenticator_config_id, {
          ...(input.display_name !== undefined ? { display_name: input.display_name } : {}),
          ...(input.config !== undefined ? { config: input.config } : {}),
        }),
      );
    },
  );

  app.delete(
    `${BASE}/:authenticator_config_id`,
    {
      schema: {
        operationId: 'DeleteAuthenticatorConfig',
        description: "Deletes an authenticator configuration; the realm's default one cannot be deleted (409).",
        summary: "Delete an authenticator configuration (not the realm's default: 409)",
        tags,
        security: requiresScope('authenticator-configs:delete'),
        params: ConfigParams,
        response: { 200: EmptyBody, ...errorResponses(404, 409) },
      },
    },
    async (request, res) => {
      await deleteAuthenticatorConfig(yonder, realmRef(request.params), request.params.authenticator_config_id);
      return res.code(200).send();
    },
  );
};
