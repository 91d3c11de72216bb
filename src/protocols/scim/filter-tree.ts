import type scimFilter from 'scim2-parse-filter';
import { type Result, badRequest, ok } from './problems.js';
import { FilterSyntaxError, parseScimFilter } from '../../domain/directory/filter-syntax.js';
import type { AttributeDef } from './schema.js';

/** Longer filter text is refused before it is parsed. */
export const MAX_FILTER_LENGTH = 4096;
const MAX_TERMS = 100;

/** A filter that parses but that yonder cannot answer (an unknown attribute, a nested value path). */
export class FilterError extends Error {}

/** Counts the terms of one filter as it is resolved. */
export interface TermCount {
  terms: number;
}

export type LogicalCondition<C> = { op: 'and' | 'or'; conditions: C[] } | { op: 'not'; condition: C };

/**
 * Reads SCIM filter text into a condition, refusing in this order: text over the length limit
 * and bad syntax (`invalidFilter`), what `resolve` throws as FilterError (`invalidFilter`), and
 * a condition `overBudget` refuses (`tooMany`).
 */
export function readFilter<C>(
  text: string,
  resolve: (ast: scimFilter.Filter, count: TermCount) => C,
  overBudget: (condition: C) => string | undefined,
): Result<C> {
  if (text.length > MAX_FILTER_LENGTH) return badRequest('invalidFilter', `the filter is longer than ${MAX_FILTER_LENGTH} characters`);
  let ast: scimFilter.Filter;
  try {
    ast = parseScimFilter(text);
  } catch (error) {
    if (error instanceof FilterSyntaxError) return badRequest('invalidFilter', `the filter is not valid: ${error.message}`);
    throw error;
  }
  let condition: C;
  try {
    condition = resolve(ast, { terms: 0 });
  } catch (error) {
    if (error instanceof FilterError) return badRequest('invalidFilter', error.message);
    throw error;
  }
  const refusal = overBudget(condition);
  return refusal === undefined ? ok(condition) : badRequest('tooMany', refusal);
}

/** Counts `node` against the term limit and returns its operator in lower case. */
export function countTerm(node: scimFilter.Filter, count: TermCount): string {
  count.terms += 1;
  if (count.terms > MAX_TERMS) throw new FilterError(`the filter has more than ${MAX_TERMS} terms`);
  return node.op.toLowerCase();
}

/** `and`, `or` and `not`, with `resolve` for the filters under them; undefined for any other node. */
export function logical<C>(node: scimFilter.Filter, op: string, resolve: (child: scimFilter.Filter) => C): LogicalCondition<C> | undefined {
  switch (op) {
    case 'and':
    case 'or':
      return { op, conditions: (node as scimFilter.LogExp).filters.map(resolve) };
    case 'not':
      return { op: 'not', condition: resolve((node as scimFilter.NotFilter).filter) };
    default:
      return undefined;
  }
}

/** A value path (`emails[type eq "work"]`); one inside another is refused. */
export function valuePath(node: scimFilter.Filter, nested: boolean): scimFilter.ValuePath {
  if (nested) throw new FilterError('value paths cannot be nested');
  return node as scimFilter.ValuePath;
}

const SUBSTRING = new Set(['co', 'sw', 'ew']);

/**
 * The value a string or date-time attribute is compared with: a date-time as stored (UTC,
 * milliseconds), so text order is time order; a string as given. Refuses a substring operator on
 * a date-time and a value of the wrong type.
 */
export function textOperand(def: AttributeDef, op: string, raw: unknown, path: string): string {
  if (def.type === 'dateTime') {
    if (SUBSTRING.has(op)) throw new FilterError(`"${op}" cannot compare the date-time "${path}"`);
    const time = typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
    if (Number.isNaN(time)) throw new FilterError(`"${path}" must be compared with a date-time`);
    return new Date(time).toISOString();
  }
  if (typeof raw !== 'string') throw new FilterError(`"${path}" must be compared with a string`);
  return raw;
}
