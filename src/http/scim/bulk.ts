import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Group } from '../../domain/directory/group.js';
import type { Grantor } from '../../domain/access/scopes.js';
import { principalOf } from '../auth.js';
import { BODY_LIMIT_BYTES } from '../content-type.js';
import { RealmParams } from '../schemas.js';
import type { Yonder } from '../../services/context.js';
import type { RealmRef } from '../../services/directory/identities.js';
import { MAX_BULK_OPERATIONS, isObject, planBulk, substitute } from '../../protocols/scim/bulk-plan.js';
import { groupLocation } from './groups.js';
import { createGroup, deleteGroup, patchGroup, replaceGroup } from '../../services/directory/scim-groups.js';
import { holdsScope, scimScope } from './paths.js';
import { realmRef } from '../params.js';
import { SCIM_MEDIA_TYPE, scimErrorBody, toProblem } from './errors.js';
import { type ScimProblem, ScimFailure, badRequest, orFail } from '../../protocols/scim/problems.js';
import { BULK_REQUEST, BULK_RESPONSE } from '../../protocols/scim/schema.js';
import { etagOf } from '../../protocols/scim/user-mapping.js';
import { userLocation } from './users.js';
import { createUser, deleteUser, patchUser, replaceUser } from '../../services/directory/scim-users.js';

/**
 * SCIM Bulk (RFC 7644 §3.7). Operations run in order, each on its own (no rollback across
 * them), until `failOnErrors` errors have happened. `"bulkId:<id>"` anywhere in a later
 * operation's path or data stands for the id an earlier POST created; an operation that refers
 * to a bulkId whose POST comes later waits for it (§3.7.2), and a reference nothing defines fails.
 *
 * Each resource type plugs in a `BulkHandler`: `/Users` and `/Groups`. A group's
 * `members[].value` may carry `bulkId:` references to Users created in the same request.
 */
export const BULK_LIMITS = { maxOperations: MAX_BULK_OPERATIONS, maxPayloadSize: BODY_LIMIT_BYTES } as const;

export interface BulkWriteResult {
  id: string;
  version: number;
  location: string;
}

/** Where a bulk request writes, and who asks (a group's new members are a grant they must be able to make). */
export interface BulkTarget extends RealmRef {
  caller: Grantor;
}

export interface BulkHandler {
  /** The path segment the handler serves, e.g. `/Users`. */
  endpoint: string;
  scopes: { create: string; update: string; delete: string };
  create(target: BulkTarget, data: unknown): Promise<BulkWriteResult>;
  replace(target: BulkTarget, id: string, data: unknown, ifMatch?: string): Promise<BulkWriteResult>;
  patch(target: BulkTarget, id: string, data: unknown, ifMatch?: string): Promise<BulkWriteResult>;
  remove(target: BulkTarget, id: string, ifMatch?: string): Promise<void>;
}

export function userBulkHandler(y: Yonder): BulkHandler {
  const result = (identity: Parameters<typeof userLocation>[1]): BulkWriteResult => ({
    id: identity.id,
    version: identity.version,
    location: userLocation(y, identity),
  });
  return {
    endpoint: '/Users',
    scopes: { create: 'scim:users:create', update: 'scim:users:update', delete: 'scim:users:delete' },
    create: async (ref, data) => result(await createUser(y, ref, data)),
    replace: async (target, id, data, ifMatch) => result(await replaceUser(y, target, id, data, target.caller, ifMatch)),
    patch: async (target, id, data, ifMatch) => result(await patchUser(y, target, id, data, target.caller, ifMatch)),
    remove: (ref, id, ifMatch) => deleteUser(y, ref, id, ifMatch),
  };
}

export function groupBulkHandler(y: Yonder): BulkHandler {
  const result = (group: Group): BulkWriteResult => ({ id: group.id, version: group.version, location: groupLocation(y, group) });
  return {
    endpoint: '/Groups',
    scopes: { create: 'scim:groups:create', update: 'scim:groups:update', delete: 'scim:groups:delete' },
    create: async (target, data) => result(await createGroup(y, target, data, target.caller)),
    replace: async (target, id, data, ifMatch) => result(await replaceGroup(y, target, id, data, target.caller, ifMatch)),
    patch: async (target, id, data, ifMatch) => result(await patchGroup(y, target, id, data, target.caller, ifMatch)),
    remove: (ref, id, ifMatch) => deleteGroup(y, ref, id, ifMatch),
  };
}

type Method = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface BulkOperation {
  index: number;
  method: Method;
  bulkId?: string;
  version?: string;
  path: string;
  data?: unknown;
}

function lowerKeys(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k.toLowerCase(), v]));
}

export function parseBulkRequest(body: unknown) {
  if (!isObject(body)) return badRequest('invalidSyntax', 'the body must be a BulkRequest JSON object');
  const b = lowerKeys(body);
  const schemas = b.schemas;
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === BULK_REQUEST.toLowerCase())) {
    return badRequest('invalidSyntax', `schemas must contain "${BULK_REQUEST}"`);
  }
  const failOnErrors = b.failonerrors;
  if (failOnErrors !== undefined && (!Number.isInteger(failOnErrors) || (failOnErrors as number) < 1)) {
    return badRequest('invalidValue', 'failOnErrors must be a positive integer');
  }
  const raw = b.operations;
  if (!Array.isArray(raw) || raw.length === 0) return badRequest('invalidSyntax', 'Operations must be a non-empty array');
  if (raw.length > BULK_LIMITS.maxOperations) {
    return { ok: false as const, problem: { status: 413, detail: `more than maxOperations (${BULK_LIMITS.maxOperations}) operations` } };
  }
  const operations: BulkOperation[] = [];
  const bulkIds = new Set<string>();
  for (const [index, entry] of raw.entries()) {
    if (!isObject(entry)) return badRequest('invalidSyntax', `Operations[${index}] must be an object`);
    const e = lowerKeys(entry);
    const method = typeof e.method === 'string' ? e.method.toUpperCase() : '';
    if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) {
      return badRequest('invalidSyntax', `Operations[${index}].method must be POST, PUT, PATCH or DELETE`);
    }
    if (typeof e.path !== 'string' || !e.path.startsWith('/')) return badRequest('invalidPath', `Operations[${index}].path must start with "/"`);
    if (e.bulkid !== undefined && (typeof e.bulkid !== 'string' || e.bulkid === '')) {
      return badRequest('invalidValue', `Operations[${index}].bulkId must be a non-empty string`);
    }
    const bulkId = e.bulkid as string | undefined;
    if (method === 'POST' && bulkId === undefined) return badRequest('invalidValue', `Operations[${index}]: POST needs a bulkId`);
    if (bulkId !== undefined) {
      if (bulkIds.has(bulkId)) return badRequest('invalidValue', `bulkId "${bulkId}" is used twice`);
      bulkIds.add(bulkId);
    }
    if (e.version !== undefined && typeof e.version !== 'string') return badRequest('invalidValue', `Operations[${index}].version must be a string`);
    operations.push({
      index,
      method: method as Method,
      path: e.path,
      ...(bulkId !== undefined ? { bulkId } : {}),
      ...(typeof e.version === 'string' ? { version: e.version } : {}),
      ...('data' in e ? { data: e.data } : {}),
    });
  }
  return { ok: true as const, value: { failOnErrors: failOnErrors as number | undefined, operations } };
}

interface OperationResult {
  method: Method;
  bulkId?: string;
  version?: string;
  location?: string;
  status: string;
  response?: unknown;
}

export const bulkRoutes: FastifyPluginAsyncTypebox<{ yonder: Yonder; handlers: BulkHandler[] }> = async (app, { handlers }) => {
  const allScopes = [...new Set(handlers.flatMap((h) => Object.values(h.scopes)))];

  app.post(
    '/Bulk',
    {
      schema: {
        operationId: 'SCIMBulk',
        description:
          'Runs several SCIM operations (RFC 7644 §3.7) on Users and Groups in one request; a `bulkId` can refer to a resource created earlier in the same request.',
        summary: 'Run up to 1000 operations on Users and Groups in one request',
        tags: ['SCIM'],
        security: scimScope(...allScopes),
        params: RealmParams,
        body: Type.Unknown(),
      },
    },
    async (request, reply) => {
      const { operations, failOnErrors } = orFail(parseBulkRequest(request.body));
      const target: BulkTarget = { ...realmRef(request.params), caller: principalOf(request) };
      const results = await runBulk(request, target, handlers, operations, failOnErrors);
      return reply.type(SCIM_MEDIA_TYPE).send({ schemas: [BULK_RESPONSE], Operations: results });
    },
  );
};

async function runBulk(
  request: FastifyRequest,
  ref: BulkTarget,
  handlers: BulkHandler[],
  operations: BulkOperation[],
  failOnErrors: number | undefined,
): Promise<OperationResult[]> {
  const { order, refs } = orFail(planBulk(operations));
  const ids = new Map<string, string>();
  const defined = new Set(operations.flatMap((o) => (o.bulkId ? [o.bulkId] : [])));
  const results = new Map<number, OperationResult>();
  let errors = 0;

  const failure = (operation: BulkOperation, problem: ScimProblem): OperationResult => {
    errors += 1;
    return {
      method: operation.method,
      ...(operation.bulkId ? { bulkId: operation.bulkId } : {}),
      status: String(problem.status),
      response: scimErrorBody(problem),
    };
  };

  for (const index of order) {
    if (failOnErrors !== undefined && errors >= failOnErrors) break;
    const operation = operations[index] as BulkOperation;
    const names = refs[index] ?? [];
    const unknown = names.find((r) => !defined.has(r));
    if (unknown !== undefined) {
      results.set(index, failure(operation, { status: 409, scimType: 'invalidValue', detail: `bulkId "${unknown}" is not defined in this request` }));
      continue;
    }
    // Defined, but by an operation that failed, that is not a POST, or by this one itself.
    const unresolved = names.find((r) => !ids.has(r));
    if (unresolved !== undefined) {
      results.set(index, failure(operation, { status: 409, scimType: 'invalidValue', detail: `bulkId "${unresolved}" could not be resolved` }));
      continue;
    }
    results.set(
      index,
      await runOne(request, ref, handlers, operation, ids).catch((error: unknown) => {
        const problem = toProblem(error);
        if (!problem) {
          request.log.error({ err: error }, 'bulk operation failed');
          return failure(operation, { status: 500, detail: 'internal server error' });
        }
        return failure(operation, problem);
      }),
    );
  }
  return [...results.entries()].sort(([a], [b]) => a - b).map(([, r]) => r);
}

async function runOne(
  request: FastifyRequest,
  ref: BulkTarget,
  handlers: BulkHandler[],
  operation: BulkOperation,
  ids: Map<string, string>,
): Promise<OperationResult> {
  const path = operation.path
    .split('/')
    .map((segment) => substitute(segment, ids) as string)
    .join('/');
  const data = substitute(operation.data, ids);
  const handler = handlers.find((h) => path === h.endpoint || path.startsWith(`${h.endpoint}/`));
  if (!handler) throw new ScimFailure({ status: 400, scimType: 'invalidPath', detail: `no resource type at "${operation.path}"` });
  const id = path === handler.endpoint ? undefined : decodeURIComponent(path.slice(handler.endpoint.length + 1));
  if (id !== undefined && (id === '' || id.includes('/'))) {
    throw new ScimFailure({ status: 400, scimType: 'invalidPath', detail: `"${operation.path}" is not a resource path` });
  }
  const scope = operation.method === 'POST' ? handler.scopes.create : operation.method === 'DELETE' ? handler.scopes.delete : handler.scopes.update;
  if (!holdsScope(request, scope)) throw new ScimFailure({ status: 403, detail: `the token lacks ${scope}` });
  const base = { method: operation.method, ...(operation.bulkId ? { bulkId: operation.bulkId } : {}) };

  if (operation.method === 'POST') {
    if (id !== undefined) throw new ScimFailure({ status: 400, scimType: 'invalidPath', detail: 'POST goes to the collection' });
    const created = await handler.create(ref, data);
    if (operation.bulkId) ids.set(operation.bulkId, created.id);
    return { ...base, location: created.location, version: etagOf(created.version), status: '201' };
  }
  if (id === undefined) throw new ScimFailure({ status: 400, scimType: 'invalidPath', detail: `${operation.method} needs a resource id` });
  if (operation.method === 'DELETE') {
    await handler.remove(ref, id, operation.version);
    return { ...base, status: '204' };
  }
  const written =
    operation.method === 'PUT' ? await handler.replace(ref, id, data, operation.version) : await handler.patch(ref, id, data, operation.version);
  return { ...base, location: written.location, version: etagOf(written.version), status: '200' };
}
