import { DEFAULT_USER_SORT, type UserSort, type UserSortKey } from '../../domain/directory/user-query.js';
import { type Result, badRequest, ok } from './problems.js';
import { ENTERPRISE_USER, LIST_RESPONSE, type ScimSchema, resolveAttribute } from './schema.js';
import type { ScimResource } from './user-mapping.js';

/**
 * The query parameters of SCIM reads (RFC 7644 §3.4.2.4 paging, §3.4.2.3 sorting, §3.4.2.5 and
 * §3.9 `attributes` / `excludedAttributes`) and the ListResponse they produce.
 */

/** A missing `count` gives this page (Entra sends filters without one). */
export const DEFAULT_COUNT = 100;
/** Advertised as `filter.maxResults`; larger counts are capped, not refused. */
export const MAX_COUNT = 1000;

export interface Paging {
  startIndex: number;
  count: number;
}

export interface Projection {
  attributes?: string[];
  excludedAttributes?: string[];
}

/**
 * Past 2^31 - 1 either way a number is refused rather than clamped: beyond 2^53 JavaScript has
 * already rounded it and beyond 2^63 the stores refuse it as an OFFSET. RFC 7644 §3.4.2.4 only
 * says how to read a startIndex below 1 and a negative count, which are still clamped below.
 */
const PAGING_LIMIT = 2_147_483_647;

function integer(raw: string | undefined, name: string): Result<number | undefined> {
  if (raw === undefined || raw.trim() === '') return ok(undefined);
  if (!/^\s*[-+]?\d+\s*$/.test(raw)) return badRequest('invalidValue', `${name} must be an integer`);
  const value = Number.parseInt(raw, 10);
  if (Math.abs(value) > PAGING_LIMIT) return badRequest('invalidValue', `${name} must be between -${PAGING_LIMIT} and ${PAGING_LIMIT}`);
  return ok(value);
}

/** 1-based `startIndex` (below 1 means 1) and `count` (negative means 0, 0 means totals only). */
export function parsePaging(query: { startIndex?: string; count?: string }): Result<Paging> {
  const start = integer(query.startIndex, 'startIndex');
  if (!start.ok) return start;
  const count = integer(query.count, 'count');
  if (!count.ok) return count;
  return ok({
    startIndex: Math.max(1, start.value ?? 1),
    count: Math.min(MAX_COUNT, Math.max(0, count.value ?? DEFAULT_COUNT)),
  });
}

const SORT_KEYS: Record<string, UserSortKey> = {
  username: 'username',
  displayname: 'display_name',
  'meta.created': 'create_time',
  'meta.lastmodified': 'update_time',
};

export function parseSort(query: { sortBy?: string; sortOrder?: string }): Result<UserSort> {
  const order = query.sortOrder?.toLowerCase();
  if (order !== undefined && order !== 'ascending' && order !== 'descending') {
    return badRequest('invalidValue', 'sortOrder must be "ascending" or "descending"');
  }
  if (query.sortBy === undefined || query.sortBy === '') {
    return ok({ ...DEFAULT_USER_SORT, descending: order === 'descending' });
  }
  const key = query.sortBy.replace(/^urn:ietf:params:scim:schemas:core:2\.0:User:/i, '').toLowerCase();
  const by = SORT_KEYS[key];
  if (!by) return badRequest('invalidValue', 'sortBy must be userName, displayName, meta.created or meta.lastModified');
  return ok({ by, descending: order === 'descending' });
}

function list(raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  const items = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length > 0 ? items : undefined;
}

export function parseProjection(query: { attributes?: string; excludedAttributes?: string }): Projection {
  const attributes = list(query.attributes);
  const excludedAttributes = list(query.excludedAttributes);
  return { ...(attributes ? { attributes } : {}), ...(excludedAttributes ? { excludedAttributes } : {}) };
}

/** A selected attribute: where it sits (`ext` for the enterprise extension) and its name parts. */
interface Selection {
  ext: boolean;
  attribute?: string;
  sub?: string;
}

function selection(path: string, schema: ScimSchema): Selection | undefined {
  if (schema.extension && path.toLowerCase() === schema.extension.urn.toLowerCase()) return { ext: true };
  const resolved = resolveAttribute(path, schema);
  if (!resolved) return undefined;
  return {
    ext: resolved.extension !== undefined,
    attribute: resolved.attribute.name,
    ...(resolved.sub ? { sub: resolved.sub.name } : {}),
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function pickSub(value: unknown, sub: string): unknown {
  if (Array.isArray(value)) return value.map((e) => (isObject(e) && sub in e ? { [sub]: e[sub] } : {})).filter((e) => Object.keys(e).length > 0);
  if (isObject(value) && sub in value) return { [sub]: value[sub] };
  return undefined;
}

function mergeInto(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value === undefined) return;
  const existing = target[key];
  if (Array.isArray(existing) && Array.isArray(value)) {
    target[key] = existing.map((e, i) => ({ ...(e as object), ...(value[i] as object) }));
  } else if (isObject(existing) && isObject(value)) {
    target[key] = { ...existing, ...value };
  } else {
    target[key] = value;
  }
}

function dropSub(value: unknown, sub: string): unknown {
  if (Array.isArray(value)) return value.map((e) => (isObject(e) ? Object.fromEntries(Object.entries(e).filter(([k]) => k !== sub)) : e));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).filter(([k]) => k !== sub));
  return value;
}

/**
 * Applies `attributes` (only these, plus `id` and `schemas`, which are always returned) or
 * `excludedAttributes` (all but these; `id` stays), resolving names against `schema`. Unknown
 * names select nothing.
 */
export function project(resource: ScimResource, projection: Projection, schema: ScimSchema): ScimResource {
  if (projection.attributes) {
    const out: ScimResource = { schemas: resource.schemas, id: resource.id };
    const ext: Record<string, unknown> = {};
    const source = isObject(resource[ENTERPRISE_USER]) ? (resource[ENTERPRISE_USER] as Record<string, unknown>) : {};
    for (const path of projection.attributes) {
      const s = selection(path, schema);
      if (!s) continue;
      const from = s.ext ? source : resource;
      const into = s.ext ? ext : out;
      if (s.attribute === undefined) Object.assign(ext, source);
      else if (s.sub === undefined) mergeInto(into, s.attribute, from[s.attribute]);
      else mergeInto(into, s.attribute, pickSub(from[s.attribute], s.sub));
    }
    if (Object.keys(ext).length > 0) out[ENTERPRISE_USER] = ext;
    return out;
  }
  if (projection.excludedAttributes) {
    const out: ScimResource = { ...resource };
    let ext = isObject(resource[ENTERPRISE_USER]) ? { ...(resource[ENTERPRISE_USER] as Record<string, unknown>) } : undefined;
    for (const path of projection.excludedAttributes) {
      const s = selection(path, schema);
      if (!s || s.attribute === 'id') continue;
      if (s.ext && s.attribute === undefined) ext = undefined;
      const into = s.ext ? ext : out;
      if (!into || s.attribute === undefined) continue;
      if (s.sub === undefined) delete into[s.attribute];
      else into[s.attribute] = dropSub(into[s.attribute], s.sub);
    }
    if (ext && Object.keys(ext).length > 0) out[ENTERPRISE_USER] = ext;
    else delete out[ENTERPRISE_USER];
    return out;
  }
  return resource;
}

export function listResponse(resources: ScimResource[], totalResults: number, startIndex: number) {
  return {
    schemas: [LIST_RESPONSE],
    totalResults,
    startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}

/** Whether a projection returns the attribute, so a read can skip what it would throw away. */
export function returns(projection: Projection, attribute: string): boolean {
  const name = attribute.toLowerCase();
  const mentions = (list: string[]) => list.some((a) => a.toLowerCase().split(':').pop()?.split('.')[0] === name);
  if (projection.attributes) return mentions(projection.attributes);
  if (projection.excludedAttributes) return !projection.excludedAttributes.some((a) => a.toLowerCase().split(':').pop() === name);
  return true;
}
