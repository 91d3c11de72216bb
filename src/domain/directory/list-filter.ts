import type scimFilter from 'scim2-parse-filter';
import { type CostTree, overBudget } from './filter-cost.js';
import { FilterSyntaxError, parseScimFilter } from './filter-syntax.js';

/**
 * The v1 `filter` parameter of a list. The contract says filters follow the SCIM grammar
 * (RFC 7644 §3.4.2.2); the parsing is scim2-parse-filter's, and each list narrows the result to the
 * attributes and operators it can answer from its columns through a `FilterGrammar`. Anything else
 * is refused with a reason rather than answered with a silently wrong list.
 */
export type ListFilter<Field extends string, Op extends string> =
  | { op: 'and' | 'or'; filters: ListFilter<Field, Op>[] }
  | { op: Op; field: Field; value: string };

export type ListFilterResult<Filter> =
  | { ok: true; filter: Filter }
  | { ok: false; code: 'invalid-filter-syntax' | 'unsupported-filter'; description: string };

export interface FilterGrammar<Field extends string, Op extends string> {
  /** SCIM attribute names are case-insensitive, so the table is keyed by the lower-cased path. */
  fields: Record<string, Field>;
  ops: readonly Op[];
  /** The compared value in the form its column is stored in; throw `UnsupportedFilter` to refuse it. */
  comparable(field: Field, value: string, attrPath: string): string;
  /** Whether an index answers this comparison alone (see filter-cost.ts); by default `eq` and `sw` do. */
  served?(field: Field, op: Op): boolean;
  /** Which comparisons indexes answer, said to a client whose filter is too expensive. */
  indexed?: string;
}

/** Thrown by a grammar's `comparable` (and by the narrowing) to refuse a filter with a reason. */
export class UnsupportedFilter extends Error {}

const MAX_FILTER_LENGTH = 2048;
const MAX_TERMS = 50;

export function parseListFilter<Field extends string, Op extends string>(
  text: string,
  grammar: FilterGrammar<Field, Op>,
): ListFilterResult<ListFilter<Field, Op>> {
  if (text.length > MAX_FILTER_LENGTH) {
    return { ok: false, code: 'unsupported-filter', description: `longer than ${MAX_FILTER_LENGTH} characters` };
  }
  let ast: scimFilter.Filter;
  try {
    ast = parseScimFilter(text);
  } catch (error) {
    // Where it broke and what was expected, in the filter's own positions (see filter-syntax.ts).
    const where = error instanceof FilterSyntaxError ? `: ${error.message}` : '';
    return { ok: false, code: 'invalid-filter-syntax', description: `invalid filter syntax${where}` };
  }
  const terms = { count: 0 };
  let filter: ListFilter<Field, Op>;
  try {
    filter = narrow(ast, grammar, terms);
  } catch (error) {
    if (error instanceof UnsupportedFilter) {
      return { ok: false, code: 'unsupported-filter', description: error.message };
    }
    throw error;
  }
  const refusal = overBudget(costTree(filter, grammar), 'row', grammar.indexed ?? 'eq and sw are answered from indexes');
  return refusal === undefined ? { ok: true, filter } : { ok: false, code: 'unsupported-filter', description: refusal };
}

/** The filter as the cost model reads it (see filter-cost.ts). */
export function costTree<Field extends string, Op extends string>(filter: ListFilter<Field, Op>, grammar: FilterGrammar<Field, Op>): CostTree {
  if (filter.op === 'and' || filter.op === 'or') {
    return { op: filter.op as 'and' | 'or', children: (filter as { filters: ListFilter<Field, Op>[] }).filters.map((f) => costTree(f, grammar)) };
  }
  const { field, op } = filter as { field: Field; op: Op };
  const served = grammar.served ? grammar.served(field, op) : op === 'eq' || op === 'sw';
  return { op: 'compare', served, substring: op === 'co' || op === 'ew', prefix: op === 'sw' };
}

function narrow<Field extends string, Op extends string>(
  node: scimFilter.Filter,
  grammar: FilterGrammar<Field, Op>,
  terms: { count: number },
): ListFilter<Field, Op> {
  terms.count += 1;
  if (terms.count > MAX_TERMS) throw new UnsupportedFilter(`more than ${MAX_TERMS} terms`);
  const op = node.op.toLowerCase();
  if (op === 'and' || op === 'or') {
    const { filters } = node as scimFilter.LogExp;
    return { op, filters: filters.map((f) => narrow(f, grammar, terms)) };
  }
  if (!(grammar.ops as readonly string[]).includes(op)) throw new UnsupportedFilter(`unsupported operator "${node.op}"`);
  const { attrPath, compValue } = node as scimFilter.Compare;
  const field = grammar.fields[attrPath.toLowerCase()];
  if (!field) throw new UnsupportedFilter(`unsupported attribute "${attrPath}"`);
  if (typeof compValue !== 'string') {
    throw new UnsupportedFilter(`the value compared with "${attrPath}" must be a string`);
  }
  return { op: op as Op, field, value: grammar.comparable(field, compValue, attrPath) };
}

/** A stable text for a filter, so a page token can tell whether the filter changed. */
export function canonicalFilter(filter: object | undefined): string {
  return filter === undefined ? '' : JSON.stringify(filter);
}
