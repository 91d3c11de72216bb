import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  type Application,
  CONFIDENTIALITIES,
  GRANT_TYPES,
  PKCE_CONFIGS,
  PROTOCOL_TYPES,
  SUBJECT_FIELDS,
  TOKEN_ENDPOINT_AUTH_METHODS,
  TOKEN_FORMATS,
} from '../../domain/access/application.js';
import { PLAIN_TEXT_PATTERN } from '../../domain/directory/names.js';
import { MAX_SCOPES, SCOPE_MAX_LENGTH } from '../../domain/access/resource-server.js';
import { principalOf } from '../auth.js';
import { EmptyBody, ListQuery, ReadOnly, RealmParams, StringEnum, errorResponses, requiresScope, verbPath } from '../schemas.js';
import {
  type IssuedApplication,
  createApplication,
  deleteApplication,
  getApplication,
  listApplications,
  rotateClientSecret,
  updateApplication,
} from '../../services/access/applications.js';
import type { Yonder } from '../../services/context.js';
import { samlProtocolExtras } from '../../services/saml/sign-in.js';
import { noStore } from '../no-store.js';
import { realmRef } from '../params.js';

const BASE = '/v1/tenants/:tenant_id/realms/:realm_id/applications';
const ApplicationParams = Type.Composite([
  RealmParams,
  Type.Object({ application_id: Type.String({ maxLength: 64, description: "The application's id, within the realm." }) }),
]);
const tags = ['Applications'];

/**
 * The fields yonder acts on are typed here; the rules between them (scopes of the resource
 * server, public clients, lifetimes) are the domain's. Other fields are kept as given.
 */
const ProtocolConfigSchema = Type.Object(
  {
    type: StringEnum(
      PROTOCOL_TYPES,
      '`oauth2`, `oidc`, or `saml`: a SAML 2.0 service provider yonder signs people in to (the SSO config payload of that type; no client credentials).',
    ),
    allowed_scopes: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: SCOPE_MAX_LENGTH }), {
        maxItems: MAX_SCOPES,
        description: "A subset of the resource server's scopes; empty without a resource server.",
      }),
    ),
    confidentiality: Type.Optional(StringEnum(CONFIDENTIALITIES, 'Default `confidential`.')),
    token_endpoint_auth_method: Type.Optional(
      StringEnum(TOKEN_ENDPOINT_AUTH_METHODS, 'Confidential clients may authenticate by HTTP Basic or in the body either way.'),
    ),
    grant_type: Type.Optional(Type.Array(StringEnum(GRANT_TYPES), { maxItems: 2 })),
    redirect_uris: Type.Optional(Type.Array(Type.String({ maxLength: 2048 }), { maxItems: 100 })),
    token_configuration: Type.Optional(
      Type.Object(
        {
          expires_after: Type.Integer({ minimum: 0, maximum: 4294967295, description: 'Seconds; 1 to 7776000 (90 days).' }),
          subject_field: Type.Optional(StringEnum(SUBJECT_FIELDS)),
          token_signing_algorithm: Type.Optional(StringEnum(['RS256'] as const)),
        },
        { additionalProperties: false },
      ),
    ),
    pkce: Type.Optional(StringEnum(PKCE_CONFIGS)),
    enable_refresh_tokens: Type.Optional(
      Type.Boolean({
        description:
          'yonder\'s extension for Beyond Identity\'s console switch "Enable Refresh Tokens": an `authorization_code` ' +
          'application also issues rotating refresh tokens.',
      }),
    ),
    token_format: Type.Optional(
      StringEnum(TOKEN_FORMATS, '`self_contained` (JWT, the default); `referential` (opaque) for `oidc` applications without `client_credentials`.'),
    ),
    client_id: Type.Optional(Type.String({ description: 'Read-only: set by yonder.' })),
    client_secret: Type.Optional(
      Type.String({
        description:
          'Read-only. In the reply that issued it (create, an update that made the client confidential, ' +
          '`:rotateSecret`), and in reads by a token holding `applications:read-secrets` while yonder keeps it sealed ' +
          '(`CLIENT_SECRETS=sealed`, the default); never to any other reader. A lost secret is replaced with `:rotateSecret`.',
      }),
    ),
  },
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
    classification: Type.Optional(Type.String({ description: '`management_api` for the managed Management API application.' })),
    protocol_config: ProtocolConfigSchema,
  },
  { $id: 'Application' },
);

const applicationInput = (create: boolean) =>
  Type.Object(
    {
      display_name: create
        ? Type.String({ minLength: 1, maxLength: 64, pattern: PLAIN_TEXT_PATTERN })
        : Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: PLAIN_TEXT_PATTERN })),
      protocol_config: create ? ProtocolConfigSchema : Type.Optional(ProtocolConfigSchema),
      resource_server_id: Type.Optional(Type.String({ maxLength: 64 })),
      authenticator_config_id: Type.Optional(Type.String({ maxLength: 64 })),
      id: ReadOnly,
      realm_id: ReadOnly,
      tenant_id: ReadOnly,
      is_managed: ReadOnly,
      classification: ReadOnly,
    },
    { additionalProperties: false },
  );

/**
 * The contract's shape: unset optional ids are left out, yonder's bookkeeping stays inside. The
 * client secret appears only when it was issued by this very request, or read by a holder of
 * `applications:read-secrets`.
 */
function reply(app: Application, clientSecret: string | null = null) {
  return {
    id: app.id,
    realm_id: app.realm_id,
    tenant_id: app.tenant_id,
    ...(app.resource_server_id !== null ? { resource_server_id: app.resource_server_id } : {}),
    ...(app.authenticator_config_id !== null ? { authenticator_config_id: app.authenticator_config_id } : {}),
    display_name: app.display_name,
    is_managed: app.is_managed,
    ...(app.classification !== null ? { classification: app.classification } : {}),
    protocol_config: {
      ...app.protocol_config,
      ...(app.client_id !== null ? { client_id: app.client_id } : {}),
      ...(clientSecret !== null ? { client_secret: clientSecret } : {}),
    },
  };
}

/** `reply`, and for a SAML application its read-only fields (the IdP certificate, its URLs). */
async function replyOf(yonder: Yonder, app: Application, clientSecret: string | null = null) {
  const body = reply(app, clientSecret);
  if (app.protocol_config.type !== 'saml') return body;
  return { ...body, protocol_config: { ...body.protocol_config, ...(await samlProtocolExtras(yonder, app)) } };
}

function replyIssued(yonder: Yonder, issued: IssuedApplication) {
  return replyOf(yonder, issued.application, issued.clientSecret);
}

export const applicationRoutes: FastifyPluginAsyncTypebox<{ yonder: Yonder }> = async (app, { yonder }) => {
  app.addSchema(ApplicationSchema);

  app.post(
    BASE,
    {
      onRequest: noStore,
      schema: {
        operationId: 'CreateApplication',
        summary: 'Create a new application',
        description:
          'Issues a `client_id`, and for confidential clients a 256-bit `client_secret` that is shown only in this reply. ' +
          "`allowed_scopes` must be scopes of the application's resource server (same realm). On the Management API " +
          'resource server they must be scopes the caller holds (else 403: nothing grants more than its caller holds); ' +
          "such an application's tokens are restricted to its realm. `expires_after` is at most 7776000 seconds (90 days).",
        tags,
        security: requiresScope('applications:create'),
        params: RealmParams,
        body: Type.Object({ application: applicationInput(true) }),
        response: { 200: Type.Ref('Application'), ...errorResponses(404) },
      },
    },
    async (request) => {
      const { display_name, protocol_config, resource_server_id, authenticator_config_id } = request.body.application;
      const input = {
        display_name,
        protocol_config,
        ...(resource_server_id !== undefined ? { resource_server_id } : {}),
        ...(authenticator_config_id !== undefined ? { authenticator_config_id } : {}),
      };
      const created = await createApplication(yonder, realmRef(request.params), input, principalOf(request));
      return replyIssued(yonder, created);
    },
  );

  app.get(
    BASE,
    {
      // A holder of applications:read-secrets reads the secret here.
      onRequest: noStore,
      schema: {
        operationId: 'ListApplications',
        summary: 'List applications of a realm',
        description:
          'Each application with its `client_id`, and its `client_secret` for a token holding `applications:read-secrets` ' + '(see GetApplication).',
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
      const page = await listApplications(yonder, realmRef(request.params), request.query, principalOf(request));
      return {
        applications: await Promise.all(page.items.map((a) => replyOf(yonder, a, page.clientSecrets.get(a.id) ?? null))),
        total_size: page.total_size,
        next_page_token: page.next_page_token,
      };
    },
  );

  app.get(
    `${BASE}/:application_id`,
    {
      // A holder of applications:read-secrets reads the secret here.
      onRequest: noStore,
      schema: {
        operationId: 'GetApplication',
        summary: 'Retrieve an application',
        description:
          '`protocol_config.client_id` is included. `client_secret` is included for a token holding ' +
          '`applications:read-secrets` and every Management API scope the application allows (tenant-wide for the managed ' +
          'Management API application: a secret is its power), each such read an `application.secret_read` event, when yonder keeps the ' +
          'secret sealed (`CLIENT_SECRETS=sealed`, the default; secrets issued before yonder kept them are hashed ' +
          'only). Otherwise it never is; rotate it with `POST .../applications/{application_id}:rotateSecret`.',
        tags,
        security: requiresScope('applications:read'),
        params: ApplicationParams,
        response: { 200: Type.Ref('Application'), ...errorResponses(404) },
      },
    },
    async (request) => {
      const read = await getApplication(yonder, realmRef(request.params), request.params.application_id, principalOf(request));
      return replyOf(yonder, read.application, read.clientSecret);
    },
  );

  app.patch(
    `${BASE}/:application_id`,
    {
      onRequest: noStore,
      schema: {
        operationId: 'UpdateApplication',
        summary: 'Update an application',
        description:
          'Omitted fields are left unchanged; `protocol_config` is replaced as a whole. Managed applications: 409. The ' +
          'caller must hold every Management API scope the application allows once changed (403). Tokens issued before ' +
          'stop carrying scopes it no longer allows.',
        tags,
        security: requiresScope('applications:update'),
        params: ApplicationParams,
        body: Type.Object({ application: applicationInput(false) }),
        response: { 200: Type.Ref('Application'), ...errorResponses(404, 409) },
      },
    },
    async (request) => {
      const { display_name, protocol_config, resource_server_id, authenticator_config_id } = request.body.application;
      const patch = {
        ...(display_name !== undefined ? { display_name } : {}),
        ...(protocol_config !== undefined ? { protocol_config } : {}),
        ...(resource_server_id !== undefined ? { resource_server_id } : {}),
        ...(authenticator_config_id !== undefined ? { authenticator_config_id } : {}),
      };
      const updated = await updateApplication(yonder, realmRef(request.params), request.params.application_id, patch, principalOf(request));
      return replyIssued(yonder, updated);
    },
  );

  app.post(
    verbPath(BASE, 'application_id', 'rotateSecret'),
    {
      onRequest: noStore,
      schema: {
        operationId: 'RotateApplicationSecret',
        summary: 'Issue a new client secret (yonder)',
        description:
          "yonder's own. Replaces the client secret of a confidential application, managed ones included, and answers " +
          'the application with the new `protocol_config.client_secret`. The previous secret stops working at once, on ' +
          'every process. Unless the caller may read secrets (`applications:read-secrets`), this is how a lost secret is replaced ' +
          '(the `yonder app credentials` command does the same). Public clients have no secret: 409. The secret is the ' +
          "application's power, so the caller must hold every Management API scope it allows, and for the managed " +
          'Management API application (tenant-wide tokens) every management scope without a realm restriction (403). ' +
          'Tokens issued before keep working. The change is recorded as an `application.secret_rotated` event, without ' +
          'the secret or its hash.',
        tags,
        security: requiresScope('applications:update'),
        params: ApplicationParams,
        response: { 200: Type.Ref('Application'), ...errorResponses(404, 409) },
      },
    },
    async (request) =>
      replyIssued(yonder, await rotateClientSecret(yonder, realmRef(request.params), request.params.application_id, principalOf(request))),
  );

  app.delete(
    `${BASE}/:application_id`,
    {
      schema: {
        operationId: 'DeleteApplication',
        summary: 'Delete an application',
        description:
          "Answers 409 naming the rules while a rule of the realm's current policy names the application. The tokens it " +
          'issued are revoked with it.',
        tags,
        security: requiresScope('applications:delete'),
        params: ApplicationParams,
        response: { 200: EmptyBody, ...errorResponses(404, 409) },
      },
    },
    async (request, replyTo) => {
      await deleteApplication(yonder, realmRef(request.params), request.params.application_id);
      return replyTo.code(200).send();
    },
  );
};
