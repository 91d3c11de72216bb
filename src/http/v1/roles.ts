import { type Static, type TSchema, Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Group } from '../../domain/directory/group.js';
import type { Identity } from '../../domain/directory/identity.js';
import type { Role } from '../../domain/access/role.js';
import type { Grantor } from '../../domain/access/scopes.js';
import { GROUP_DESCRIPTION_MAX_LENGTH } from '../../domain/directory/group.js';
import { principalOf } from '../auth.js';
import { EmptyBody, ListQuery, Name, PagingNumber, ReadOnly, RealmParams, errorResponses, requiresScope, verbPath } from '../schemas.js';
import type { Yonder } from '../../services/context.js';
import {
  addRoleMembers,
  addRoleScopes,
  createRole,
  deleteRole,
  deleteRoleMembers,
  deleteRoleScopes,
  getRole,
  listMemberRoles,
  listRoleMembers,
  listRoleScopes,
  listRoles,
  updateRole,
  type RoleRef,
} from '../../services/access/roles.js';
import { Scopes } from './resource-servers.js';
import { realmRef, resourceServerRef } from '../params.js';

const REALM = '/v1/tenants/:tenant_id/realms/:realm_id';
const BASE = `${REALM}/resource-servers/:resource_server_id/roles`;
const ServerParams = Type.Composite([
  RealmParams,
  Type.Object({ resource_server_id: Type.String({ maxLength: 64, description: "The resource server's id." }) }),
]);
const RoleParams = Type.Composite([ServerParams, Type.Object({ role_id: Type.String({ maxLength: 64, description: "The role's id." }) })]);
const tags = ['Roles'];

const RoleSchema = Type.Object(
  {
    id: Type.String(),
    resource_server_id: Type.String(),
    realm_id: Type.String(),
    tenant_id: Type.String(),
    display_name: Type.String(),
    description: Type.String(),
    create_time: Type.String(),
    update_time: Type.String(),
  },
  { $id: 'Role' },
);
const RoleList = Type.Object({ roles: Type.Array(Type.Ref('Role')), total_size: Type.Integer(), next_page_token: Type.Optional(Type.String()) });

const input = (create: boolean) =>
  Type.Object(
    {
      display_name: create ? Name() : Type.Optional(Name()),
      description: Type.Optional(Type.String({ maxLength: GROUP_DESCRIPTION_MAX_LENGTH })),
      id: ReadOnly,
      resource_server_id: ReadOnly,
      realm_id: ReadOnly,
      tenant_id: ReadOnly,
      create_time: ReadOnly,
      update_time: ReadOnly,
    },
    { additionalProperties: false },
  );

const Ids = Type.Array(Type.String({ maxLength: 64 }), { maxItems: 1000 });
const MembersBody = Type.Object({ identity_ids: Type.Optional(Ids), group_ids: Type.Optional(Ids) }, { additionalProperties: false });
const ScopesBody = Type.Object(
  { scopes: Type.Intersect([Scopes, Type.Array(Type.String(), { minItems: 1, maxItems: 1000 })]) },
  { additionalProperties: false },
);
const Loose = Type.Record(Type.String(), Type.Unknown());

const reply = (role: Role) => role;
/** A verb on a role: its name in the path, its operationId, its summary and the service it calls. */
type VerbOf<Items> = [
  verb: string,
  operationId: string,
  summary: string,
  change: (y: Yonder, ref: RoleRef, id: string, items: Items, caller: Grantor) => Promise<Role>,
];
// The v1 shapes: SCIM's version and external id are not part of them.
const identityReply = ({ version, ...identity }: Identity): Record<string, unknown> => ({ ...identity });
const groupReply = ({ version, external_id, ...group }: Group): Record<string, unknown> => ({ ...group });

export const roleRoutes: FastifyPluginAsyncTypebox<{ yonder: Yonder }> = async (app, { yonder }) => {
  app.addSchema(RoleSchema);

  app.post(
    BASE,
    {
      schema: {
        operationId: 'CreateRole',
        summary: 'Create a new role',
        description: 'The body key is `role` (the published file says `group`; the service uses `role`).',
        tags,
        security: requiresScope('roles:create'),
        params: ServerParams,
        body: Type.Object({ role: input(true) }),
        response: { 200: Type.Ref('Role'), ...errorResponses(404) },
      },
    },
    async (request) => {
      const { display_name, description } = request.body.role;
      return reply(
        await createRole(yonder, resourceServerRef(request.params), { display_name, ...(description !== undefined ? { description } : {}) }),
      );
    },
  );

  app.get(
    BASE,
    {
      schema: {
        operationId: 'ListRoles',
        summary: 'List roles of a resource server',
        description: 'The array is under `roles` (the published file says `groups`).',
        tags,
        security: requiresScope('roles:read'),
        params: ServerParams,
        querystring: Type.Object(ListQuery),
        response: { 200: RoleList, ...errorResponses(404) },
      },
    },
    async (request) => {
      const page = await listRoles(yonder, resourceServerRef(request.params), request.query);
      return { roles: page.items.map(reply), total_size: page.total_size, next_page_token: page.next_page_token };
    },
  );

  app.get(
    `${BASE}/:role_id`,
    {
      schema: {
        operationId: 'GetRole',
        description: 'One role of the resource server, by id.',
        summary: 'Retrieve a role',
        tags,
        security: requiresScope('roles:read'),
        params: RoleParams,
        response: { 200: Type.Ref('Role'), ...errorResponses(404) },
      },
    },
    async (request) => reply(await getRole(yonder, resourceServerRef(request.params), request.params.role_id)),
  );

  app.patch(
    `${BASE}/:role_id`,
    {
      schema: {
        operationId: 'UpdateRole',
        description: "Changes a role's display name or description; only the fields sent change.",
        summary: 'Update a role',
        tags,
        security: requiresScope('roles:update'),
        params: RoleParams,
        body: Type.Object({ role: input(false) }),
        response: { 200: Type.Ref('Role'), ...errorResponses(404) },
      },
    },
    async (request) => {
      const { display_name, description } = request.body.role;
      return reply(
        await updateRole(yonder, resourceServerRef(request.params), request.params.role_id, {
          ...(display_name !== undefined ? { display_name } : {}),
          ...(description !== undefined ? { description } : {}),
        }),
      );
    },
  );

  app.delete(
    `${BASE}/:role_id`,
    {
      schema: {
        operationId: 'DeleteRole',
        summary: 'Delete a role',
        description: 'Answers 409 `role has children` while the role has scopes or members; remove them first.',
        tags,
        security: requiresScope('roles:delete'),
        params: RoleParams,
        response: { 200: EmptyBody, ...errorResponses(404, 409) },
      },
    },
    async (request, replyTo) => {
      await deleteRole(yonder, resourceServerRef(request.params), request.params.role_id);
      return replyTo.code(200).send();
    },
  );

  /**
   * `:add…` and `:delete…` of one of a role's collections (its members, its scopes); both answer
   * the role. Adding is a grant, checked against the caller; the delete services take no caller,
   * as removing takes nothing from anyone but what is removed.
   */
  function collectionVerbs<Body extends TSchema, Items>(collection: {
    add: VerbOf<Items>;
    delete: VerbOf<Items>;
    security: ReturnType<typeof requiresScope>;
    body: Body;
    items: (body: Static<Body>) => Items;
    description: string;
  }) {
    const { description, security, body } = collection;
    for (const [verb, operationId, summary, change] of [collection.add, collection.delete]) {
      app.post(
        verbPath(BASE, 'role_id', verb),
        {
          schema: {
            operationId,
            summary,
            description,
            tags,
            security,
            params: RoleParams,
            body,
            response: { 200: Type.Ref('Role'), ...errorResponses(404) },
          },
        },
        async (request) => {
          // The schema above has validated the body: it is a Static<Body>.
          const items = collection.items(request.body as Static<Body>);
          return reply(await change(yonder, resourceServerRef(request.params), request.params.role_id, items, principalOf(request)));
        },
      );
    }
  }

  collectionVerbs({
    add: ['addMembers', 'AddRoleMembers', 'Assign identities and groups to a role', addRoleMembers],
    delete: ['deleteMembers', 'DeleteRoleMembers', 'Unassign identities and groups from a role', deleteRoleMembers],
    security: requiresScope('roles:update', 'identities:read', 'groups:read'),
    body: MembersBody,
    items: (ids) => ids,
    description:
      'At least one id; at most 1000 of each kind. Unknown identities or groups answer 404. New members of a role ' +
      'of the Management API resource server get its scopes, so adding them needs a caller holding every scope of ' +
      'the role, without a realm restriction (else 403).',
  });

  app.get(
    verbPath(BASE, 'role_id', 'listMembers'),
    {
      schema: {
        operationId: 'ListRoleMembers',
        description: 'The identities and the groups the role is assigned to, each paged on its own (`identities_skip`, `groups_page_size`...).',
        summary: 'List the identities and groups of a role',
        tags,
        security: requiresScope('roles:read', 'groups:read', 'identities:read'),
        params: RoleParams,
        querystring: Type.Object({
          groups_page_size: Type.Optional(PagingNumber('How many member groups to return.')),
          groups_skip: Type.Optional(PagingNumber('How many member groups to skip.')),
          identities_page_size: Type.Optional(PagingNumber('How many member identities to return.')),
          identities_skip: Type.Optional(PagingNumber('How many member identities to skip.')),
        }),
        response: {
          200: Type.Object({
            groups: Type.Array(Loose),
            total_groups_size: Type.Integer(),
            identities: Type.Array(Loose),
            total_identities_size: Type.Integer(),
          }),
          ...errorResponses(404),
        },
      },
    },
    async (request) => {
      const members = await listRoleMembers(yonder, resourceServerRef(request.params), request.params.role_id, request.query);
      return { ...members, groups: members.groups.map(groupReply), identities: members.identities.map(identityReply) };
    },
  );

  collectionVerbs({
    add: ['addScopes', 'AddRoleScopes', 'Assign scopes to a role', addRoleScopes],
    delete: ['deleteScopes', 'DeleteRoleScopes', 'Unassign scopes from a role', deleteRoleScopes],
    security: requiresScope('roles:update', 'resource-servers:read'),
    body: ScopesBody,
    items: (body) => body.scopes,
    description:
      'One to 1000 scopes; added scopes must be scopes of the resource server (else 400). Scopes added to a role of ' +
      'the Management API resource server must be held by the caller, without a realm restriction (else 403).',
  });

  app.get(
    verbPath(BASE, 'role_id', 'listScopes'),
    {
      schema: {
        operationId: 'ListRoleScopes',
        description: 'The scopes the role grants, paged.',
        summary: 'List the scopes of a role',
        tags,
        security: requiresScope('roles:read', 'resource-servers:read'),
        params: RoleParams,
        querystring: Type.Object(ListQuery),
        response: {
          200: Type.Object({ scopes: Type.Array(Type.String()), total_size: Type.Integer(), next_page_token: Type.Optional(Type.String()) }),
          ...errorResponses(404),
        },
      },
    },
    async (request) => {
      const page = await listRoleScopes(yonder, resourceServerRef(request.params), request.params.role_id, request.query);
      return { scopes: page.items.map((s) => s.id), total_size: page.total_size, next_page_token: page.next_page_token };
    },
  );

  const memberRoles = (kind: 'identities' | 'groups') =>
    app.get(
      verbPath(`${REALM}/${kind}`, kind === 'identities' ? 'identity_id' : 'group_id', 'listRoles'),
      {
        schema: {
          operationId: kind === 'identities' ? 'ListIdentityRoles' : 'ListGroupRoles',
          summary: `List the roles of ${kind === 'identities' ? 'an identity' : 'a group'} on one resource server`,
          description: 'Roles held directly; `resource_server_id` is required.',
          tags,
          security: requiresScope(kind === 'identities' ? 'identities:read' : 'groups:read', 'roles:read', 'resource-servers:read'),
          params: Type.Composite([
            RealmParams,
            Type.Object({
              [kind === 'identities' ? 'identity_id' : 'group_id']: Type.String({
                maxLength: 64,
                description: kind === 'identities' ? "The identity's id, within the realm." : "The group's id, within the realm.",
              }),
            }),
          ]),
          querystring: Type.Object({
            ...ListQuery,
            resource_server_id: Type.Optional(Type.String({ maxLength: 64, description: 'The resource server whose roles to list (required).' })),
          }),
          response: { 200: RoleList, ...errorResponses(404) },
        },
      },
      async (request) => {
        const params = request.params as { tenant_id: string; realm_id: string; identity_id?: string; group_id?: string };
        const { resource_server_id, ...list } = request.query;
        const page = await listMemberRoles(
          yonder,
          realmRef(params),
          kind === 'identities' ? 'identity' : 'group',
          (params.identity_id ?? params.group_id)!,
          resource_server_id,
          list,
        );
        return { roles: page.items.map(reply), total_size: page.total_size, next_page_token: page.next_page_token };
      },
    );
  memberRoles('identities');
  memberRoles('groups');
};
