import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Name, ReadOnly, TenantParams, Timestamp, errorResponses, requiresScope } from '../schemas.js';
import type { Yonder } from '../../services/context.js';
import { publicTenant, updateTenant } from '../../services/directory/tenancy.js';
import { requireTenant } from '../../services/directory/tenancy-lookup.js';

const tags = ['Tenants'];

const Tenant = Type.Object({ id: Type.String(), display_name: Type.String(), create_time: Timestamp, update_time: Timestamp }, { $id: 'Tenant' });

export const tenantRoutes: FastifyPluginAsyncTypebox<{ yonder: Yonder }> = async (app, { yonder }) => {
  app.addSchema(Tenant);

  app.get(
    '/v1/tenants/:tenant_id',
    {
      schema: {
        operationId: 'GetTenant',
        description: 'The tenant the token belongs to: its id, display name and times.',
        summary: 'Retrieve the tenant',
        tags,
        security: requiresScope('tenants:read'),
        params: TenantParams,
        response: { 200: Type.Ref('Tenant'), ...errorResponses() },
      },
    },
    async (request) => publicTenant(await requireTenant(yonder.store, request.params.tenant_id)),
  );

  app.patch(
    '/v1/tenants/:tenant_id',
    {
      schema: {
        operationId: 'UpdateTenant',
        description: "Changes the tenant's display name; only the fields sent change.",
        summary: 'Update the tenant',
        tags,
        security: requiresScope('tenants:update'),
        params: TenantParams,
        body: Type.Object({
          tenant: Type.Object(
            { display_name: Type.Optional(Name()), id: ReadOnly, create_time: ReadOnly, update_time: ReadOnly },
            { additionalProperties: false },
          ),
        }),
        response: { 200: Type.Ref('Tenant'), ...errorResponses() },
      },
    },
    async (request) => updateTenant(yonder, request.params.tenant_id, { display_name: request.body.tenant.display_name }),
  );
};
