import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { FLOW_TYPES, type FlowTypeConfig, PLATFORMS } from '../../domain/passkeys/flow-types.js';
import type { Yonder } from '../../services/context.js';
import { getFlowTypeConfig, updateFlowTypeConfig } from '../../services/passkeys/flow-types.js';
import { RealmParams, Timestamp, errorResponses, requiresScope } from '../schemas.js';
import { realmRef } from '../params.js';

const PATH = '/v1/tenants/:tenant_id/realms/:realm_id/flow-type-config';
const tags = ['Launch Mechanisms'];

/** One object per platform, one property per flow type: `make` builds the flow type's own schema. */
function perPlatform(make: (optional: boolean) => ReturnType<typeof Type.Object>, optional: boolean) {
  const set = Type.Object(Object.fromEntries(FLOW_TYPES.map((flow) => [flow, optional ? Type.Optional(make(true)) : make(false)])), {
    additionalProperties: false,
  });
  return Type.Object(Object.fromEntries(PLATFORMS.map((platform) => [platform, optional ? Type.Optional(set) : set])), {
    additionalProperties: false,
  });
}

const Setting = (optional: boolean) =>
  Type.Object(
    optional ? { enabled: Type.Optional(Type.Boolean()), valid: Type.Optional(Type.Boolean()) } : { enabled: Type.Boolean(), valid: Type.Boolean() },
    { additionalProperties: false },
  );

const FlowTypeConfigSchema = Type.Object(
  {
    id: Type.String(),
    tenant_id: Type.String(),
    realm_id: Type.String(),
    create_time: Timestamp,
    update_time: Timestamp,
    platform_config: perPlatform(Setting, false),
  },
  { $id: 'FlowTypeConfig' },
);

/** The contract's body is the platform object itself; nothing it does not name is taken. */
const PatchBody = perPlatform(Setting, true);

/**
 * The contract names the security scheme `DirectoryAuth`, which it does not define; yonder reads it
 * as the bearer token every other operation takes, with every scope it lists required.
 */
const GET_SCOPES = ['tenants:read', 'realms:read', 'flow-type:read', 'flow-type:create'] as const;
const PATCH_SCOPES = [...GET_SCOPES, 'flow-type:update'] as const;

function reply(config: FlowTypeConfig) {
  const { id, tenant_id, realm_id, create_time, update_time, platform_config } = config;
  return { id, tenant_id, realm_id, create_time, update_time, platform_config };
}

export const flowTypeRoutes: FastifyPluginAsyncTypebox<{ yonder: Yonder }> = async (app, { yonder }) => {
  app.addSchema(FlowTypeConfigSchema);

  app.get(
    PATH,
    {
      schema: {
        operationId: 'GetFlowTypeConfig',
        summary: "The realm's flow type configuration (launch mechanisms), made with the defaults on first read",
        description:
          "The realm's flow type configuration: 8 platforms × 13 flow types, each `{enabled, valid}`. The first read stores the default " +
          "document. yonder enforces the web platform's `embedded` and `copy` flows on binding links; the rest are kept for Beyond Identity's native authenticator.",
        tags,
        security: requiresScope(...GET_SCOPES),
        params: RealmParams,
        response: { 200: Type.Ref('FlowTypeConfig'), ...errorResponses(404) },
      },
    },
    async (request) => reply(await getFlowTypeConfig(yonder, realmRef(request.params))),
  );

  app.patch(
    PATH,
    {
      schema: {
        operationId: 'UpdateFlowTypeConfig',
        summary: "Change the realm's flow type configuration: a deep merge; unknown fields are refused",
        description:
          'Merges the body into the document field by field (platform, flow type, `enabled` or `valid`); what the body leaves out stays. ' +
          'A platform, flow type or field the contract does not name is a 400.',
        tags,
        security: requiresScope(...PATCH_SCOPES),
        params: RealmParams,
        body: PatchBody,
        response: { 200: Type.Ref('FlowTypeConfig'), ...errorResponses(404) },
      },
    },
    async (request) => reply(await updateFlowTypeConfig(yonder, realmRef(request.params), request.body)),
  );
};
