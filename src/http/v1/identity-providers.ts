import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IDENTITY_ATTRIBUTES, PKCE_MODES, UPSTREAM_AUTH_METHODS } from '../../domain/federation/identity-provider.js';
import type { Yonder } from '../../services/context.js';
import {
  type PresentedIdentityProvider,
  createIdentityProvider,
  deleteIdentityProvider,
  getIdentityProvider,
  listIdentityProviders,
  updateIdentityProvider,
} from '../../services/federation/identity-providers.js';
import { EmptyBody, ListQuery, Name, ReadOnly, RealmParams, StringEnum, errorResponses, requiresScope } from '../schemas.js';
import { realmRef } from '../params.js';

const BASE = '/v1/tenants/:tenant_id/realms/:realm_id/identity-providers';
const ProviderParams = Type.Composite([
  RealmParams,
  Type.Object({ identity_provider_id: Type.String({ maxLength: 64, description: "The identity provider's id, within the realm." }) }),
]);
const tags = ['Identity Provider'];

const Url = Type.String({ minLength: 1, maxLength: 2048 });
/** An OAuth scope token (RFC 6749 §3.3). */
const ScopeToken = Type.String({ minLength: 1, maxLength: 128, pattern: '^[\\x21\\x23-\\x5B\\x5D-\\x7E]+$' });

/** Every field of `oidc_idp`; `required` says which a create must send. */
function oidcIdpFields(required: boolean) {
  const need = <T extends Parameters<typeof Type.Optional>[0]>(schema: T) => (required ? schema : Type.Optional(schema));
  return Type.Object(
    {
      type: Type.Literal('oidc_idp'),
      client_id: need(Type.String({ minLength: 1, maxLength: 1024 })),
      client_secret: need(
        Type.String({ minLength: 1, maxLength: 1024, description: "The upstream's client secret; kept sealed, given back on read." }),
      ),
      token_scopes: need(Type.Array(ScopeToken, { maxItems: 50 })),
      identity_attribute: need(StringEnum(IDENTITY_ATTRIBUTES, 'The identity field the identifying claim is matched against.')),
      pkce: need(StringEnum(PKCE_MODES)),
      jwks_url: need(Url),
      token_url: need(Url),
      authorize_url: need(Url),
      identifying_claim_name: need(Type.String({ minLength: 1, maxLength: 256 })),
      oauth_2_par_enabled: need(Type.Boolean()),
      oauth_2_par_endpoint: Type.Optional(Type.Union([Url, Type.Null()])),
      claims: Type.Optional(
        Type.String({ maxLength: 8192, description: 'The OpenID Connect `claims` request parameter, as JSON text; empty: none.' }),
      ),
      token_endpoint_auth_method: Type.Optional(StringEnum(UPSTREAM_AUTH_METHODS)),
      // Read-only: yonder's callback for this provider.
      redirect_url: ReadOnly,
    },
    { additionalProperties: false },
  );
}

const ReadOnlyIds = { id: ReadOnly, tenant_id: ReadOnly, realm_id: ReadOnly };

const CreateBody = Type.Object({ display_name: Name(), protocol_config: oidcIdpFields(true), ...ReadOnlyIds }, { additionalProperties: false });
const UpdateBody = Type.Object({
  identity_provider: Type.Object(
    { display_name: Type.Optional(Name()), protocol_config: Type.Optional(oidcIdpFields(false)), ...ReadOnlyIds },
    { additionalProperties: false },
  ),
});

const ProviderSchema = Type.Object(
  {
    id: Type.String(),
    tenant_id: Type.String(),
    realm_id: Type.String(),
    display_name: Type.String(),
    protocol_config: Type.Object({
      type: Type.Literal('oidc_idp'),
      client_id: Type.String(),
      client_secret: Type.String(),
      token_scopes: Type.Array(Type.String()),
      identity_attribute: Type.String(),
      pkce: Type.String(),
      jwks_url: Type.String(),
      token_url: Type.String(),
      authorize_url: Type.String(),
      redirect_url: Type.String({ description: "yonder's callback for this provider: register it at the upstream." }),
      identifying_claim_name: Type.String(),
      oauth_2_par_enabled: Type.Boolean(),
      oauth_2_par_endpoint: Type.Union([Type.String(), Type.Null()]),
      claims: Type.String(),
      token_endpoint_auth_method: Type.String(),
    }),
  },
  { $id: 'IdentityProvider' },
);

/**
 * The contract declares no scope on these operations (only the document's token-alone default);
 * yonder asks for `identity-providers:*` like every other resource, since a provider carries an
 * upstream client secret and decides who may enroll.
 */
const scope = (verb: 'create' | 'read' | 'update' | 'delete') => requiresScope(`identity-providers:${verb}`);

/** Beyond Identity's `x-correlation_id`: echoed when given (and sane), else made, on every reply. */
function correlationId(header: string | string[] | undefined): string {
  return typeof header === 'string' && /^[\w.:-]{1,128}$/.test(header) ? header : randomUUID();
}

const reply = (idp: PresentedIdentityProvider) => idp;

export const identityProviderRoutes: FastifyPluginAsyncTypebox<{ yonder: Yonder }> = async (app, { yonder }) => {
  app.addSchema(ProviderSchema);
  app.addHook('onRequest', async (request, res) => {
    res.header('x-correlation-id', correlationId(request.headers['x-correlation_id'] ?? request.headers['x-correlation-id']));
  });

  app.post(
    BASE,
    {
      schema: {
        operationId: 'createIdentityProvider',
        summary: 'Add an upstream OpenID Connect identity provider (oidc_idp)',
        description:
          'The body is the provider itself (no wrapper). The reply is the whole provider, with its id and its read-only `redirect_url` ' +
          "(yonder's callback, to register at the upstream); the upstream's client secret is kept sealed.",
        tags,
        security: scope('create'),
        params: RealmParams,
        body: CreateBody,
        response: { 200: Type.Ref('IdentityProvider'), ...errorResponses(404) },
      },
    },
    async (request) => reply(await createIdentityProvider(yonder, realmRef(request.params), request.body)),
  );

  app.get(
    BASE,
    {
      schema: {
        operationId: 'listIdentityProviders',
        summary: 'List the identity providers of the realm',
        description: 'The identity providers of the realm, paged.',
        tags,
        security: scope('read'),
        params: RealmParams,
        querystring: Type.Object(ListQuery),
        response: {
          200: Type.Object({
            identity_providers: Type.Array(Type.Ref('IdentityProvider')),
            total_size: Type.Integer(),
            next_page_token: Type.Optional(Type.String()),
          }),
          ...errorResponses(404),
        },
      },
    },
    async (request) => {
      const page = await listIdentityProviders(yonder, realmRef(request.params), request.query);
      return { identity_providers: page.items.map(reply), total_size: page.total_size, next_page_token: page.next_page_token };
    },
  );

  app.get(
    `${BASE}/:identity_provider_id`,
    {
      schema: {
        operationId: 'getIdentityProvider',
        summary: 'Retrieve an identity provider',
        description: 'One identity provider, by id, with its client secret.',
        tags,
        security: scope('read'),
        params: ProviderParams,
        response: { 200: Type.Ref('IdentityProvider'), ...errorResponses(404) },
      },
    },
    async (request) => reply(await getIdentityProvider(yonder, realmRef(request.params), request.params.identity_provider_id)),
  );

  app.patch(
    `${BASE}/:identity_provider_id`,
    {
      schema: {
        operationId: 'updateIdentityProvider',
        summary: 'Update an identity provider',
        description: 'Changes an identity provider; only the fields sent change (`protocol_config.type` is always `oidc_idp`).',
        tags,
        security: scope('update'),
        params: ProviderParams,
        body: UpdateBody,
        response: { 200: Type.Ref('IdentityProvider'), ...errorResponses(404) },
      },
    },
    async (request) => {
      const { display_name, protocol_config } = request.body.identity_provider;
      return reply(
        await updateIdentityProvider(yonder, realmRef(request.params), request.params.identity_provider_id, {
          ...(display_name !== undefined ? { display_name } : {}),
          ...(protocol_config !== undefined ? { protocol_config } : {}),
        }),
      );
    },
  );

  app.delete(
    `${BASE}/:identity_provider_id`,
    {
      schema: {
        operationId: 'deleteIdentityProvider',
        summary: 'Delete an identity provider',
        description: 'Deletes an identity provider; one an authenticator configuration verifies with cannot be deleted (409).',
        tags,
        security: scope('delete'),
        params: ProviderParams,
        response: { 200: EmptyBody, ...errorResponses(404, 409) },
      },
    },
    async (request, res) => {
      await deleteIdentityProvider(yonder, realmRef(request.params), request.params.identity_provider_id);
      return res.code(200).send();
    },
  );
};
