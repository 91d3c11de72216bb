import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import type { Group } from '../../domain/directory/group.js';
import { principalOf } from '../auth.js';
import { RealmParams } from '../schemas.js';
import type { Yonder } from '../../services/context.js';
import { type Projection, listResponse, parsePaging, parseProjection, project, returns } from '../../protocols/scim/collection-query.js';
import { parseGroupFilter, parseGroupSort } from '../../protocols/scim/group-filter.js';
import { groupToScim } from '../../protocols/scim/group-mapping.js';
import { createGroup, deleteGroup, getGroup, membersOf, patchGroup, replaceGroup, searchGroups } from '../../services/directory/scim-groups.js';
import { header, prefersMinimalReturn, scimBaseUrl, scimScope } from './paths.js';
import { realmRef } from '../params.js';
import { GROUP_SCHEMA } from '../../protocols/scim/schema.js';
import { SCIM_MEDIA_TYPE } from './errors.js';
import { orFail } from '../../protocols/scim/problems.js';
import { etagOf } from '../../protocols/scim/user-mapping.js';
import { etagMatches } from '../../protocols/scim/etag.js';

const tags = ['SCIM'];
const GroupParams = Type.Composite([RealmParams, Type.Object({ group_id: Type.String({ maxLength: 64 }) })]);
const ProjectionQuery = {
  attributes: Type.Optional(Type.String({ maxLength: 2048, description: 'Comma-separated attributes to return.' })),
  excludedAttributes: Type.Optional(
    Type.String({ maxLength: 2048, description: 'Comma-separated attributes to leave out; `members` skips reading them (Entra, M1).' }),
  ),
};
const ListQuery = Type.Object({
  filter: Type.Optional(Type.String({ description: 'RFC 7644 §3.4.2.2 filter, e.g. displayName eq "Sales".' })),
  startIndex: Type.Optional(Type.String({ description: '1-based index of the first result.' })),
  count: Type.Optional(Type.String({ description: 'Results per page; default 100, at most 1000; 0 gives only totalResults.' })),
  sortBy: Type.Optional(Type.String({ description: 'displayName, meta.created or meta.lastModified.' })),
  sortOrder: Type.Optional(Type.String({ description: 'ascending (default) or descending.' })),
  ...ProjectionQuery,
});
const ScimBody = Type.Unknown({ description: 'A SCIM resource (application/scim+json or application/json).' });

export function groupLocation(y: Yonder, group: Group): string {
  return `${scimBaseUrl(y.config.publicUrl, { tenantId: group.tenant_id, realmId: group.realm_id })}/Groups/${group.id}`;
}

/** The groups as SCIM resources, reading their members only when the projection returns them. */
async function resources(y: Yonder, groups: readonly Group[], projection: Projection) {
  const members = returns(projection, 'members')
    ? await membersOf(
        y,
        groups.map((g) => g.id),
      )
    : undefined;
  return groups.map((g) => project(groupToScim(g, groupLocation(y, g), members?.get(g.id) ?? (members ? [] : undefined)), projection, GROUP_SCHEMA));
}

async function sendGroup(y: Yonder, reply: FastifyReply, group: Group, status: number, projection: Projection) {
  const location = groupLocation(y, group);
  if (status === 201) reply.header('location', location);
  const [resource] = await resources(y, [group], projection);
  return reply.code(status).header('etag', etagOf(group.version)).type(SCIM_MEDIA_TYPE).send(resource);
}

/** `/Groups` (no trailing slash) and `/Groups/{id}`: search, create, read, replace, patch, delete. */
export const groupProvisioningRoutes: FastifyPluginAsyncTypebox<{ yonder: Yonder }> = async (app, { yonder: y }) => {
  app.get(
    '/Groups',
    {
      schema: {
        operationId: 'SCIMListGroups',
        summary: 'List or filter Groups',
        description: 'Okta probes `?startIndex=1&count=100` (O5); Entra filters `displayName eq` with `excludedAttributes=members` (M1).',
        tags,
        security: scimScope('scim:groups:read'),
        params: RealmParams,
        querystring: ListQuery,
      },
    },
    async (request, reply) => {
      const q = request.query;
      const paging = orFail(parsePaging(q));
      const sort = orFail(parseGroupSort(q));
      const projection = parseProjection(q);
      const filter = q.filter !== undefined && q.filter.trim() !== '' ? orFail(parseGroupFilter(q.filter)) : undefined;
      const { groups, total } = await searchGroups(y, realmRef(request.params), { ...paging, sort, ...(filter ? { filter } : {}) });
      return reply.type(SCIM_MEDIA_TYPE).send(listResponse(await resources(y, groups, projection), total, paging.startIndex));
    },
  );

  app.post(
    '/Groups',
    {
      schema: {
        operationId: 'SCIMCreateGroup',
        summary: 'Create a Group (a v1 group), with its members',
        tags,
        security: scimScope('scim:groups:create'),
        params: RealmParams,
        querystring: Type.Object(ProjectionQuery),
        body: ScimBody,
      },
    },
    async (request, reply) => {
      const group = await createGroup(y, realmRef(request.params), request.body, principalOf(request));
      return sendGroup(y, reply, group, 201, parseProjection(request.query));
    },
  );

  app.get(
    '/Groups/:group_id',
    {
      schema: {
        operationId: 'SCIMGetGroup',
        summary: 'Retrieve a Group with its members',
        tags,
        security: scimScope('scim:groups:read'),
        params: GroupParams,
        querystring: Type.Object(ProjectionQuery),
      },
    },
    async (request, reply) => {
      const group = await getGroup(y, realmRef(request.params), request.params.group_id);
      const ifNoneMatch = header(request, 'if-none-match');
      if (ifNoneMatch !== undefined && etagMatches(ifNoneMatch, group.version)) {
        return reply.code(304).header('etag', etagOf(group.version)).send();
      }
      return sendGroup(y, reply, group, 200, parseProjection(request.query));
    },
  );

  app.put(
    '/Groups/:group_id',
    {
      schema: {
        operationId: 'SCIMReplaceGroup',
        summary: 'Replace a Group: its name, externalId and whole member list',
        tags,
        security: scimScope('scim:groups:update'),
        params: GroupParams,
        querystring: Type.Object(ProjectionQuery),
        body: ScimBody,
      },
    },
    async (request, reply) => {
      const p = request.params;
      const group = await replaceGroup(y, realmRef(p), p.group_id, request.body, principalOf(request), header(request, 'if-match'));
      return sendGroup(y, reply, group, 200, parseProjection(request.query));
    },
  );

  app.patch(
    '/Groups/:group_id',
    {
      schema: {
        operationId: 'SCIMUpdateGroup',
        summary: 'Update a Group with a PatchOp: rename, add and remove members',
        description:
          'Answers 200 with the group, as the contract says and RFC 7644 §3.5.2 allows, without its members unless ' +
          '`attributes` or `excludedAttributes` ask otherwise (`attributes=members`, `excludedAttributes=externalId`). ' +
          'With `Prefer: return=minimal` ' +
          '(RFC 7240) it answers 204 with the new ETag and no body.',
        tags,
        security: scimScope('scim:groups:update'),
        params: GroupParams,
        querystring: Type.Object(ProjectionQuery),
        body: ScimBody,
      },
    },
    async (request, reply) => {
      const p = request.params;
      const group = await patchGroup(y, realmRef(p), p.group_id, request.body, principalOf(request), header(request, 'if-match'));
      if (prefersMinimalReturn(header(request, 'prefer'))) {
        return reply.code(204).header('etag', etagOf(group.version)).header('preference-applied', 'return=minimal').send();
      }
      return sendGroup(y, reply, group, 200, patchReplyProjection(parseProjection(request.query)));
    },
  );

  app.delete(
    '/Groups/:group_id',
    {
      schema: {
        operationId: 'SCIMDeleteGroup',
        summary: 'Delete a Group and its memberships',
        description: 'Members go with it (unlike v1); 409 while a rule of the current policy names the group.',
        tags,
        security: scimScope('scim:groups:delete'),
        params: GroupParams,
      },
    },
    async (request, reply) => {
      const p = request.params;
      await deleteGroup(y, realmRef(p), p.group_id, header(request, 'if-match'));
      return reply.code(204).send();
    },
  );
};

/**
 * What a PATCH reply carries when the client names nothing: the group without its members. The
 * contract's SCIMGroup (Beyond Identity's reply) has no members, and Okta and Entra patch
 * membership in small batches, so the whole member list in every reply would grow with the group.
 */
function patchReplyProjection(asked: Projection): Projection {
  return asked.attributes || asked.excludedAttributes ? asked : { excludedAttributes: ['members'] };
}
