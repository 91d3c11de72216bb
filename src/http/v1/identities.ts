import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf } from '../auth.js';
import { EmptyBody, IdentityParams, ListQuery, RealmParams, errorResponses, requiresScope, verbPath } from '../schemas.js';
import type { Yonder } from '../../services/context.js';
import {
  batchDeleteIdentities,
  createIdentity,
  deleteIdentity,
  getIdentity,
  listIdentities,
  updateIdentity,
} from '../../services/directory/identities.js';
import { Identity, IdentityCreateInput, IdentityUpdateInput } from './identity-schemas.js';
import { realmRef } from '../params.js';

const BASE = '/v1/tenants/:tenant_id/realms/:realm_id/identities';
const tags = ['Identities'];

const ListIdentitiesResponse = Type.Object({
  identities: Type.Array(Type.Ref('Identity')),
  total_size: Type.Integer(),
  next_page_token: Type.Optional(Type.String()),
});

type ReadOnlyField = 'id' | 'realm_id' | 'tenant_id' | 'create_time' | 'update_time' | 'enrollment_status';

/** Read-only fields in a request body are accepted and ignored, as the contract says. */
function writable<T extends Partial<Record<ReadOnlyField, unknown>>>(input: T): Omit<T, ReadOnlyField> {
  const { id, realm_id, tenant_id, create_time, update_time, enrollment_status, ...rest } = input;
  return rest;
}

export const identityRoutes: FastifyPluginAsyncTypebox<{ yonder: Yonder }> = async (app, { yonder }) => {
  app.addSchema(Identity);

  app.post(
    BASE,
    {
      schema: {
        operationId: 'CreateIdentity',
        description: 'Adds an identity (a person) to the realm. `traits.username` must be unique in the realm, compared without case.',
        summary: 'Create a new identity',
        tags,
        security: requiresScope('identities:create'),
        params: RealmParams,
        body: Type.Object({ identity: IdentityCreateInput }),
        response: { 200: Type.Ref('Identity'), ...errorResponses(404, 409) },
      },
    },
    async (request) => createIdentity(yonder, realmRef(request.params), writable(request.body.identity)),
  );

  app.get(
    BASE,
    {
      schema: {
        operationId: 'ListIdentities',
        summary: 'List identities of a realm',
        description:
          'Filters use the SCIM grammar: `eq`, `co`, `sw` on `id`, `display_name`, `traits.username`, ' +
          '`traits.primary_email_address`, `traits.external_id`, joined by `and` / `or`. Usernames, emails ' +
          'and display names compare case-insensitively. The filter is locked into the page token.',
        tags,
        security: requiresScope('identities:read'),
        params: RealmParams,
        querystring: Type.Object({
          ...ListQuery,
          filter: Type.Optional(
            Type.String({
              maxLength: 2048,
              description:
                'SCIM filter grammar (RFC 7644 §3.4.2.2): `eq`, `co` or `sw` on `id`, `display_name`, `traits.username`, ' +
                '`traits.primary_email_address` or `traits.external_id`, combined with `and` and `or`; ' +
                'e.g. `traits.username eq "ada"`. Any other attribute or operator is a 400.',
            }),
          ),
        }),
        response: { 200: ListIdentitiesResponse, ...errorResponses(404) },
      },
    },
    async (request) => {
      const page = await listIdentities(yonder, realmRef(request.params), request.query);
      return { identities: page.items, total_size: page.total_size, next_page_token: page.next_page_token };
    },
  );

  app.post(
    verbPath(BASE, null, 'batchDelete'),
    {
      schema: {
        operationId: 'BatchDeleteIdentities',
        description: 'Deletes the listed identities in one transaction: if any of them cannot be deleted, none is.',
        summary: 'Delete 1 to 1000 identities, all or nothing',
        tags,
        security: requiresScope('identities:delete'),
        params: RealmParams,
        body: Type.Object({
          ids: Type.Array(Type.String(), { minItems: 1, maxItems: 1000 }),
        }),
        response: { 200: EmptyBody, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      await batchDeleteIdentities(yonder, realmRef(request.params), request.body.ids);
      return reply.code(200).send();
    },
  );

  app.get(
    `${BASE}/:identity_id`,
    {
      schema: {
        operationId: 'GetIdentity',
        description: 'One identity of the realm, by id.',
        summary: 'Retrieve an identity',
        tags,
        security: requiresScope('identities:read'),
        params: IdentityParams,
        response: { 200: Type.Ref('Identity'), ...errorResponses(404) },
      },
    },
    async (request) => getIdentity(yonder, realmRef(request.params), request.params.identity_id),
  );

  app.patch(
    `${BASE}/:identity_id`,
    {
      schema: {
        operationId: 'UpdateIdentity',
        summary: 'Update an identity',
        description: 'Omitted fields are left unchanged; trait keys are merged and `null` removes one.',
        tags,
        security: requiresScope('identities:update'),
        params: IdentityParams,
        body: Type.Object({ identity: IdentityUpdateInput }),
        response: { 200: Type.Ref('Identity'), ...errorResponses(404, 409) },
      },
    },
    async (request) =>
      updateIdentity(yonder, realmRef(request.params), request.params.identity_id, writable(request.body.identity), principalOf(request)),
  );

  app.delete(
    `${BASE}/:identity_id`,
    {
      schema: {
        operationId: 'DeleteIdentity',
        description: 'Deletes the identity; the groups it was a member of lose it.',
        summary: 'Delete an identity',
        tags,
        security: requiresScope('identities:delete'),
        params: IdentityParams,
        response: { 200: EmptyBody, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      await deleteIdentity(yonder, realmRef(request.params), request.params.identity_id);
      return reply.code(200).send();
    },
  );
};
