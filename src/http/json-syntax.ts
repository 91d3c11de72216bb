/**
 * Where a JSON text breaks and what the grammar expected there, for the error a client reads
 * ("unexpected '}' at line 3, column 5; expected a property name in double quotes"). Run only once
 * JSON.parse has refused the text: V8's own message quotes the body and has no line or column.
 * It follows RFC 8259 and stops at the first error, quoting one character of the body at most.
 */
export function jsonSyntaxError(text: string): string | null {
  let at = 0;
  const fail = (expected: string): never => {
    throw new SyntaxFault(at, expected);
  };
  const skipSpace = () => {
    while (at < text.length && ' \t\n\r'.includes(text.charAt(at))) at += 1;
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text.charAt(at) !== ch) fail(`the literal ${word}`);
      at += 1;
    }
  };
  const digits = (what: string) => {
    if (!/[0-9]/.test(text.charAt(at))) fail(what);
    while (/[0-9]/.test(text.charAt(at))) at += 1;
  };
  const number = () => {
    if (text.charAt(at) === '-') at += 1;
    if (text.charAt(at) === '0') at += 1;
    else digits('a digit');
    if (text.charAt(at) === '.') {
      at += 1;
      digits('a digit after the decimal point');
    }
    if (/[eE]/.test(text.charAt(at))) {
      at += 1;
      if (/[+-]/.test(text.charAt(at))) at += 1;
      digits('a digit in the exponent');
    }
  };
  const string = () => {
    at += 1;
    for (;;) {
      if (at >= text.length) fail('a closing double quote');
      const ch = text.charAt(at);
      if (ch === '"') break;
      if (ch < ' ') fail('a closing double quote (control characters must be escaped)');
      if (ch === '\\') {
        at += 1;
        const escaped = text.charAt(at);
        if (escaped === 'u') {
          for (let i = 0; i < 4; i += 1) {
            at += 1;
            if (!/[0-9a-fA-F]/.test(text.charAt(at))) fail('four hexadecimal digits after \\u');
          }
        } else if (!'"\\/bfnrt'.includes(escaped) || escaped === '') fail('an escape: \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u');
      }
      at += 1;
    }
    at += 1;
  };
  const property = () => {
    if (text.charAt(at) !== '"') fail('a property name in double quotes');
    string();
    skipSpace();
    if (text.charAt(at) !== ':') fail("':' after the property name");
    at += 1;
    value();
  };
  const value = (): void => {
    skipSpace();
    const ch = text.charAt(at);
    if (ch === '{') members('}', property);
    else if (ch === '[') members(']', value);
    else if (ch === '"') string();
    else if (ch === '-' || /[0-9]/.test(ch)) number();
    else if (ch === 't') literal('true');
    else if (ch === 'f') literal('false');
    else if (ch === 'n') literal('null');
    else fail('a value (an object, array, string, number, true, false or null)');
  };
  /** An object's or an array's members, the opening bracket at `at`. */
  const members = (close: '}' | ']', member: () => void) => {
    at += 1;
    skipSpace();
    if (text.charAt(at) === close) {
      at += 1;
      return;
    }
    for (;;) {
      skipSpace();
      member();
      skipSpace();
      const next = text.charAt(at);
      at += 1;
      if (next === close) return;
      if (next !== ',') {
        at -= 1;
        fail(`',' or '${close}'`);
      }
    }
  };
  try {
    value();
    skipSpace();
    if (at < text.length) fail('the end of the body after the value');
    return null;
  } catch (error) {
    if (!(error instanceof SyntaxFault)) throw error;
    return describe(text, error);
  }
}

class SyntaxFault {
  constructor(
    readonly at: number,
    readonly expected: string,
  ) {}
}

function describe(text: string, fault: SyntaxFault): string {
  const before = text.slice(0, fault.at);
  const line = before.split('\n').length;
  const column = fault.at - before.lastIndexOf('\n');
  const found = fault.at >= text.length ? 'end of the body' : JSON.stringify(String.fromCodePoint(text.codePointAt(fault.at) ?? 0));
  return `unexpected ${found} at line ${line}, column ${column} (position ${fault.at}); expected ${fault.expected}`;
}
