import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { GROUP_DESCRIPTION_MAX_LENGTH, MEMBERS_PER_CALL_MAX } from '../../domain/directory/group.js';
import { CONTRACT_TEXT_PATTERN } from '../../domain/directory/names.js';
import { principalOf } from '../auth.js';
import { EmptyBody, ListQuery, Name, RealmParams, RealmResourceReadOnly, Timestamp, errorResponses, requiresScope, verbPath } from '../schemas.js';
import type { Yonder } from '../../services/context.js';
import {
  addMembers,
  createGroup,
  deleteGroup,
  getGroup,
  listGroups,
  listGroupsOfIdentity,
  listMembers,
  removeMembers,
  updateGroup,
} from '../../services/directory/groups.js';
import { Identity } from './identity-schemas.js';
import { realmRef } from '../params.js';

const REALM = '/v1/tenants/:tenant_id/realms/:realm_id';
const BASE = `${REALM}/groups`;
const GroupParams = Type.Composite([RealmParams, Type.Object({ group_id: Type.String({ maxLength: 64, description: "The group's id." }) })]);
const IdentityParams = Type.Composite([RealmParams, Type.Object({ identity_id: Type.String({ maxLength: 64, description: "The identity's id." }) })]);
const tags = ['Groups'];

const Group = Type.Object(
  {
    id: Type.String(),
    realm_id: Type.String(),
    tenant_id: Type.String(),
    display_name: Type.String(),
    description: Type.String(),
    create_time: Timestamp,
    update_time: Timestamp,
  },
  { $id: 'Group' },
);

const Description = Type.String({ maxLength: GROUP_DESCRIPTION_MAX_LENGTH, pattern: CONTRACT_TEXT_PATTERN });

const groupInput = (create: boolean) =>
  Type.Object(
    {
      display_name: create ? Name('Unique per realm, compared case-insensitively.') : Type.Optional(Name()),
      description: Type.Optional(Description),
      ...RealmResourceReadOnly,
    },
    { additionalProperties: false },
  );

const MembersBody = Type.Object({
  identity_ids: Type.Array(Type.String({ maxLength: 64 }), { minItems: 1, maxItems: MEMBERS_PER_CALL_MAX }),
});

const ListGroupsResponse = Type.Object({
  groups: Type.Array(Type.Ref('Group')),
  total_size: Type.Integer(),
  next_page_token: Type.Optional(Type.String()),
});

const ListGroupMembersResponse = Type.Object({
  identities: Type.Array(Type.Ref('Identity')),
  total_size: Type.Integer(),
  next_page_token: Type.Optional(Type.String()),
});

export const groupRoutes: FastifyPluginAsyncTypebox<{ yonder: Yonder }> = async (app, { yonder }) => {
  app.addSchema(Group);
  // Registered here too: plugins are encapsulated, and `:listMembers` replies with identities.
  app.addSchema(Identity);

  app.post(
    BASE,
    {
      schema: {
        operationId: 'CreateGroup',
        description: 'Adds a group to the realm; its display name must be unique in the realm, whatever the case (409).',
        summary: 'Create a new group',
        tags,
        security: requiresScope('groups:create'),
        params: RealmParams,
        body: Type.Object({ group: groupInput(true) }),
        response: { 200: Type.Ref('Group'), ...errorResponses(404, 409) },
      },
    },
    async (request) => {
      const { display_name, description } = request.body.group;
      return createGroup(yonder, realmRef(request.params), { display_name, ...(description !== undefined ? { description } : {}) });
    },
  );

  app.get(
    BASE,
    {
      schema: {
        operationId: 'ListGroups',
        description: 'The groups of the realm, paged with `page_size` and `page_token`.',
        summary: 'List groups of a realm',
        tags,
        security: requiresScope('groups:read'),
        params: RealmParams,
        querystring: Type.Object(ListQuery),
        response: { 200: ListGroupsResponse, ...errorResponses(404) },
      },
    },
    async (request) => {
      const page = await listGroups(yonder, realmRef(request.params), request.query);
      return { groups: page.items, total_size: page.total_size, next_page_token: page.next_page_token };
    },
  );

  app.get(
    `${BASE}/:group_id`,
    {
      schema: {
        operationId: 'GetGroup',
        description: 'One group of the realm, by id.',
        summary: 'Retrieve a group',
        tags,
        security: requiresScope('groups:read'),
        params: GroupParams,
        response: { 200: Type.Ref('Group'), ...errorResponses(404) },
      },
    },
    async (request) => getGroup(yonder, realmRef(request.params), request.params.group_id),
  );

  app.patch(
    `${BASE}/:group_id`,
    {
      schema: {
        operationId: 'UpdateGroup',
        summary: 'Update a group',
        description: 'Omitted fields are left unchanged; read-only fields are ignored.',
        tags,
        security: requiresScope('groups:update'),
        params: GroupParams,
        body: Type.Object({ group: groupInput(false) }),
        response: { 200: Type.Ref('Group'), ...errorResponses(404, 409) },
      },
    },
    async (request) => {
      const { display_name, description } = request.body.group;
      return updateGroup(yonder, realmRef(request.params), request.params.group_id, { display_name, description });
    },
  );

  app.delete(
    `${BASE}/:group_id`,
    {
      schema: {
        operationId: 'DeleteGroup',
        summary: 'Delete a group',
        description:
          'Answers 409 `group has children` while the group has members, and 409 naming the rules while ' +
          "a rule of the realm's current policy names the group.",
        tags,
        security: requiresScope('groups:delete'),
        params: GroupParams,
        response: { 200: EmptyBody, ...errorResponses(404, 409) },
      },
    },
    async (request, reply) => {
      await deleteGroup(yonder, realmRef(request.params), request.params.group_id);
      return reply.code(200).send();
    },
  );

  app.post(
    verbPath(BASE, 'group_id', 'addMembers'),
    {
      schema: {
        operationId: 'AddGroupMembers',
        summary: 'Add 1 to 1000 identities to a group, all or nothing',
        description:
          'Adding a member twice is not an error. Any unknown id (or one of another realm): 404, nothing added. A group ' +
          'that holds roles of the Management API resource server gives its members their scopes: new members need a ' +
          'caller holding all of them, without a realm restriction (else 403).',
        tags,
        security: requiresScope('groups:update', 'identities:read'),
        params: GroupParams,
        body: MembersBody,
        response: { 200: Type.Ref('Group'), ...errorResponses(404) },
      },
    },
    async (request) => addMembers(yonder, realmRef(request.params), request.params.group_id, request.body.identity_ids, principalOf(request)),
  );

  app.post(
    verbPath(BASE, 'group_id', 'deleteMembers'),
    {
      schema: {
        operationId: 'DeleteGroupMembers',
        summary: 'Remove 1 to 1000 identities from a group, all or nothing',
        description: 'Removing a non-member is not an error. Any unknown id (or one of another realm): 404, nothing removed.',
        tags,
        security: requiresScope('groups:update', 'identities:read'),
        params: GroupParams,
        body: MembersBody,
        response: { 200: Type.Ref('Group'), ...errorResponses(404) },
      },
    },
    async (request) => removeMembers(yonder, realmRef(request.params), request.params.group_id, request.body.identity_ids),
  );

  app.get(
    verbPath(BASE, 'group_id', 'listMembers'),
    {
      schema: {
        operationId: 'ListGroupMembers',
        description: 'The identities that are members of the group, paged.',
        summary: 'List the members of a group',
        tags,
        security: requiresScope('groups:read', 'identities:read'),
        params: GroupParams,
        querystring: Type.Object(ListQuery),
        response: { 200: ListGroupMembersResponse, ...errorResponses(404) },
      },
    },
    async (request) => {
      const page = await listMembers(yonder, realmRef(request.params), request.params.group_id, request.query);
      return { identities: page.items, total_size: page.total_size, next_page_token: page.next_page_token };
    },
  );

  app.get(
    verbPath(`${REALM}/identities`, 'identity_id', 'listGroups'),
    {
      schema: {
        operationId: 'ListIdentityGroups',
        description: 'The groups the identity is a member of, paged.',
        summary: 'List the groups an identity is a member of',
        tags: ['Identities'],
        security: requiresScope('identities:read', 'groups:read'),
        params: IdentityParams,
        querystring: Type.Object(ListQuery),
        response: { 200: ListGroupsResponse, ...errorResponses(404) },
      },
    },
    async (request) => {
      const page = await listGroupsOfIdentity(yonder, realmRef(request.params), request.params.identity_id, request.query);
      return { groups: page.items, total_size: page.total_size, next_page_token: page.next_page_token };
    },
  );
};
