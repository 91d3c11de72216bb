import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import type { Identity } from '../../domain/directory/identity.js';
import { principalOf } from '../auth.js';
import { RealmParams } from '../schemas.js';
import type { Yonder } from '../../services/context.js';
import { type Projection, listResponse, parsePaging, parseProjection, parseSort, project, returns } from '../../protocols/scim/collection-query.js';
import { parseUserFilter } from '../../protocols/scim/filter.js';
import { header, scimBaseUrl, scimScope } from './paths.js';
import { realmRef } from '../params.js';
import { SCIM_MEDIA_TYPE } from './errors.js';
import { orFail } from '../../protocols/scim/problems.js';
import { etagOf, identityToScimUser } from '../../protocols/scim/user-mapping.js';
import { USER_SCHEMA } from '../../protocols/scim/schema.js';
import { createUser, deleteUser, getUser, groupsOfUsers, patchUser, replaceUser, searchUsers } from '../../services/directory/scim-users.js';
import { etagMatches } from '../../protocols/scim/etag.js';

const tags = ['SCIM'];
const UserParams = Type.Composite([RealmParams, Type.Object({ user_id: Type.String({ maxLength: 64 }) })]);
const ProjectionQuery = {
  attributes: Type.Optional(Type.String({ maxLength: 2048, description: 'Comma-separated attributes to return.' })),
  excludedAttributes: Type.Optional(Type.String({ maxLength: 2048, description: 'Comma-separated attributes to leave out.' })),
};
const ListQuery = Type.Object({
  filter: Type.Optional(Type.String({ description: 'RFC 7644 §3.4.2.2 filter, e.g. userName eq "bjensen".' })),
  startIndex: Type.Optional(Type.String({ description: '1-based index of the first result.' })),
  count: Type.Optional(Type.String({ description: 'Results per page; default 100, at most 1000; 0 gives only totalResults.' })),
  sortBy: Type.Optional(Type.String({ description: 'userName, displayName, meta.created or meta.lastModified.' })),
  sortOrder: Type.Optional(Type.String({ description: 'ascending (default) or descending.' })),
  ...ProjectionQuery,
});
const ScimBody = Type.Unknown({ description: 'A SCIM resource (application/scim+json or application/json).' });

/** Writes one User with its ETag; `Location` too when it was just created (RFC 7644 §3.3). */
export function userLocation(y: Yonder, identity: Identity): string {
  return `${scimBaseUrl(y.config.publicUrl, { tenantId: identity.tenant_id, realmId: identity.realm_id })}/Users/${identity.id}`;
}

/** Reads the groups of the users, unless the projection leaves `groups` out anyway. */
async function groupsFor(y: Yonder, identities: readonly Identity[], projection: Projection) {
  return returns(projection, 'groups')
    ? groupsOfUsers(
        y,
        identities.map((i) => i.id),
      )
    : new Map();
}

async function sendUser(y: Yonder, reply: FastifyReply, identity: Identity, status: number, projection: Projection = {}) {
  const location = userLocation(y, identity);
  if (status === 201) reply.header('location', location);
  const groups = status === 201 ? undefined : (await groupsFor(y, [identity], projection)).get(identity.id);
  return reply
    .code(status)
    .header('etag', etagOf(identity.version))
    .type(SCIM_MEDIA_TYPE)
    .send(project(identityToScimUser(identity, location, groups), projection, USER_SCHEMA));
}

/** `/Users` and `/Users/{id}`: search, create, read, replace, patch, delete. */
export const userProvisioningRoutes: FastifyPluginAsyncTypebox<{ yonder: Yonder }> = async (app, { yonder: y }) => {
  app.get(
    '/Users',
    {
      schema: {
        operationId: 'SCIMListUsers',
        summary: 'List or filter Users',
        tags,
        security: scimScope('scim:users:read'),
        params: RealmParams,
        querystring: ListQuery,
      },
    },
    async (request, reply) => {
      const q = request.query;
      const paging = orFail(parsePaging(q));
      const sort = orFail(parseSort(q));
      const projection = parseProjection(q);
      const filter = q.filter !== undefined && q.filter.trim() !== '' ? orFail(parseUserFilter(q.filter)) : undefined;
      const { users, total } = await searchUsers(y, realmRef(request.params), { ...paging, sort, ...(filter ? { filter } : {}) });
      const groups = await groupsFor(y, users, projection);
      const resources = users.map((u) => project(identityToScimUser(u, userLocation(y, u), groups.get(u.id)), projection, USER_SCHEMA));
      return reply.type(SCIM_MEDIA_TYPE).send(listResponse(resources, total, paging.startIndex));
    },
  );

  app.post(
    '/Users',
    {
      schema: {
        operationId: 'SCIMCreateUser',
        summary: 'Create a User (a new identity)',
        tags,
        security: scimScope('scim:users:create'),
        params: RealmParams,
        querystring: Type.Object(ProjectionQuery),
        body: ScimBody,
      },
    },
    async (request, reply) => {
      const identity = await createUser(y, realmRef(request.params), request.body);
      return sendUser(y, reply, identity, 201, parseProjection(request.query));
    },
  );

  app.get(
    '/Users/:user_id',
    {
      schema: {
        operationId: 'SCIMGetUser',
        summary: 'Retrieve a User',
        tags,
        security: scimScope('scim:users:read'),
        params: UserParams,
        querystring: Type.Object(ProjectionQuery),
      },
    },
    async (request, reply) => {
      const identity = await getUser(y, realmRef(request.params), request.params.user_id);
      const ifNoneMatch = header(request, 'if-none-match');
      if (ifNoneMatch !== undefined && etagMatches(ifNoneMatch, identity.version)) {
        return reply.code(304).header('etag', etagOf(identity.version)).send();
      }
      return sendUser(y, reply, identity, 200, parseProjection(request.query));
    },
  );

  app.put(
    '/Users/:user_id',
    {
      schema: {
        operationId: 'SCIMReplaceUser',
        summary: 'Replace a User',
        description: 'Okta deactivates with `active: false` here (O4); that suspends the identity.',
        tags,
        security: scimScope('scim:users:update'),
        params: UserParams,
        querystring: Type.Object(ProjectionQuery),
        body: ScimBody,
      },
    },
    async (request, reply) => {
      const p = request.params;
      const identity = await replaceUser(y, realmRef(p), p.user_id, request.body, principalOf(request), header(request, 'if-match'));
      return sendUser(y, reply, identity, 200, parseProjection(request.query));
    },
  );

  app.patch(
    '/Users/:user_id',
    {
      schema: {
        operationId: 'SCIMPatchUser',
        summary: 'Update a User with a PatchOp',
        tags,
        security: scimScope('scim:users:update'),
        params: UserParams,
        querystring: Type.Object(ProjectionQuery),
        body: ScimBody,
      },
    },
    async (request, reply) => {
      const p = request.params;
      const identity = await patchUser(y, realmRef(p), p.user_id, request.body, principalOf(request), header(request, 'if-match'));
      return sendUser(y, reply, identity, 200, parseProjection(request.query));
    },
  );

  app.delete(
    '/Users/:user_id',
    {
      schema: {
        operationId: 'SCIMDeleteUser',
        summary: 'Delete a User (and its identity)',
        tags,
        security: scimScope('scim:users:delete'),
        params: UserParams,
      },
    },
    async (request, reply) => {
      const p = request.params;
      await deleteUser(y, realmRef(p), p.user_id, header(request, 'if-match'));
      return reply.code(204).send();
    },
  );
};
