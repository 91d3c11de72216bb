/**
 * RFC 4180 CSV, one record at a time: fields separated by commas, optionally in double quotes, a
 * doubled quote inside quotes is one quote, and a quoted field may span lines. Feed physical
 * lines; a record is complete when its quotes are balanced.
 */
export class CsvRecordReader {
  private pending: string | null = null;

  /** Returns the fields of the record this line completes, or null if the record goes on. */
  push(line: string): string[] | null {
    const text = this.pending === null ? line : `${this.pending}\n${line}`;
    if (!quotesBalanced(text)) {
      this.pending = text;
      return null;
    }
    this.pending = null;
    return splitFields(text);
  }

  /** True when a quoted field was still open at the end of the input. */
  get unterminated(): boolean {
    return this.pending !== null;
  }
}

function quotesBalanced(text: string): boolean {
  let count = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 34) count++;
  return count % 2 === 0;
}

function splitFields(text: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\r' && i === text.length - 1) {
      // CRLF line ends
    } else field += c;
  }
  fields.push(field);
  return fields;
}
