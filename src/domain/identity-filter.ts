import scimFilter from 'scim2-parse-filter';
import { foldedKey } from './names.js';

/**
 * The v1 `filter` parameter on identity lists. The contract says filters follow the SCIM grammar
 * (RFC 7644 §3.4.2.2); the parsing is scim2-parse-filter's, and this module narrows the result to
 * what yonder can answer from indexed columns. Anything else is refused with a reason rather than
 * answered with a silently wrong list.
 */
export type IdentityFilterField = 'id' | 'display_name' | 'username' | 'email' | 'external_id';
export type IdentityFilterOp = 'eq' | 'co' | 'sw';

export type IdentityFilter =
  | { op: 'and' | 'or'; filters: IdentityFilter[] }
  | { op: IdentityFilterOp; field: IdentityFilterField; value: string };

export type FilterParseResult =
  | { ok: true; filter: IdentityFilter }
  | { ok: false; code: 'invalid-filter-syntax' | 'unsupported-filter'; description: string };

/** SCIM attribute names are case-insensitive, so the table is keyed by the lower-cased path. */
const FIELDS: Record<string, IdentityFilterField> = {
  id: 'id',
  display_name: 'display_name',
  'traits.username': 'username',
  'traits.primary_email_address': 'email',
  'traits.external_id': 'external_id',
};

const OPS = new Set<string>(['eq', 'co', 'sw']);
const MAX_FILTER_LENGTH = 2048;
const MAX_TERMS = 50;

export function parseIdentityFilter(text: string): FilterParseResult {
  if (text.length > MAX_FILTER_LENGTH) {
    return { ok: false, code: 'unsupported-filter', description: `longer than ${MAX_FILTER_LENGTH} characters` };
  }
  let ast: scimFilter.Filter;
  try {
    ast = scimFilter.parse(text);
  } catch {
    return { ok: false, code: 'invalid-filter-syntax', description: 'invalid filter syntax' };
  }
  const terms = { count: 0 };
  try {
    return { ok: true, filter: narrow(ast, terms) };
  } catch (error) {
    if (error instanceof UnsupportedFilter) {
      return { ok: false, code: 'unsupported-filter', description: error.message };
    }
    throw error;
  }
}

class UnsupportedFilter extends Error {}

function narrow(node: scimFilter.Filter, terms: { count: number }): IdentityFilter {
  terms.count += 1;
  if (terms.count > MAX_TERMS) throw new UnsupportedFilter(`more than ${MAX_TERMS} terms`);
  const op = node.op.toLowerCase();
  if (op === 'and' || op === 'or') {
    const { filters } = node as scimFilter.LogExp;
    return { op, filters: filters.map((f) => narrow(f, terms)) };
  }
  if (!OPS.has(op)) throw new UnsupportedFilter(`unsupported operator "${node.op}"`);
  const { attrPath, compValue } = node as scimFilter.Compare;
  const field = FIELDS[attrPath.toLowerCase()];
  if (!field) throw new UnsupportedFilter(`unsupported attribute "${attrPath}"`);
  if (typeof compValue !== 'string') {
    throw new UnsupportedFilter(`the value compared with "${attrPath}" must be a string`);
  }
  return { op: op as IdentityFilterOp, field, value: comparable(field, compValue) };
}

/**
 * Puts the value in the form its column is stored in: usernames, emails and display names compare
 * case-insensitively through their folded key; ids are lower-case hex; external ids are the
 * client's own and compare exactly (SCIM's `externalId` is caseExact).
 */
function comparable(field: IdentityFilterField, value: string): string {
  switch (field) {
    case 'id':
      return value.toLowerCase();
    case 'external_id':
      return value;
    default:
      return foldedKey(value);
  }
}

/** A stable text for a filter, so a page token can tell whether the filter changed. */
export function canonicalFilter(filter: IdentityFilter | undefined): string {
  return filter === undefined ? '' : JSON.stringify(filter);
}
