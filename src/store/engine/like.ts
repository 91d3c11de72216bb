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

export type ComparisonOp = 'eq' | SubstringOp | 'gt' | 'ge' | 'lt' | 'le';

/**
 * A filter's comparison of one column. `eq` and the substring operators compare `column` itself
 * (so its index serves); ordering compares `text`, the column as the engine sorts text.
 * Absent attributes compare false (never NULL), so `not (...)` matches them.
 */
export function compareColumn(column: RawBuilder<unknown>, text: RawBuilder<unknown>, op: ComparisonOp, value: string): RawBuilder<SqlBool> {
  let comparison: RawBuilder<SqlBool>;
  switch (op) {
    case 'eq':
      comparison = sql<SqlBool>`${column} = ${value}`;
      break;
    case 'co':
    case 'sw':
    case 'ew':
      comparison = like(column, op, value);
      break;
    case 'gt':
      comparison = sql<SqlBool>`${text} > ${value}`;
      break;
    case 'ge':
      comparison = sql<SqlBool>`${text} >= ${value}`;
      break;
    case 'lt':
      comparison = sql<SqlBool>`${text} < ${value}`;
      break;
    case 'le':
      comparison = sql<SqlBool>`${text} <= ${value}`;
      break;
  }
  return sql<SqlBool>`(${column} is not null and ${comparison})`;
}
