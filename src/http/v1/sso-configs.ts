import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SSO_CONFIG_ORDERS, SSO_CONFIG_TYPES, type SsoConfigType } from '../../domain/sso/sso-config.js';
import { principalOf } from '../auth.js';
import { EmptyBody, ListQuery, Name, RealmParams, StringEnum, Timestamp, errorResponses, requiresScope, verbPath } from '../schemas.js';
import type { Yonder } from '../../services/context.js';
import {
  changeAssignments,
  isAnyGroupAssigned,
  isIdentityAssigned,
  listConfigsOfGroup,
  listConfigsOfIdentity,
  listGroupAssociations,
  listIdentityAssociations,
  ssoConfigIdOfApplication,
} from '../../services/sso/assignments.js';
import { createSsoConfig, deleteSsoConfig, getSsoConfig, listSsoConfigs, updateSsoConfig } from '../../services/sso/sso-configs.js';
import { testSsoConfig } from '../../services/sso/connection-test.js';
import { CreatePayload, UpdatePayload } from './sso-config-schemas.js';
import { Identity } from './identity-schemas.js';
import { listPayload, replyPayload } from './sso-config-replies.js';
import { realmRef } from '../params.js';

const REALM = '/v1/tenants/:tenant_id/realms/:realm_id';
const BASE = `${REALM}/sso-configs`;
const Id = (description: string) => Type.String({ maxLength: 64, description });
const ConfigParams = Type.Composite([RealmParams, Type.Object({ sso_config_id: Id("The SSO config's id, within the realm.") })]);
const IdentityParams = Type.Composite([RealmParams, Type.Object({ identity_id: Id("The identity's id.") })]);
const IdentityConfigParams = Type.Composite([IdentityParams, Type.Object({ sso_config_id: Id("The SSO config's id.") })]);
const GroupParams = Type.Composite([RealmParams, Type.Object({ group_id: Id("The group's id.") })]);
const ApplicationParams = Type.Composite([RealmParams, Type.Object({ application_id: Id("The application's id.") })]);
const tags = ['SSO Configs'];

/** The payload as replies show it: the type's fields, and what yonder made for it. */
const Payload = Type.Object({ type: StringEnum(SSO_CONFIG_TYPES) }, { additionalProperties: true });

const SsoConfigReply = Type.Object(
  { id: Type.String(), display_name: Type.String(), payload: Payload },
  {
    $id: 'SsoConfig',
    description: "An SSO config: its payload's secrets (yonder's client secret, a third party's) appear only in the reply that set them.",
  },
);

const ListReply = Type.Object({
  sso_configs: Type.Array(Type.Ref('SsoConfig')),
  total_size: Type.Integer(),
  next_page_token: Type.Optional(Type.String()),
});

const ConfigBody = (create: boolean) =>
  Type.Object(
    {
      sso_config: Type.Object(
        {
          display_name: create ? Name() : Type.Optional(Name()),
          is_migrated: Type.Optional(Type.Boolean({ description: 'Set by migration scripts; a list can be filtered by it. Fixed once created.' })),
          payload: create ? CreatePayload : Type.Optional(UpdatePayload),
          id: Type.Optional(Type.Unknown()),
        },
        { additionalProperties: false },
      ),
    },
    { additionalProperties: false },
  );

const Ids = (field: 'identity_ids' | 'group_ids', noun: string) =>
  Type.Object(
    { [field]: Type.Array(Type.String({ maxLength: 64 }), { minItems: 1, maxItems: 1000, description: `1 to 1000 ${noun} ids of the realm.` }) },
    { additionalProperties: false },
  );

const Assigned = Type.Object({ is_assigned_to_sso_config: Type.Boolean() });

/** What `/test` says of each connection it tried. */
const Connection = {
  display_name: Type.String(),
  is_success: Type.Boolean(),
  status_code: Type.String(),
  error_context: Type.Optional(Type.String()),
};

const typeList = Type.Optional(
  Type.Union([StringEnum(SSO_CONFIG_TYPES), Type.Array(StringEnum(SSO_CONFIG_TYPES), { maxItems: SSO_CONFIG_TYPES.length * 2 })], {
    description: 'Only configs of these types; repeat the parameter for several.',
  }),
);

const asList = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

export const ssoConfigRoutes: FastifyPluginAsyncTypebox<{ yonder: Yonder }> = async (app, { yonder }) => {
  app.addSchema(SsoConfigReply);

  app.post(
    BASE,
    {
      schema: {
        operationId: 'CreateSsoConfig',
        summary: 'Create an SSO config',
        description:
          '`generic_oidc` (and Entra, Okta-as-IdP-of-yonder) makes an OpenID Connect application with its hosted authenticator config; ' +
          "`scim` (and Nametag) a client-credentials application for yonder's own API in this realm: the caller must hold the scopes it grants " +
          '(403). Their client secret is shown in this reply only. The other types are validated and stored.',
        tags,
        security: requiresScope('sso-configs:create'),
        params: RealmParams,
        body: ConfigBody(true),
        response: { 200: Type.Ref('SsoConfig'), ...errorResponses(404) },
      },
    },
    async (request) => {
      const { display_name, is_migrated, payload } = request.body.sso_config;
      const view = await createSsoConfig(
        yonder,
        realmRef(request.params),
        {
          display_name: display_name as string,
          payload: payload as NonNullable<typeof payload>,
          ...(is_migrated !== undefined ? { is_migrated } : {}),
        },
        principalOf(request),
      );
      return reply(view);
    },
  );

  app.get(
    BASE,
    {
      schema: {
        operationId: 'ListSsoConfigs',
        summary: 'List SSO configs of a realm',
        description: 'Paged; each payload in its short form. `order_by`: `id` (the default) or `display_name`.',
        tags,
        security: requiresScope('sso-configs:read'),
        params: RealmParams,
        querystring: Type.Object({
          ...ListQuery,
          type: typeList,
          'type[]': typeList,
          is_migrated: Type.Optional(Type.Boolean({ description: 'Only configs added by a migration script (or only others).' })),
          order_by: Type.Optional(StringEnum(SSO_CONFIG_ORDERS, '`id` (creation order, the default) or `display_name`.')),
        }),
        response: { 200: ListReply, ...errorResponses(404) },
      },
    },
    async (request) => {
      const { type, 'type[]': bracketed, is_migrated, order_by, ...paging } = request.query;
      const page = await listSsoConfigs(yonder, realmRef(request.params), {
        ...paging,
        types: [...asList<SsoConfigType>(type), ...asList<SsoConfigType>(bracketed)],
        ...(is_migrated !== undefined ? { is_migrated } : {}),
        ...(order_by !== undefined ? { order_by } : {}),
      });
      return listOf(page);
    },
  );

  app.get(
    `${BASE}/:sso_config_id`,
    {
      schema: {
        operationId: 'GetSsoConfig',
        summary: 'Retrieve an SSO config',
        description: 'The config with its whole payload; secrets are not shown again.',
        tags,
        security: requiresScope('sso-configs:read'),
        params: ConfigParams,
        response: { 200: Type.Ref('SsoConfig'), ...errorResponses(404) },
      },
    },
    async (request) => reply(await getSsoConfig(yonder, realmRef(request.params), request.params.sso_config_id)),
  );

  app.patch(
    `${BASE}/:sso_config_id`,
    {
      schema: {
        operationId: 'UpdateSsoConfig',
        summary: 'Update an SSO config',
        description:
          "Changes the name and the payload fields sent. The payload names the config's own type (fixed: another is 400). " +
          'A linked application follows the change.',
        tags,
        security: requiresScope('sso-configs:update'),
        params: ConfigParams,
        body: ConfigBody(false),
        response: { 200: Type.Ref('SsoConfig'), ...errorResponses(404) },
      },
    },
    async (request) => {
      const { display_name, payload } = request.body.sso_config;
      const view = await updateSsoConfig(
        yonder,
        realmRef(request.params),
        request.params.sso_config_id,
        { ...(display_name !== undefined ? { display_name } : {}), ...(payload !== undefined ? { payload } : {}) },
        principalOf(request),
      );
      return reply(view);
    },
  );

  app.delete(
    `${BASE}/:sso_config_id`,
    {
      schema: {
        operationId: 'DeleteSsoConfig',
        summary: 'Delete an SSO config',
        description: 'Its assignments and its linked application (tokens revoked) go with it; 409 while the policy names that application.',
        tags,
        security: requiresScope('sso-configs:delete'),
        params: ConfigParams,
        response: { 200: EmptyBody, ...errorResponses(404, 409) },
      },
    },
    async (request, replyTo) => {
      await deleteSsoConfig(yonder, realmRef(request.params), request.params.sso_config_id);
      return replyTo.code(200).send();
    },
  );

  for (const [verb, kind, action, field] of [
    ['addIdentities', 'identities', 'add', 'identity_ids'],
    ['deleteIdentities', 'identities', 'remove', 'identity_ids'],
    ['addGroups', 'groups', 'add', 'group_ids'],
    ['deleteGroups', 'groups', 'remove', 'group_ids'],
  ] as const) {
    const noun = kind === 'identities' ? 'identity' : 'group';
    app.post(
      verbPath(BASE, 'sso_config_id', verb),
      {
        schema: {
          operationId: `${verb.replace(/^add/, 'Add').replace(/^delete/, 'Delete')}${action === 'add' ? 'To' : 'From'}SsoConfig`,
          summary: `${action === 'add' ? 'Assign' : 'Unassign'} ${kind} ${action === 'add' ? 'to' : 'from'} an SSO config`,
          description:
            action === 'add'
              ? `Every ${noun} must be of the realm (else 404 naming the unknown ones, and nothing changes); assigned ones stay assigned.`
              : `Ids not assigned are ignored.`,
          tags,
          security: requiresScope('sso-configs:update'),
          params: ConfigParams,
          body: Ids(field, noun),
          response: { 200: EmptyBody, ...errorResponses(404) },
        },
      },
      async (request, replyTo) => {
        const ids = (request.body as Record<string, string[]>)[field] ?? [];
        await changeAssignments(yonder, realmRef(request.params), request.params.sso_config_id, kind, action, ids);
        return replyTo.code(200).send();
      },
    );
  }

  app.get(
    verbPath(BASE, 'sso_config_id', 'listIdentityAssociations'),
    {
      schema: {
        operationId: 'ListIdentitiesForSsoConfig',
        summary: 'List the identities assigned to an SSO config, directly or through groups',
        description: 'In id order, paged; one assigned through a group names the group (`group_id`, `group_display_name`).',
        tags,
        security: requiresScope('sso-configs:read', 'identities:read', 'groups:read'),
        params: ConfigParams,
        querystring: Type.Object(ListQuery),
        response: {
          200: Type.Object({
            identities: Type.Array(
              Type.Composite([Identity, Type.Object({ group_id: Type.Optional(Type.String()), group_display_name: Type.Optional(Type.String()) })]),
            ),
            total_size: Type.Integer(),
            next_page_token: Type.Optional(Type.String()),
          }),
          ...errorResponses(404),
        },
      },
    },
    async (request) => {
      const page = await listIdentityAssociations(yonder, realmRef(request.params), request.params.sso_config_id, request.query);
      return {
        identities: page.items.map(({ identity, group }) => ({
          ...identity,
          ...(group ? { group_id: group.id, group_display_name: group.display_name } : {}),
        })),
        total_size: page.total_size,
        next_page_token: page.next_page_token,
      };
    },
  );

  app.get(
    verbPath(BASE, 'sso_config_id', 'listGroupAssociations'),
    {
      schema: {
        operationId: 'ListGroupsForSSOConfig',
        summary: 'List the groups assigned to an SSO config',
        description: 'Each with its number of members.',
        tags,
        security: requiresScope('sso-configs:read', 'groups:read'),
        params: ConfigParams,
        response: {
          200: Type.Object({
            groups: Type.Array(
              Type.Object({
                id: Type.String(),
                realm_id: Type.String(),
                tenant_id: Type.String(),
                display_name: Type.String(),
                create_time: Timestamp,
                update_time: Timestamp,
                member_count: Type.Integer(),
              }),
            ),
          }),
          ...errorResponses(404),
        },
      },
    },
    async (request) => {
      const groups = await listGroupAssociations(yonder, realmRef(request.params), request.params.sso_config_id);
      return {
        groups: groups.map(({ group, memberCount }) => ({
          id: group.id,
          realm_id: group.realm_id,
          tenant_id: group.tenant_id,
          display_name: group.display_name,
          create_time: group.create_time,
          update_time: group.update_time,
          member_count: memberCount,
        })),
      };
    },
  );

  app.post(
    `${BASE}/:sso_config_id/is-group-assigned`,
    {
      schema: {
        operationId: 'SSOIsGroupAssigned',
        summary: 'Whether any of some groups is assigned to an SSO config',
        description: 'True when at least one of `group_ids` is assigned.',
        tags,
        security: requiresScope('sso-configs:read'),
        params: ConfigParams,
        body: Type.Object(
          { group_ids: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 1000 })) },
          { additionalProperties: false },
        ),
        response: { 200: Assigned, ...errorResponses(404) },
      },
    },
    async (request) => ({
      is_assigned_to_sso_config: await isAnyGroupAssigned(
        yonder,
        realmRef(request.params),
        request.params.sso_config_id,
        request.body.group_ids ?? [],
      ),
    }),
  );

  app.post(
    `${BASE}/:sso_config_id/test`,
    {
      schema: {
        operationId: 'TestSsoConfig',
        summary: "Test an SSO config's connections",
        description:
          "Fetches the OpenID discovery document of the config's application and each identity provider's endpoints it names, " +
          'and says how each answered (`status_code` is the HTTP status, or the failure).',
        tags,
        security: requiresScope('sso-configs:read'),
        params: ConfigParams,
        response: {
          200: Type.Object({
            identity_providers: Type.Array(Type.Object({ identity_provider_id: Type.String(), ...Connection })),
            oidc_applications: Type.Array(Type.Object({ application_id: Type.String(), ...Connection })),
          }),
          ...errorResponses(404),
        },
      },
    },
    async (request) => testSsoConfig(yonder, realmRef(request.params), request.params.sso_config_id),
  );

  app.get(
    `${REALM}/identities/:identity_id/sso-configs`,
    {
      schema: {
        operationId: 'ListSsoConfigsForIdentity',
        summary: 'List the SSO configs an identity is assigned to',
        description: 'Directly or through its groups; paged, each payload in its short form.',
        tags,
        security: requiresScope('sso-configs:read'),
        params: IdentityParams,
        querystring: Type.Object(ListQuery),
        response: { 200: ListReply, ...errorResponses(404) },
      },
    },
    async (request) => listOf(await listConfigsOfIdentity(yonder, realmRef(request.params), request.params.identity_id, request.query)),
  );

  app.get(
    `${REALM}/identities/:identity_id/sso-configs/:sso_config_id/is-identity-assigned`,
    {
      schema: {
        operationId: 'IdentityToSSOConfigCheck',
        summary: 'Whether an identity is assigned to an SSO config',
        description: 'Directly or through one of its groups.',
        tags,
        security: requiresScope('sso-configs:read'),
        params: IdentityConfigParams,
        response: { 200: Assigned, ...errorResponses(404) },
      },
    },
    async (request) => ({
      is_assigned_to_sso_config: await isIdentityAssigned(yonder, realmRef(request.params), request.params.identity_id, request.params.sso_config_id),
    }),
  );

  app.get(
    `${REALM}/groups/:group_id/sso-configs`,
    {
      schema: {
        operationId: 'ListSsoConfigsForGroup',
        summary: 'List the SSO configs a group is assigned to',
        description: 'Paged, each payload in its short form.',
        tags,
        security: requiresScope('sso-configs:read'),
        params: GroupParams,
        querystring: Type.Object(ListQuery),
        response: { 200: ListReply, ...errorResponses(404) },
      },
    },
    async (request) => listOf(await listConfigsOfGroup(yonder, realmRef(request.params), request.params.group_id, request.query)),
  );

  app.get(
    `${REALM}/applications/:application_id/sso-configs-id`,
    {
      schema: {
        operationId: 'ApplicationIdToSSOConfigId',
        summary: 'The SSO config an application was made for',
        description: '`sso_config_id` is absent for an application of no SSO config.',
        tags,
        security: requiresScope('sso-configs:read'),
        params: ApplicationParams,
        response: { 200: Type.Object({ sso_config_id: Type.Optional(Type.String()) }), ...errorResponses(404) },
      },
    },
    async (request) => {
      const id = await ssoConfigIdOfApplication(yonder, realmRef(request.params), request.params.application_id);
      return id === null ? {} : { sso_config_id: id };
    },
  );
};

function reply(view: Parameters<typeof replyPayload>[0]) {
  return { id: view.config.id, display_name: view.config.display_name, payload: replyPayload(view) };
}

function listOf(page: Awaited<ReturnType<typeof listConfigsOfGroup>>) {
  return {
    sso_configs: page.items.map((view) => ({ ...reply(view), payload: listPayload(view) })),
    total_size: page.total_size,
    next_page_token: page.next_page_token,
  };
}
