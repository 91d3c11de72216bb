import type { FastifyPluginAsync } from 'fastify';
import type { Yonder } from '../../services/context.js';
import { bulkRoutes, groupBulkHandler, userBulkHandler } from './bulk.js';
import { discoveryRoutes } from './discovery.js';
import { groupProvisioningRoutes } from './groups.js';
import { SCIM_PREFIX } from './paths.js';
import { installScimErrorHandling } from './errors.js';
import { userProvisioningRoutes } from './users.js';

/**
 * SCIM 2.0 (RFC 7643, 7644) for one realm at `/v1/tenants/{t}/realms/{r}/scim/v2`. Registered
 * inside the v1 block, so the bearer-auth hook guards it; everything that goes wrong here,
 * including that hook's 401 and 403, is answered in the SCIM error shape.
 * Each resource type has its provisioning routes, a `ScimResourceType` entry in discovery and a
 * `BulkHandler` for `/Bulk`.
 */
export const scimPlugin: FastifyPluginAsync<{ yonder: Yonder }> = async (app, { yonder }) => {
  await app.register(
    async (scim) => {
      installScimErrorHandling(scim);
      await scim.register(discoveryRoutes, { yonder });
      await scim.register(userProvisioningRoutes, { yonder });
      await scim.register(groupProvisioningRoutes, { yonder });
      await scim.register(bulkRoutes, { yonder, handlers: [userBulkHandler(yonder), groupBulkHandler(yonder)] });
    },
    { prefix: SCIM_PREFIX },
  );
};
