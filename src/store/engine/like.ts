import { type RawBuilder, type SqlBool, sql } from 'kysely';

/**
 * Substring comparisons (`co`, `sw`, `ew`) as LIKE on both engines. The value is the client's:
 * its `%` and `_` must match themselves, not any text or any character, so they are escaped,
 * and so is the escape character itself. Both engines compare LIKE case-sensitively here
 * (SQLite's `case_sensitive_like` is on, see connection.ts); case is folded in the value.
 */
const ESCAPE = '\\';

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `${ESCAPE}${c}`);
}

export type SubstringOp = 'co' | 'sw' | 'ew';

export function likePattern(op: SubstringOp, value: string): string {
  const escaped = escapeLike(value);
  return op === 'co' ? `%${escaped}%` : op === 'sw' ? `${escaped}%` : `%${escaped}`;
}

/** `column LIKE pattern ESCAPE '\'`: true where the column contains, starts or ends with `value`. */
export function like(column: RawBuilder<unknown>, op: SubstringOp, value: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${column} like ${likePattern(op, value)} escape '\\'`;
}
