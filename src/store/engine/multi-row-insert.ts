import { CompiledQuery } from 'kysely';
import type { Engine } from './connection.js';

/**
 * The SQL text of a multi-row INSERT, built once per table, column list, row count and tail, then
 * reused. Group commit writes a batch per turn of the event loop; building that INSERT through
 * Kysely (an operation tree, then compiling it) cost more per batch than SQLite writing it.
 * The same text each time also lets SQLite reuse its prepared statement and PostgreSQL its named
 * one. Column names come from our own row types, never from input.
 */
const texts = new Map<string, string>();
/** Batches are at most a few hundred rows, so the distinct texts stay few; the bound is a guard. */
const TEXTS_MAX = 2000;

/** `($1, $2, ...), (...)` for PostgreSQL or `(?, ?, ...), (...)` for SQLite, from parameter `first` on. */
export function valuesList(engine: Engine, columns: number, rows: number, first = 1): string {
  const tuples: string[] = [];
  let n = first;
  for (let r = 0; r < rows; r++) {
    const marks: string[] = [];
    for (let c = 0; c < columns; c++) marks.push(engine === 'postgres' ? `$${n++}` : '?');
    tuples.push(`(${marks.join(', ')})`);
  }
  return tuples.join(', ');
}

/** `insert into <table> (<columns>) values (...), ... <tail>`, cached. */
export function multiRowInsertSql(engine: Engine, table: string, columns: readonly string[], rows: number, tail = ''): string {
  const key = `${engine}\u0000${table}\u0000${columns.join(',')}\u0000${rows}\u0000${tail}`;
  let text = texts.get(key);
  if (text === undefined) {
    text = `insert into ${quoted(table)} (${columns.map(quoted).join(', ')}) values ${valuesList(engine, columns.length, rows)}${tail ? ` ${tail}` : ''}`;
    remember(key, text);
  }
  return text;
}

/** Caches a text built elsewhere under `key` (PostgreSQL's one-statement batch). */
export function cachedSql(key: string, build: () => string): string {
  let text = texts.get(key);
  if (text === undefined) {
    text = build();
    remember(key, text);
  }
  return text;
}

function remember(key: string, text: string): void {
  if (texts.size >= TEXTS_MAX) texts.clear();
  texts.set(key, text);
}

export function quoted(name: string): string {
  return `"${name}"`;
}

/** The rows' values in column order, one flat parameter list; a missing value is NULL. */
export function rowParameters(rows: readonly object[], columns: readonly string[], into: unknown[] = []): unknown[] {
  for (const row of rows) {
    const values = row as Record<string, unknown>;
    for (const column of columns) into.push(values[column] ?? null);
  }
  return into;
}

/**
 * Runs one multi-row INSERT of `rows` into `table` on `db` (a Kysely instance or transaction),
 * its text from `multiRowInsertSql`; `columns` defaults to the first row's keys.
 */
export async function insertRows(
  db: { executeQuery: (query: CompiledQuery) => Promise<unknown> },
  engine: Engine,
  table: string,
  rows: readonly object[],
  columns: readonly string[] = Object.keys(rows[0] ?? {}),
): Promise<void> {
  await db.executeQuery(CompiledQuery.raw(multiRowInsertSql(engine, table, columns, rows.length), rowParameters(rows, columns)));
}
