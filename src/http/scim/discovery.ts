import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { RealmParams } from '../schemas.js';
import type { Yonder } from '../../services/context.js';
import { MAX_COUNT, listResponse } from '../../protocols/scim/collection-query.js';
import { BULK_LIMITS } from './bulk.js';
import { scimBaseUrl } from './paths.js';
import { type RealmParamsShape, realmRef } from '../params.js';
import {
  type AttributeDef,
  CORE_GROUP,
  CORE_USER,
  ENTERPRISE_ATTRIBUTES,
  ENTERPRISE_USER,
  GROUP_ATTRIBUTES,
  USER_ATTRIBUTES,
} from '../../protocols/scim/schema.js';
import { SCIM_MEDIA_TYPE } from './errors.js';
import { ScimFailure } from '../../protocols/scim/problems.js';

/**
 * Discovery (RFC 7644 §4, RFC 7643 §5–7): what this SCIM service supports, exactly. A resource
 * type is listed only once it works.
 */
export interface ScimResourceType {
  id: string;
  endpoint: string;
  description: string;
  schema: { id: string; name: string; description: string; attributes: AttributeDef[] };
  extensions: { id: string; name: string; description: string; attributes: AttributeDef[]; required: boolean }[];
}

export const USER_RESOURCE_TYPE: ScimResourceType = {
  id: 'User',
  endpoint: '/Users',
  description: 'A user is an identity of the realm.',
  schema: { id: CORE_USER, name: 'User', description: 'User Account', attributes: USER_ATTRIBUTES },
  extensions: [
    {
      id: ENTERPRISE_USER,
      name: 'EnterpriseUser',
      description: 'Enterprise User',
      attributes: ENTERPRISE_ATTRIBUTES,
      required: false,
    },
  ],
};

export const GROUP_RESOURCE_TYPE: ScimResourceType = {
  id: 'Group',
  endpoint: '/Groups',
  description: 'A group of the realm (the v1 group); its members are users of the same realm.',
  schema: { id: CORE_GROUP, name: 'Group', description: 'Group', attributes: GROUP_ATTRIBUTES },
  extensions: [],
};

export const RESOURCE_TYPES: ScimResourceType[] = [USER_RESOURCE_TYPE, GROUP_RESOURCE_TYPE];

const SPC_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
const RT_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
const SCHEMA_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema';

function resourceTypeResource(base: string, type: ScimResourceType) {
  return {
    schemas: [RT_SCHEMA],
    id: type.id,
    name: type.id,
    endpoint: type.endpoint,
    description: type.description,
    schema: type.schema.id,
    schemaExtensions: type.extensions.map((e) => ({ schema: e.id, required: e.required })),
    meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/${type.id}` },
  };
}

function schemaResources(base: string) {
  const all = RESOURCE_TYPES.flatMap((t) => [t.schema, ...t.extensions]);
  return all.map((s) => ({
    schemas: [SCHEMA_SCHEMA],
    id: s.id,
    name: s.name,
    description: s.description,
    attributes: s.attributes,
    meta: { resourceType: 'Schema', location: `${base}/Schemas/${s.id}` },
  }));
}

// Discovery needs a valid token of the realm's tenant but no particular scope (the contract's
// global `BearerAuth: []`).
const anyToken = [{ BearerAuth: [] as string[] }];
const tags = ['SCIM'];
const IdParams = Type.Composite([
  RealmParams,
  Type.Object({ id: Type.String({ maxLength: 256, description: "The resource type's name (User, Group) or the schema's URN." }) }),
]);

export const discoveryRoutes: FastifyPluginAsyncTypebox<{ yonder: Yonder }> = async (app, { yonder }) => {
  const base = (params: RealmParamsShape) => scimBaseUrl(yonder.config.publicUrl, realmRef(params));

  app.get(
    '/ServiceProviderConfig',
    {
      schema: {
        operationId: 'GetServiceProviderConfig',
        description:
          'SCIM discovery (RFC 7644 §4): which optional features (PATCH, bulk, filter, sort, ETags) this service supports and their limits.',
        summary: 'What this SCIM service supports',
        tags,
        security: anyToken,
        params: RealmParams,
      },
    },
    async (request, reply) =>
      reply.type(SCIM_MEDIA_TYPE).send({
        schemas: [SPC_SCHEMA],
        documentationUri: `${yonder.config.publicUrl}/docs`,
        patch: { supported: true },
        bulk: { supported: true, maxOperations: BULK_LIMITS.maxOperations, maxPayloadSize: BULK_LIMITS.maxPayloadSize },
        filter: { supported: true, maxResults: MAX_COUNT },
        changePassword: { supported: false },
        sort: { supported: true },
        etag: { supported: true },
        authenticationSchemes: [
          {
            type: 'oauthbearertoken',
            name: 'OAuth Bearer Token',
            description: 'A yonder management token holding scim:users:* and scim:groups:* (or scim:all).',
            primary: true,
          },
        ],
        meta: { resourceType: 'ServiceProviderConfig', location: `${base(request.params)}/ServiceProviderConfig` },
      }),
  );

  app.get(
    '/ResourceTypes',
    {
      schema: {
        operationId: 'ListResourceTypes',
        description: 'SCIM discovery: the resource types served here, User and Group, with their endpoints and schemas.',
        summary: 'The resource types served',
        tags,
        security: anyToken,
        params: RealmParams,
      },
    },
    async (request, reply) => {
      const resources = RESOURCE_TYPES.map((t) => resourceTypeResource(base(request.params), t));
      return reply.type(SCIM_MEDIA_TYPE).send(listResponse(resources, resources.length, 1));
    },
  );

  app.get(
    '/ResourceTypes/:id',
    {
      schema: {
        operationId: 'GetResourceType',
        description: 'SCIM discovery: one resource type, User or Group, by name.',
        summary: 'One resource type',
        tags,
        security: anyToken,
        params: IdParams,
      },
    },
    async (request, reply) => {
      const type = RESOURCE_TYPES.find((t) => t.id === request.params.id);
      if (!type) throw new ScimFailure({ status: 404, detail: `resource type ${request.params.id} not found` });
      return reply.type(SCIM_MEDIA_TYPE).send(resourceTypeResource(base(request.params), type));
    },
  );

  app.get(
    '/Schemas',
    {
      schema: {
        operationId: 'ListSchemas',
        description: 'SCIM discovery: the schemas of the resources served, with every attribute and its mutability.',
        summary: 'The schemas served',
        tags,
        security: anyToken,
        params: RealmParams,
      },
    },
    async (request, reply) => {
      const resources = schemaResources(base(request.params));
      return reply.type(SCIM_MEDIA_TYPE).send(listResponse(resources, resources.length, 1));
    },
  );

  app.get(
    '/Schemas/:id',
    {
      schema: {
        operationId: 'GetSchema',
        description: 'SCIM discovery: one schema, by its URN.',
        summary: 'One schema',
        tags,
        security: anyToken,
        params: IdParams,
      },
    },
    async (request, reply) => {
      const schema = schemaResources(base(request.params)).find((s) => s.id === request.params.id);
      if (!schema) throw new ScimFailure({ status: 404, detail: `schema ${request.params.id} not found` });
      return reply.type(SCIM_MEDIA_TYPE).send(schema);
    },
  );
};
