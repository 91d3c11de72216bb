import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MAX_TOKEN_LIFETIME_SECONDS, TOKEN_PRINCIPAL_TYPES } from '../../domain/access/application.js';
import { principalOf } from '../auth.js';
import { EmptyBody, ListQuery, Name, RealmParams, errorResponses, requiresScope } from '../schemas.js';
import type { Yonder } from '../../services/context.js';
import { type TokenRecord, createNamedToken, deleteToken, listTokens, tokenSummary } from '../../services/access/token-records.js';
import { Scopes } from './resource-servers.js';
import { noStore } from '../no-store.js';
import { realmRef } from '../params.js';

const BASE = '/v1/tenants/:tenant_id/realms/:realm_id/applications/:application_id/tokens';
const AppParams = Type.Composite([
  RealmParams,
  Type.Object({ application_id: Type.String({ maxLength: 64, description: "The application's id, within the realm." }) }),
]);
const TokenParams = Type.Composite([AppParams, Type.Object({ token_id: Type.String({ maxLength: 64, description: "The token's id (its jti)." }) })]);
const tags = ['Tokens'];

const TokenSchema = Type.Object(
  {
    id: Type.String(),
    display_name: Type.String(),
    scopes: Type.Array(Type.String()),
    token_suffix: Type.String(),
    token_format: Type.String(),
    expires: Type.Integer(),
    issued_at: Type.Integer(),
    token_type: Type.String(),
  },
  { $id: 'Token' },
);

const seconds = (timestamp: string) => Math.floor(Date.parse(timestamp) / 1000);

/** The contract's Token: the summary every view of a token starts with, its times in seconds. */
function reply(record: TokenRecord) {
  return {
    ...tokenSummary(record),
    token_suffix: record.token_suffix,
    token_format: 'self_contained',
    expires: seconds(record.expires_at),
    issued_at: seconds(record.issued_at),
    token_type: 'access',
  };
}

export const tokenRoutes: FastifyPluginAsyncTypebox<{ yonder: Yonder }> = async (app, { yonder }) => {
  app.addSchema(TokenSchema);

  app.get(
    BASE,
    {
      schema: {
        operationId: 'ListTokens',
        summary: 'List the live tokens an application issued',
        description:
          'Revoked and expired tokens are not listed. `principal_type` (`application` or `identity`) and `principal_id` ' +
          "together list one principal's tokens: an application's own, or those of the person a console token was minted for.",
        tags,
        security: requiresScope('tokens:read'),
        params: AppParams,
        querystring: Type.Object({
          ...ListQuery,
          principal_type: Type.Optional(
            Type.Union(
              TOKEN_PRINCIPAL_TYPES.map((type) => Type.Literal(type)),
              { description: 'With `principal_id`: only the tokens of that application or identity.' },
            ),
          ),
          principal_id: Type.Optional(
            Type.String({
              minLength: 1,
              maxLength: 64,
              description: 'With `principal_type`: the id of the application or identity whose tokens to list.',
            }),
          ),
        }),
        response: {
          200: Type.Object({ tokens: Type.Array(Type.Ref('Token')), total_size: Type.Integer(), next_page_token: Type.Optional(Type.String()) }),
          ...errorResponses(404),
        },
      },
    },
    async (request) => {
      const page = await listTokens(yonder, realmRef(request.params), request.params.application_id, request.query);
      return { tokens: page.items.map(reply), total_size: page.total_size, next_page_token: page.next_page_token };
    },
  );

  app.delete(
    `${BASE}/:token_id`,
    {
      schema: {
        operationId: 'RevokeToken',
        summary: 'Revoke a token',
        description: 'The token (by its `jti`) stops working on every process with the next request.',
        tags,
        security: requiresScope('tokens:delete'),
        params: TokenParams,
        response: { 200: EmptyBody, ...errorResponses(404) },
      },
    },
    async (request, replyTo) => {
      await deleteToken(yonder, realmRef(request.params), request.params.application_id, request.params.token_id);
      return replyTo.code(200).send();
    },
  );

  app.post(
    BASE,
    {
      onRequest: noStore,
      schema: {
        operationId: 'CreateToken',
        summary: 'Create a named token (yonder)',
        description:
          'yonder\'s own, for the console\'s "Create token": the application issues a token named `display_name` with the ' +
          "chosen `scopes`, which must be within its `allowed_scopes` (else 400) and within the caller's own (else 403). " +
          '`expires_after` (seconds) defaults to, and may not exceed, the configured lifetime (at most 90 days). ' +
          '`realm_id` restricts a token of the managed Management API application to one realm of the tenant (a ' +
          'realm-restricted caller can only mint tokens for its own realm); any other application mints tokens restricted ' +
          'to its own realm (another `realm_id`: 400). The token is in `access_token` of this reply only.',
        tags,
        security: requiresScope('tokens:create'),
        params: AppParams,
        body: Type.Object({
          token: Type.Object(
            {
              display_name: Name(),
              scopes: Type.Intersect([Scopes, Type.Array(Type.String(), { minItems: 1 })]),
              expires_after: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_TOKEN_LIFETIME_SECONDS })),
              realm_id: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            },
            { additionalProperties: false },
          ),
        }),
        response: {
          200: Type.Composite([Type.Omit(TokenSchema, ['$id']), Type.Object({ access_token: Type.String() })]),
          ...errorResponses(404),
        },
      },
    },
    async (request) => {
      const { display_name, scopes, expires_after, realm_id } = request.body.token;
      const created = await createNamedToken(yonder, realmRef(request.params), request.params.application_id, principalOf(request), {
        display_name,
        scopes,
        ...(expires_after !== undefined ? { expires_after } : {}),
        ...(realm_id !== undefined ? { realm_id } : {}),
      });
      return { ...reply(created.record), access_token: created.accessToken };
    },
  );
};
