import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import type { Grantor } from '../../domain/access/scopes.js';
import { principalOf } from '../auth.js';
import { RealmParams } from '../schemas.js';
import type { Yonder } from '../../services/context.js';
import type { RealmRef } from '../../services/directory/identities.js';
import { type Paging, type Projection, listResponse, parsePaging, parseProjection } from '../../protocols/scim/collection-query.js';
import { type Result, orFail } from '../../protocols/scim/problems.js';
import { type ScimResource, etagOf } from '../../protocols/scim/user-mapping.js';
import { etagMatches } from '../../protocols/scim/etag.js';
import { header, prefersMinimalReturn, scimBaseUrl, scimScope } from './paths.js';
import { type RealmParamsShape, realmRef } from '../params.js';
import { SCIM_MEDIA_TYPE } from './errors.js';

/** A row of the directory as a SCIM resource: where it lives, and its version (the ETag). */
interface Versioned {
  id: string;
  tenant_id: string;
  realm_id: string;
  version: number;
}

/** One route's words in the OpenAPI document. */
type RouteDoc = [operationId: string, summary: string, description?: string];
const describe = ([operationId, summary, description]: RouteDoc) => ({ operationId, summary, ...(description ? { description } : {}) });

/** A list's terms; the projection too, so a search can read what only the reply needs (a User's groups). */
type Search<Filter, Sort> = Paging & { sort: Sort; filter?: Filter; projection: Projection };
type Write<Row> = (y: Yonder, ref: RealmRef, id: string, body: unknown, caller: Grantor, ifMatch?: string) => Promise<Row>;

/**
 * What one SCIM resource type brings to its routes: its path, its documentation, its service
 * calls, and how its rows become SCIM resources. The rest is the same for every type and lives
 * in `provisioningRoutes`: scopes, ETags (If-None-Match on a read, If-Match on a write), the
 * projection, `Location` on create (RFC 7644 §3.3), the list envelope.
 */
export interface ScimResourceType<Row extends Versioned, Filter, Sort> {
  /** `Users` or `Groups`: the path below the SCIM prefix; its scopes are `scim:users:read` and so on. */
  path: 'Users' | 'Groups';
  /** The name of the id in the item path (`/Users/:user_id`). */
  idParam: string;
  /** What the list query's `filter` and `sortBy` and the projection's `excludedAttributes` accept here. */
  queryDocs: { filter: string; sortBy: string; excludedAttributes: string };
  docs: { list: RouteDoc; create: RouteDoc; get: RouteDoc; replace: RouteDoc; patch: RouteDoc; delete: RouteDoc };
  /** The list query's `filter` and `sortBy`, read into the search's terms. */
  parse: { filter: (text: string) => Result<Filter>; sort: (query: { sortBy?: string; sortOrder?: string }) => Result<Sort> };
  search: (y: Yonder, ref: RealmRef, search: Search<Filter, Sort>) => Promise<{ rows: Row[]; total: number }>;
  /** The use cases behind the item routes (services/directory/scim-*.ts). */
  services: {
    get: (y: Yonder, ref: RealmRef, id: string) => Promise<Row>;
    create: (y: Yonder, ref: RealmRef, body: unknown, caller: Grantor) => Promise<Row>;
    replace: Write<Row>;
    patch: Write<Row>;
    remove: (y: Yonder, ref: RealmRef, id: string, ifMatch?: string) => Promise<void>;
  };
  /** The rows as projected SCIM resources; `created` when they are the reply to a create. */
  toScim: (y: Yonder, rows: readonly Row[], projection: Projection, created: boolean) => Promise<ScimResource[]>;
  /**
   * How a PATCH may answer besides 200 with the resource: 204 when the client prefers
   * `return=minimal` (RFC 7240), and the projection used when the client names none.
   */
  patchReply?: { honoursReturnMinimal: boolean; projection: (asked: Projection) => Projection };
}

/** The absolute URL of a resource of a realm's SCIM service, its `Location` and `meta.location`. */
export function resourceLocation(y: Yonder, path: 'Users' | 'Groups', row: Versioned): string {
  return `${scimBaseUrl(y.config.publicUrl, { tenantId: row.tenant_id, realmId: row.realm_id })}/${path}/${row.id}`;
}

const tags = ['SCIM'];
const ScimBody = Type.Unknown({ description: 'A SCIM resource (application/scim+json or application/json).' });

/** `/{path}` and `/{path}/{id}` of one resource type: search, create, read, replace, patch, delete. */
export function provisioningRoutes<Row extends Versioned, Filter, Sort>(
  type: ScimResourceType<Row, Filter, Sort>,
): FastifyPluginAsyncTypebox<{ yonder: Yonder }> {
  const { path, docs, queryDocs, services } = type;
  const scope = (action: 'read' | 'create' | 'update' | 'delete') => scimScope(`scim:${path.toLowerCase()}:${action}`);
  // The id's name is a value here, which TypeBox cannot type: the static type is said, and the
  // schema requires the id, so `idOf` finds it.
  const ItemParams = Type.Unsafe<RealmParamsShape & Record<string, string>>(
    Type.Composite([
      RealmParams,
      Type.Object({ [type.idParam]: Type.String({ maxLength: 64, description: `The ${type.path === 'Users' ? 'User' : 'Group'}'s id.` }) }),
    ]),
  );
  const idOf = (params: Record<string, string>) => params[type.idParam]!;
  const ProjectionQuery = {
    attributes: Type.Optional(Type.String({ maxLength: 2048, description: 'Comma-separated attributes to return.' })),
    excludedAttributes: Type.Optional(Type.String({ maxLength: 2048, description: queryDocs.excludedAttributes })),
  };
  const ListQuery = Type.Object({
    filter: Type.Optional(Type.String({ description: queryDocs.filter })),
    startIndex: Type.Optional(Type.String({ description: '1-based index of the first result.' })),
    count: Type.Optional(Type.String({ description: 'Results per page; default 100, at most 1000; 0 gives only totalResults.' })),
    sortBy: Type.Optional(Type.String({ description: queryDocs.sortBy })),
    sortOrder: Type.Optional(Type.String({ description: 'ascending (default) or descending.' })),
    ...ProjectionQuery,
  });

  return async (app, { yonder: y }) => {
    /** Answers with one resource and its ETag, and its `Location` when it was just created. */
    async function send(reply: FastifyReply, row: Row, status: 200 | 201, projection: Projection) {
      if (status === 201) reply.header('location', resourceLocation(y, path, row));
      const [resource] = await type.toScim(y, [row], projection, status === 201);
      return reply.code(status).header('etag', etagOf(row.version)).type(SCIM_MEDIA_TYPE).send(resource);
    }

    app.get(
      `/${path}`,
      { schema: { ...describe(docs.list), tags, security: scope('read'), params: RealmParams, querystring: ListQuery } },
      async (request, reply) => {
        const q = request.query;
        const paging = orFail(parsePaging(q));
        const sort = orFail(type.parse.sort(q));
        const projection = parseProjection(q);
        const filter = q.filter !== undefined && q.filter.trim() !== '' ? orFail(type.parse.filter(q.filter)) : undefined;
        const { rows, total } = await type.search(y, realmRef(request.params), { ...paging, sort, projection, ...(filter ? { filter } : {}) });
        return reply.type(SCIM_MEDIA_TYPE).send(listResponse(await type.toScim(y, rows, projection, false), total, paging.startIndex));
      },
    );

    app.post(
      `/${path}`,
      {
        schema: {
          ...describe(docs.create),
          tags,
          security: scope('create'),
          params: RealmParams,
          querystring: Type.Object(ProjectionQuery),
          body: ScimBody,
        },
      },
      async (request, reply) => {
        const row = await services.create(y, realmRef(request.params), request.body, principalOf(request));
        return send(reply, row, 201, parseProjection(request.query));
      },
    );

    const item = `/${path}/:${type.idParam}`;
    app.get(
      item,
      { schema: { ...describe(docs.get), tags, security: scope('read'), params: ItemParams, querystring: Type.Object(ProjectionQuery) } },
      async (request, reply) => {
        const row = await services.get(y, realmRef(request.params), idOf(request.params));
        const ifNoneMatch = header(request, 'if-none-match');
        if (ifNoneMatch !== undefined && etagMatches(ifNoneMatch, row.version)) {
          return reply.code(304).header('etag', etagOf(row.version)).send();
        }
        return send(reply, row, 200, parseProjection(request.query));
      },
    );

    const writeSchema = (doc: RouteDoc) => ({
      schema: { ...describe(doc), tags, security: scope('update'), params: ItemParams, querystring: Type.Object(ProjectionQuery), body: ScimBody },
    });
    app.put(item, writeSchema(docs.replace), async (request, reply) => {
      const p = request.params;
      const row = await services.replace(y, realmRef(p), idOf(p), request.body, principalOf(request), header(request, 'if-match'));
      return send(reply, row, 200, parseProjection(request.query));
    });

    app.patch(item, writeSchema(docs.patch), async (request, reply) => {
      const p = request.params;
      const row = await services.patch(y, realmRef(p), idOf(p), request.body, principalOf(request), header(request, 'if-match'));
      const patchReply = type.patchReply;
      if (patchReply?.honoursReturnMinimal && prefersMinimalReturn(header(request, 'prefer'))) {
        return reply.code(204).header('etag', etagOf(row.version)).header('preference-applied', 'return=minimal').send();
      }
      const asked = parseProjection(request.query);
      return send(reply, row, 200, patchReply ? patchReply.projection(asked) : asked);
    });

    app.delete(item, { schema: { ...describe(docs.delete), tags, security: scope('delete'), params: ItemParams } }, async (request, reply) => {
      const p = request.params;
      await services.remove(y, realmRef(p), idOf(p), header(request, 'if-match'));
      return reply.code(204).send();
    });
  };
}
