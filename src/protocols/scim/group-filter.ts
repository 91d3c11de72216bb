import type scimFilter from 'scim2-parse-filter';
import { parseScimFilter } from '../../domain/directory/filter-syntax.js';
import type { GroupCondition, GroupField, GroupSort, GroupSortKey } from '../../domain/directory/group-query.js';
import { DEFAULT_GROUP_SORT, GROUP_INDEXED_FILTERS, groupCostTree } from '../../domain/directory/group-query.js';
import { overBudget } from '../../domain/directory/filter-cost.js';
import { foldedKey } from '../../domain/directory/names.js';
import type { CompareOp } from '../../domain/directory/user-query.js';
import { MAX_FILTER_LENGTH } from './filter.js';
import { type Result, badRequest, ok } from './problems.js';
import { type AttributeDef, CORE_GROUP, GROUP_SCHEMA, canonicalPath, resolveAttribute } from './schema.js';

/**
 * SCIM filters on Groups (RFC 7644 §3.4.2.2), the whole grammar over the attributes a group has:
 * `displayName` (compared ignoring case, like its uniqueness; `eq` is index-backed, Entra's M1
 * lookup), `externalId` (exact), `id`, `meta.created`, `meta.lastModified`, and `members` /
 * `members.value` / `members[value eq "…"]` ("some member is…"). `members.display` and
 * `members.$ref` are computed, not stored: filtering on them, or on anything yonder does not know,
 * is `invalidFilter`, never a silently empty or full list.
 */

const MAX_TERMS = 100;

const FIELDS: Record<string, GroupField> = {
  id: { kind: 'id' },
  displayName: { kind: 'display_name' },
  externalId: { kind: 'external_id' },
  'meta.created': { kind: 'time', which: 'create' },
  'meta.lastModified': { kind: 'time', which: 'update' },
};

class FilterError extends Error {}

export function parseGroupFilter(text: string): Result<GroupCondition> {
  if (text.length > MAX_FILTER_LENGTH) return badRequest('invalidFilter', `the filter is longer than ${MAX_FILTER_LENGTH} characters`);
  let ast: scimFilter.Filter;
  try {
    ast = parseScimFilter(text);
  } catch (error) {
    return badRequest('invalidFilter', `the filter is not valid: ${(error as Error).message}`);
  }
  let condition: GroupCondition;
  try {
    condition = resolve(ast, { terms: 0 }, false);
  } catch (error) {
    if (error instanceof FilterError) return badRequest('invalidFilter', error.message);
    throw error;
  }
  const refusal = overBudget(groupCostTree(condition), 'group', GROUP_INDEXED_FILTERS);
  return refusal === undefined ? ok(condition) : badRequest('tooMany', refusal);
}

function resolve(node: scimFilter.Filter, ctx: { terms: number }, inMembers: boolean): GroupCondition {
  ctx.terms += 1;
  if (ctx.terms > MAX_TERMS) throw new FilterError(`the filter has more than ${MAX_TERMS} terms`);
  const op = node.op.toLowerCase();
  switch (op) {
    case 'and':
    case 'or':
      return { op, conditions: (node as scimFilter.LogExp).filters.map((f) => resolve(f, ctx, inMembers)) };
    case 'not':
      return { op: 'not', condition: resolve((node as scimFilter.NotFilter).filter, ctx, inMembers) };
    case '[]': {
      if (inMembers) throw new FilterError('value paths cannot be nested');
      const { attrPath, valFilter } = node as scimFilter.ValuePath;
      const resolved = resolveAttribute(attrPath, GROUP_SCHEMA);
      if (!resolved) throw new FilterError(`unknown attribute "${attrPath}"`);
      if (resolved.attribute.name !== 'members' || resolved.sub) throw new FilterError(`"${attrPath}" is not a multi-valued attribute`);
      return { op: 'some_member', condition: resolve(valFilter, ctx, true) };
    }
    default:
      return comparison(node as scimFilter.Compare | scimFilter.Suffix, op, inMembers);
  }
}

function comparison(node: scimFilter.Compare | scimFilter.Suffix, op: string, inMembers: boolean): GroupCondition {
  const { attrPath } = node;
  const value = op === 'pr' ? undefined : (node as scimFilter.Compare).compValue;
  if (inMembers) return memberComparison(attrPath, `members.${attrPath}`, op, value);
  const resolved = resolveAttribute(attrPath, GROUP_SCHEMA);
  if (!resolved) throw new FilterError(`unknown attribute "${attrPath}"`);
  if (resolved.attribute.name === 'members') {
    // `members pr` asks for a non-empty group; `members eq "x"` compares `value` (§3.4.2.2).
    if (!resolved.sub && op === 'pr') return { op: 'some_member', condition: { op: 'const', value: true } };
    const sub = resolved.sub?.name ?? 'value';
    return { op: 'some_member', condition: memberComparison(sub, `members.${sub}`, op, value) };
  }
  const path = canonicalPath(resolved);
  const field = FIELDS[path];
  if (!field) throw new FilterError(`"${attrPath}" cannot be used in a filter`);
  return compare(field, resolved.sub ?? resolved.attribute, op, value, path);
}

const MEMBER_SUBS = GROUP_SCHEMA.attributes.find((a) => a.name === 'members')?.subAttributes ?? [];

function memberComparison(sub: string, path: string, op: string, value: Raw): GroupCondition {
  const def = MEMBER_SUBS.find((s) => s.name.toLowerCase() === sub.toLowerCase());
  if (!def) throw new FilterError(`unknown attribute "${path}"`);
  if (def.name === 'value') return compare({ kind: 'member' }, def, op, value, path);
  if (def.name === 'type') {
    // Every member is a User: `type eq "User"` holds for each, anything else for none.
    if (op === 'pr') return { op: 'const', value: true };
    if (op !== 'eq' && op !== 'ne') throw new FilterError(`"${op}" cannot compare "${path}"`);
    const same = typeof value === 'string' && value.toLowerCase() === 'user';
    return { op: 'const', value: op === 'eq' ? same : !same };
  }
  throw new FilterError(`"${path}" cannot be used in a filter`);
}

type Raw = string | number | boolean | null | undefined;
const SUBSTRING = new Set(['co', 'sw', 'ew']);
const OPERATORS = new Set(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le', 'pr']);

function compare(field: GroupField, def: AttributeDef, op: string, raw: Raw, path: string): GroupCondition {
  if (!OPERATORS.has(op)) throw new FilterError(`unknown operator "${op}"`);
  if (op === 'pr') return { op: 'pr', field };
  if (raw === null && (op === 'eq' || op === 'ne')) {
    const present: GroupCondition = { op: 'pr', field };
    return op === 'eq' ? { op: 'not', condition: present } : present;
  }
  if (op === 'ne') return { op: 'not', condition: compare(field, def, 'eq', raw, path) };
  let value: string;
  if (def.type === 'dateTime') {
    if (SUBSTRING.has(op)) throw new FilterError(`"${op}" cannot compare the date-time "${path}"`);
    const time = typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
    if (Number.isNaN(time)) throw new FilterError(`"${path}" must be compared with a date-time`);
    value = new Date(time).toISOString();
  } else {
    if (typeof raw !== 'string') throw new FilterError(`"${path}" must be compared with a string`);
    value = raw;
  }
  switch (field.kind) {
    case 'display_name':
      value = foldedKey(value);
      break;
    case 'id':
    case 'member':
      value = value.toLowerCase();
      break;
    default:
      break;
  }
  return { op: op as CompareOp, field, value };
}

const SORT_KEYS: Record<string, GroupSortKey> = {
  displayname: 'display_name',
  'meta.created': 'create_time',
  'meta.lastmodified': 'update_time',
};

export function parseGroupSort(query: { sortBy?: string; sortOrder?: string }): Result<GroupSort> {
  const order = query.sortOrder?.toLowerCase();
  if (order !== undefined && order !== 'ascending' && order !== 'descending') {
    return badRequest('invalidValue', 'sortOrder must be "ascending" or "descending"');
  }
  if (query.sortBy === undefined || query.sortBy === '') return ok({ ...DEFAULT_GROUP_SORT, descending: order === 'descending' });
  const prefix = `${CORE_GROUP.toLowerCase()}:`;
  const lower = query.sortBy.toLowerCase();
  const by = SORT_KEYS[lower.startsWith(prefix) ? lower.slice(prefix.length) : lower];
  if (!by) return badRequest('invalidValue', 'sortBy must be displayName, meta.created or meta.lastModified');
  return ok({ by, descending: order === 'descending' });
}
