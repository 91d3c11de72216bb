import type scimFilter from 'scim2-parse-filter';
import { compareFolded, parseScimFilter } from '../../domain/directory/filter-syntax.js';
import { type Result, type ScimProblem, badRequest, fail, ok } from './problems.js';
import { ENTERPRISE_USER, PATCH_OP, type ScimSchema, resolveAttribute, splitSchemaUrn } from './schema.js';
import { type ScimResource, booleanOf } from './user-mapping.js';

/**
 * SCIM PATCH (RFC 7644 §3.5.2) applied to a User resource in memory. The caller reads the
 * identity, turns it into a SCIM resource, applies the whole PatchOp here, maps the result back
 * and writes once, so a PATCH is atomic: every operation applies or none does.
 *
 * What real clients send, and what this accepts because of it:
 * - op names in any case: Entra sends `Add`, `Replace`, `Remove` (M1, M2);
 * - booleans as the strings "True"/"False" (Entra's default mode, M2) — the mapping reads them;
 * - a no-path `replace` whose value carries read-only `id` (Okta, O2) or dotted and URN keys
 *   like `"name.givenName"` and `"urn:…:enterprise:2.0:User:employeeNumber"` (Entra, M2);
 * - `add` on `emails[type eq "work"].value` when a work email exists replaces it (M3,
 *   RFC 7644 §3.5.2.1), and creates it when none exists;
 * - paths to attributes yonder has no home for are ignored, like such attributes in a POST.
 */

export const MAX_PATCH_OPERATIONS = 1000;

type Op = 'add' | 'replace' | 'remove';

export interface Operation {
  op: Op;
  path?: string;
  value?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const clone = <T>(v: T): T => structuredClone(v);

class PatchError extends Error {
  constructor(readonly problem: ScimProblem) {
    super(problem.detail);
  }
}

const problem = (r: { ok: false; problem: ScimProblem }) => new PatchError(r.problem);

/** Reads a PatchOp body into operations. */
export function parsePatchRequest(body: unknown): Result<Operation[]> {
  if (!isObject(body)) return badRequest('invalidSyntax', 'the body must be a PatchOp JSON object');
  const schemas = body.schemas;
  if (
    schemas !== undefined &&
    !(Array.isArray(schemas) && schemas.some((s) => typeof s === 'string' && s.toLowerCase() === PATCH_OP.toLowerCase()))
  ) {
    return badRequest('invalidSyntax', `schemas must contain "${PATCH_OP}"`);
  }
  const key = Object.keys(body).find((k) => k.toLowerCase() === 'operations');
  const raw = key === undefined ? undefined : body[key];
  if (!Array.isArray(raw) || raw.length === 0) return badRequest('invalidSyntax', 'Operations must be a non-empty array');
  if (raw.length > MAX_PATCH_OPERATIONS) return badRequest('tooMany', `at most ${MAX_PATCH_OPERATIONS} operations`);
  const operations: Operation[] = [];
  for (const [i, entry] of raw.entries()) {
    if (!isObject(entry)) return badRequest('invalidSyntax', `Operations[${i}] must be an object`);
    const fields = Object.fromEntries(Object.entries(entry).map(([k, v]) => [k.toLowerCase(), v]));
    const op = typeof fields.op === 'string' ? fields.op.toLowerCase() : undefined;
    if (op !== 'add' && op !== 'replace' && op !== 'remove') {
      return badRequest('invalidSyntax', `Operations[${i}].op must be add, replace or remove`);
    }
    if (fields.path !== undefined && typeof fields.path !== 'string') return badRequest('invalidPath', `Operations[${i}].path must be a string`);
    const path = typeof fields.path === 'string' && fields.path.trim() !== '' ? fields.path.trim() : undefined;
    if (op === 'remove' && path === undefined) return badRequest('noTarget', `Operations[${i}]: remove needs a path`);
    if (op !== 'remove' && !('value' in fields)) return badRequest('invalidValue', `Operations[${i}]: ${op} needs a value`);
    operations.push({ op, ...(path !== undefined ? { path } : {}), ...('value' in fields ? { value: fields.value } : {}) });
  }
  return ok(operations);
}

/** Applies every operation to a copy of `resource`; the first failure fails them all. */
export function applyPatch(resource: ScimResource, operations: readonly Operation[], schema: ScimSchema): Result<ScimResource> {
  const target = clone(resource);
  try {
    for (const operation of operations) applyOne(target, operation, schema);
  } catch (error) {
    if (error instanceof PatchError) return { ok: false, problem: error.problem };
    throw error;
  }
  return ok(target);
}

const READ_ONLY = new Set(['id', 'meta', 'schemas']);

/** True for `schemas` and for attributes the schema marks readOnly (`id`, `meta`, `groups`). */
export function isReadOnlyKey(key: string, schema: ScimSchema): boolean {
  if (READ_ONLY.has(key.toLowerCase())) return true;
  return resolveAttribute(key, schema)?.attribute.mutability === 'readOnly';
}

function applyOne(resource: ScimResource, operation: Operation, schema: ScimSchema): void {
  if (operation.path === undefined) {
    // No path: the value is a set of attributes (RFC 7644 §3.5.2.1, §3.5.2.3).
    if (!isObject(operation.value)) throw problem(badRequest('invalidValue', `${operation.op} without a path needs an object value`));
    for (const [key, value] of Object.entries(operation.value)) {
      if (isReadOnlyKey(key, schema)) continue; // read-only values are ignored (Okta sends `id`)
      if (key.toLowerCase() === ENTERPRISE_USER.toLowerCase()) {
        if (!isObject(value)) throw problem(badRequest('invalidValue', `${ENTERPRISE_USER} must be an object`));
        for (const [k, v] of Object.entries(value)) applyPath(resource, operation.op, `${ENTERPRISE_USER}:${k}`, v, schema);
      } else {
        applyPath(resource, operation.op, key, value, schema);
      }
    }
    return;
  }
  applyPath(resource, operation.op, operation.path, operation.value, schema);
}

export interface ParsedPath {
  /** The object the attribute lives in: the resource or its extension object. */
  extension: boolean;
  attribute: string;
  multiValued: boolean;
  complex: boolean;
  filter?: scimFilter.Filter;
  sub?: string;
}

/**
 * A PATCH path resolved against `schema`: null for an attribute yonder has no home for (the
 * caller ignores it), `invalidPath` when malformed, `mutability` for a read-only attribute.
 */
export function parsePatchPath(path: string, schema: ScimSchema): Result<ParsedPath | null> {
  try {
    return ok(parsePath(path, schema));
  } catch (error) {
    if (error instanceof PatchError) return { ok: false, problem: error.problem };
    throw error;
  }
}

/** `attr`, `attr.sub`, `attr[filter]`, `attr[filter].sub`, each optionally URN-qualified. */
function parsePath(path: string, schema: ScimSchema): ParsedPath | null {
  const bracket = path.indexOf('[');
  let attrText = path;
  let filter: scimFilter.Filter | undefined;
  let subText: string | undefined;
  if (bracket >= 0) {
    const close = path.lastIndexOf(']');
    if (close < bracket) throw problem(badRequest('invalidPath', `"${path}" is not a valid path`));
    attrText = path.slice(0, bracket);
    const after = path.slice(close + 1);
    if (after !== '' && !/^\.[A-Za-z][\w$-]*$/.test(after)) throw problem(badRequest('invalidPath', `"${path}" is not a valid path`));
    if (after !== '') subText = after.slice(1);
    try {
      filter = parseScimFilter(path.slice(bracket + 1, close));
    } catch {
      throw problem(badRequest('invalidPath', `the filter in "${path}" is not valid`));
    }
  }
  const { urn, rest } = splitSchemaUrn(attrText, schema);
  if (urn !== undefined && rest === '') {
    if (urn === schema.urn) throw problem(badRequest('invalidPath', `"${path}" names a schema, not an attribute`));
    return { extension: true, attribute: '', multiValued: false, complex: true };
  }
  if (!/^[A-Za-z][\w$-]*(\.[A-Za-z][\w$-]*)?$/.test(rest)) throw problem(badRequest('invalidPath', `"${path}" is not a valid path`));
  if (filter && rest.includes('.')) throw problem(badRequest('invalidPath', `"${path}" is not a valid path`));
  const resolved = resolveAttribute(attrText, schema);
  if (!resolved) return null; // no home in an identity: ignored
  const { attribute } = resolved;
  if (attribute.mutability === 'readOnly') {
    throw problem(fail(400, 'mutability', `"${attribute.name}" is read-only`));
  }
  let sub = resolved.sub?.name;
  if (subText !== undefined) {
    const def = attribute.subAttributes?.find((s) => s.name.toLowerCase() === subText.toLowerCase());
    if (!def) return null;
    sub = def.name;
  }
  if (filter && !attribute.multiValued) throw problem(badRequest('invalidPath', `"${attribute.name}" is not multi-valued`));
  return {
    extension: resolved.extension !== undefined,
    attribute: attribute.name,
    multiValued: attribute.multiValued,
    complex: attribute.type === 'complex',
    ...(filter ? { filter } : {}),
    ...(sub ? { sub } : {}),
  };
}

function container(resource: ScimResource, extension: boolean, create: boolean): Record<string, unknown> | undefined {
  if (!extension) return resource;
  let ext = resource[ENTERPRISE_USER];
  if (!isObject(ext)) {
    if (!create) return undefined;
    ext = {};
    resource[ENTERPRISE_USER] = ext;
  }
  return ext as Record<string, unknown>;
}

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function canonicalKeys(value: unknown, p: ParsedPath, schema: ScimSchema): unknown {
  if (!isObject(value)) return value;
  const resolved = resolveAttribute(p.extension ? `${ENTERPRISE_USER}:${p.attribute}` : p.attribute, schema);
  const names = resolved?.attribute.subAttributes?.map((s) => s.name) ?? [];
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [names.find((n) => n.toLowerCase() === k.toLowerCase()) ?? k, v]));
}

function applyPath(resource: ScimResource, op: Op, path: string, value: unknown, schema: ScimSchema): void {
  const p = parsePath(path, schema);
  if (!p) return;
  if (p.attribute === '') {
    // The extension URN itself: its value is a set of extension attributes.
    if (op === 'remove') {
      delete resource[ENTERPRISE_USER];
      return;
    }
    if (!isObject(value)) throw problem(badRequest('invalidValue', `${ENTERPRISE_USER} must be an object`));
    for (const [k, v] of Object.entries(value)) applyPath(resource, op, `${ENTERPRISE_USER}:${k}`, v, schema);
    return;
  }
  const holder = container(resource, p.extension, op !== 'remove');
  if (!holder) return;
  const name = p.attribute;

  if (p.multiValued) {
    applyMulti(holder, op, p, value, schema);
    return;
  }

  if (op === 'remove') {
    if (p.sub === undefined) delete holder[name];
    else if (isObject(holder[name])) delete (holder[name] as Record<string, unknown>)[p.sub];
    return;
  }
  if (p.sub !== undefined) {
    const current = isObject(holder[name]) ? (holder[name] as Record<string, unknown>) : {};
    holder[name] = { ...current, [p.sub]: value };
    return;
  }
  if (p.complex && isObject(value) && isObject(holder[name])) {
    // A complex target takes the given sub-attributes and keeps the others (§3.5.2.1, §3.5.2.3).
    holder[name] = { ...(holder[name] as object), ...(canonicalKeys(value, p, schema) as object) };
    return;
  }
  holder[name] = p.complex ? canonicalKeys(value, p, schema) : value;
}

function applyMulti(holder: Record<string, unknown>, op: Op, p: ParsedPath, value: unknown, schema: ScimSchema): void {
  const name = p.attribute;
  const elements = asList(holder[name]).filter(isObject) as Record<string, unknown>[];

  if (p.filter === undefined && p.sub === undefined) {
    if (op === 'remove') {
      if (value === undefined) delete holder[name];
      else {
        // `{"op":"remove","path":"emails","value":[{"value":"x"}]}` removes those values.
        const gone = asList(value).map((v) => (isObject(v) ? String(v.value ?? '').toLowerCase() : ''));
        holder[name] = elements.filter((e) => !gone.includes(String(e.value ?? '').toLowerCase()));
      }
      return;
    }
    const incoming = asList(value).map((v) => {
      if (!isObject(v)) throw problem(badRequest('invalidValue', `${name} values must be objects`));
      return canonicalKeys(v, p, schema) as Record<string, unknown>;
    });
    if (op === 'replace') {
      holder[name] = incoming;
      return;
    }
    const result: Record<string, unknown>[] = incoming.some((v) => booleanOf(v.primary) === true)
      ? elements.map((e) => ({ ...e, primary: false }))
      : elements;
    for (const v of incoming) {
      const same = result.findIndex((e) => String(e.value ?? '').toLowerCase() === String(v.value ?? '').toLowerCase());
      if (same >= 0 && v.value !== undefined) result[same] = { ...result[same], ...v };
      else result.push(v);
    }
    holder[name] = result;
    return;
  }

  const matches = p.filter ? elements.filter((e) => matchesFilter(e, p.filter as scimFilter.Filter)) : elements;
  if (op === 'remove') {
    if (p.sub === undefined) holder[name] = elements.filter((e) => !matches.includes(e));
    else for (const e of matches) delete e[p.sub];
    return;
  }
  const patchOf = (): Record<string, unknown> => {
    if (p.sub !== undefined) return { [p.sub]: value };
    if (!isObject(value)) throw problem(badRequest('invalidValue', `the value for ${name}[…] must be an object`));
    return canonicalKeys(value, p, schema) as Record<string, unknown>;
  };
  if (matches.length === 0) {
    // §3.5.2.3: replace with a value filter that matches nothing is `noTarget`. An add creates
    // the element from the filter's `eq` terms (Entra adds the first mobile number this way).
    const seed = p.filter ? seedOf(p.filter) : null;
    if (op === 'replace' || seed === null) throw problem(badRequest('noTarget', `no ${name} value matches the path`));
    holder[name] = [...elements, { ...seed, ...patchOf() }];
    return;
  }
  const change = patchOf();
  for (const e of matches) Object.assign(e, change);
  holder[name] = elements;
}

/** The element a filter like `type eq "work" and primary eq true` describes, or null. */
function seedOf(filter: scimFilter.Filter): Record<string, unknown> | null {
  const op = filter.op.toLowerCase();
  if (op === 'eq') {
    const { attrPath, compValue } = filter as scimFilter.Compare;
    return { [canonicalSub(attrPath)]: compValue };
  }
  if (op === 'and') {
    const parts = (filter as scimFilter.LogExp).filters.map(seedOf);
    if (parts.some((x) => x === null)) return null;
    return Object.assign({}, ...parts);
  }
  return null;
}

function canonicalSub(name: string): string {
  const known = ['value', 'type', 'primary', 'display', 'formatted', 'streetAddress', 'locality', 'region', 'postalCode', 'country'];
  return known.find((k) => k.toLowerCase() === name.toLowerCase()) ?? name;
}

/** `matchesFilter` for callers outside this module: a bad filter is a problem, not a throw. */
export function elementMatches(element: Record<string, unknown>, filter: scimFilter.Filter): Result<boolean> {
  try {
    return ok(matchesFilter(element, filter));
  } catch (error) {
    if (error instanceof PatchError) return { ok: false, problem: error.problem };
    throw error;
  }
}

/** Evaluates a value filter on one element; names and strings compare ignoring case. */
function matchesFilter(element: Record<string, unknown>, filter: scimFilter.Filter): boolean {
  const op = filter.op.toLowerCase();
  if (op === 'and') return (filter as scimFilter.LogExp).filters.every((f) => matchesFilter(element, f));
  if (op === 'or') return (filter as scimFilter.LogExp).filters.some((f) => matchesFilter(element, f));
  if (op === 'not') return !matchesFilter(element, (filter as scimFilter.NotFilter).filter);
  if (op === '[]') throw problem(badRequest('invalidPath', 'value paths cannot be nested'));
  const { attrPath } = filter as scimFilter.Compare;
  const key = Object.keys(element).find((k) => k.toLowerCase() === attrPath.toLowerCase());
  const actual = key === undefined ? undefined : element[key];
  if (op === 'pr') return actual !== undefined && actual !== null && actual !== '';
  const expected = (filter as scimFilter.Compare).compValue;
  if (typeof expected === 'boolean') {
    const b = booleanOf(actual) ?? false;
    return op === 'eq' ? b === expected : op === 'ne' ? b !== expected : false;
  }
  if (expected === null) return op === 'eq' ? actual == null : actual != null;
  if (actual === undefined || actual === null) return op === 'ne';
  const matches = compareFolded(String(actual), op, String(expected));
  if (matches === undefined) throw problem(badRequest('invalidPath', `unknown operator "${filter.op}"`));
  return matches;
}
