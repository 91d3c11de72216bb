import type scimFilter from 'scim2-parse-filter';
import parser from 'scim2-parse-filter/lib/src/parser.js';

/**
 * Reads SCIM filter text (RFC 7644 §3.4.2.2) into scim2-parse-filter's tree, every quoted value
 * read as the JSON string the RFC's grammar says it is (`compValue = ... / string`, RFC 7159):
 * `"back\\slash"` is `back\slash`, `"a\"b"` is `a"b`, `"\u00e9"` is `é`.
 *
 * The library's own `parse` doubles every backslash that is not before a quote before it
 * JSON-parses the value, so `"back\\slash"` came out with two backslashes (and never matched) and
 * `"back\\"` failed to parse. Here its tokens are taken as it makes them, that doubling is undone
 * (a doubled pair is one backslash; a lone one stands before a quote), and its parser runs on them.
 * Throws with the parser's message on bad syntax.
 */
export function parseScimFilter(text: string): scimFilter.Filter {
  const tokens = parser
    .tokenizer(text)
    .map((token) => (token.type === 'Quoted' ? { ...token, literal: token.literal.replace(/\\\\|\\(?=")/g, '\\') } : token));
  const list = new parser.Tokens(tokens);
  const filter = parser.parseFilter(list);
  if (list.peek().type !== 'EOT') throw new Error(`unexpected ${list.peek().literal} after the filter`);
  return filter;
}

/**
 * `actual <op> expected` for SCIM's text operators, case folded on both sides (the attributes
 * compared this way ignore case, like `type`). Returns undefined for an operator it does not know.
 */
export function compareFolded(actual: string, op: string, expected: string): boolean | undefined {
  const a = actual.toLowerCase();
  const b = expected.toLowerCase();
  switch (op) {
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
    case 'co':
      return a.includes(b);
    case 'sw':
      return a.startsWith(b);
    case 'ew':
      return a.endsWith(b);
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
    case 'lt':
      return a < b;
    case 'le':
      return a <= b;
    default:
      return undefined;
  }
}
