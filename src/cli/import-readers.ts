import { createInterface } from 'node:readline';
import { CsvRecordReader } from '../domain/directory/csv.js';
import { recordFromCsvRow } from '../domain/directory/identity-import.js';
import type { ImportItem } from '../domain/directory/import-batch.js';

/**
 * Streaming readers for `yonder import`: they read a line at a time (readline pauses the file while
 * the importer is busy), so memory stays flat whatever the file's size.
 */

/** One JSON document per line; blank lines are passed over. */
export async function* ndjsonItems(input: NodeJS.ReadableStream): AsyncIterable<ImportItem> {
  let line = 0;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    line++;
    if (text.trim() === '') continue;
    try {
      yield { line, record: JSON.parse(text) as unknown };
    } catch {
      yield { line, error: 'not valid JSON' };
    }
  }
}

/** A header row, then one record per row (a quoted field may span lines). */
export async function* csvItems(input: NodeJS.ReadableStream): AsyncIterable<ImportItem> {
  const reader = new CsvRecordReader();
  let header: string[] | null = null;
  let line = 0;
  let recordStart = 1;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    line++;
    const fields = reader.push(text);
    if (!fields) continue;
    const start = recordStart;
    recordStart = line + 1;
    if (!header) {
      header = fields.map((f) => f.trim().replace(/^\uFEFF/, ''));
      continue;
    }
    if (fields.length === 1 && fields[0]?.trim() === '') continue;
    if (fields.length !== header.length) {
      yield { line: start, error: `expected ${header.length} fields, found ${fields.length}` };
      continue;
    }
    yield { line: start, record: recordFromCsvRow(header, fields) };
  }
  if (reader.unterminated) yield { line: recordStart, error: 'quoted field not closed before the end of the file' };
}
