import { createInterface } from 'node:readline';
import { CsvRecordReader } from '../domain/directory/csv.js';
import { recordFromCsvRow } from '../domain/directory/identity-import.js';
import type { ImportItem } from '../domain/directory/import-batch.js';
import { TRAIT_FIELDS } from '../domain/directory/traits.js';

/**
 * Streaming readers for `yonder import`: they read a line at a time (readline pauses the file while
 * the importer is busy), so memory stays flat whatever the file's size.
 */

export type ImportFormat = 'ndjson' | 'csv';

/** The columns of a CSV in the v1 identity shape (a trait may also be written `traits.<name>`). */
export const V1_CSV_COLUMNS: readonly string[] = ['display_name', 'status', ...TRAIT_FIELDS];

/**
 * The columns of a SCIM-shaped CSV (one with a `userName` column), each with the other spellings
 * exports use for it. A column not here is refused: the row reader would drop it without a word.
 */
export const SCIM_CSV_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  userName: [],
  displayName: [],
  'name.givenName': ['givenName', 'firstName', 'first_name', 'given_name'],
  'name.familyName': ['familyName', 'lastName', 'last_name', 'family_name'],
  'name.formatted': ['formatted', 'formatted_name'],
  email: ['emails', 'emails.value', 'emails[0].value', 'mail', 'primaryEmail'],
  externalId: ['external_id'],
  active: [],
};

const SCIM_SPELLINGS = new Map(Object.entries(SCIM_CSV_COLUMNS).flatMap(([column, others]) => [column, ...others].map((name) => [name, column])));

/**
 * The header as the row reader takes it: a SCIM header's other spellings become its own, and a
 * column a SCIM row would not read fails the import before any row is read.
 */
function csvHeader(fields: string[]): string[] {
  const header = fields.map((f) => f.trim().replace(/^\uFEFF/, ''));
  if (!header.includes('userName')) return header;
  const unknown = header.filter((column) => !SCIM_SPELLINGS.has(column));
  if (unknown.length > 0) {
    throw new Error(
      `the CSV has a userName column, so it is read as SCIM Users, which have no ${unknown.map((c) => `"${c}"`).join(', ')} column; ` +
        `accepted: ${Object.keys(SCIM_CSV_COLUMNS).join(', ')} (see yonder import --help)`,
    );
  }
  return header.map((column) => SCIM_SPELLINGS.get(column) ?? column);
}

const lines = (input: NodeJS.ReadableStream): AsyncIterable<string> => createInterface({ input, crlfDelay: Infinity });

// The line reader is made when the first item is asked for, not before: a stream that has
// already ended by then would leave a reader made earlier waiting for ever.

/** One JSON document per line; blank lines are passed over. */
export async function* ndjsonItems(input: NodeJS.ReadableStream): AsyncIterable<ImportItem> {
  yield* ndjsonFromLines(lines(input));
}

/** A header row, then one record per row (a quoted field may span lines). */
export async function* csvItems(input: NodeJS.ReadableStream): AsyncIterable<ImportItem> {
  yield* csvFromLines(lines(input));
}

async function* ndjsonFromLines(input: AsyncIterable<string>): AsyncIterable<ImportItem> {
  let line = 0;
  for await (const text of input) {
    line++;
    if (text.trim() === '') continue;
    try {
      yield { line, record: JSON.parse(text) as unknown };
    } catch {
      yield { line, error: 'not valid JSON' };
    }
  }
}

async function* csvFromLines(input: AsyncIterable<string>): AsyncIterable<ImportItem> {
  const reader = new CsvRecordReader();
  let header: string[] | null = null;
  let line = 0;
  let recordStart = 1;
  for await (const text of input) {
    line++;
    const fields = reader.push(text);
    if (!fields) continue;
    const start = recordStart;
    recordStart = line + 1;
    const blank = fields.length === 1 && fields[0]?.trim() === '';
    if (blank) continue;
    if (!header) {
      header = csvHeader(fields);
      continue;
    }
    if (fields.length !== header.length) {
      yield { line: start, error: `expected ${header.length} fields, found ${fields.length}` };
      continue;
    }
    yield { line: start, record: recordFromCsvRow(header, fields) };
  }
  if (reader.unterminated) yield { line: recordStart, error: 'quoted field not closed before the end of the file' };
}

/**
 * The format a first line shows: a JSON object is NDJSON; a header naming a username column
 * (`username`, `traits.username` or SCIM's `userName`) is CSV. Anything else: null.
 */
export function formatOfFirstLine(line: string): ImportFormat | null {
  const text = line.trim().replace(/^\uFEFF/, '');
  if (text.startsWith('{')) return 'ndjson';
  const columns = new CsvRecordReader().push(text)?.map((c) => c.trim()) ?? [];
  return columns.some((c) => c === 'username' || c === 'traits.username' || c === 'userName') ? 'csv' : null;
}

/**
 * Reads `input` in the format given, or, for `auto` (stdin, or a file whose name says nothing),
 * in the one its first line shows; one that shows neither fails the import before a row is read.
 */
export async function* importItems(input: NodeJS.ReadableStream, format: ImportFormat | 'auto', source: string): AsyncIterable<ImportItem> {
  if (format !== 'auto') {
    yield* format === 'csv' ? csvItems(input) : ndjsonItems(input);
    return;
  }
  const iterator = lines(input)[Symbol.asyncIterator]();
  const seen: string[] = [];
  let first: string | undefined;
  while (first === undefined) {
    const next = await iterator.next();
    if (next.done) return;
    seen.push(next.value);
    if (next.value.trim() !== '') first = next.value;
  }
  const detected = formatOfFirstLine(first);
  if (detected === null) {
    throw new Error(
      `cannot tell whether ${source} is NDJSON or CSV: its first line is neither a JSON object nor a CSV header with a username column; ` +
        'say which with --format ndjson or --format csv',
    );
  }
  const replayed = async function* () {
    yield* seen;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  };
  yield* detected === 'csv' ? csvFromLines(replayed()) : ndjsonFromLines(replayed());
}
