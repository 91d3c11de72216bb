import type scimFilter from 'scim2-parse-filter';
import parser, { type Token } from 'scim2-parse-filter/lib/src/parser.js';

/**
 * Reads SCIM filter text (RFC 7644 §3.4.2.2) into scim2-parse-filter's tree, every quoted value
 * read as the JSON string the RFC's grammar says it is (`compValue = ... / string`, RFC 7159):
 * `"back\\slash"` is `back\slash`, `"a\"b"` is `a"b`, `"\u00e9"` is `é`.
 *
 * The library's own `parse` doubles every backslash that is not before a quote before it
 * JSON-parses the value, so `"back\\slash"` came out with two backslashes (and never matched) and
 * `"back\\"` failed to parse. Here the text is split into the library's tokens without that
 * doubling (see `tokenize`), and its parser runs on them. Throws FilterSyntaxError on bad syntax.
 */
export function parseScimFilter(text: string): scimFilter.Filter {
  const tokens = tokenize(text);
  const list = new parser.Tokens(tokens);
  let filter: scimFilter.Filter;
  try {
    filter = parser.parseFilter(list);
  } catch (error) {
    // The token the parser refused is the one it took last.
    const refused = tokens[Math.min(Math.max(list.i - 1, 0), tokens.length - 1)] as PlacedToken;
    throw new FilterSyntaxError(refused, expectedAfter((error as Error).message));
  }
  const next = list.peek() as PlacedToken;
  if (next.type !== 'EOT') throw new FilterSyntaxError(next, "'and', 'or' or the end of the filter");
  return filter;
}

/**
 * A filter that does not follow the grammar, in SCIM's words and the filter's own position
 * (0-based, in characters), never the parser library's internal message ("[oops(Word)] is not json").
 */
export class FilterSyntaxError extends Error {
  constructor(token: PlacedToken, expected: string) {
    const found =
      token.type === 'EOT' ? 'end of the filter' : JSON.stringify(token.literal.length > 40 ? `${token.literal.slice(0, 40)}…` : token.literal);
    super(`unexpected ${found} at position ${token.at}; expected ${expected}`);
    this.name = 'FilterSyntaxError';
  }
}

type PlacedToken = Token & { at: number };

const ATTRIBUTE_PATH = "an attribute path, 'not' or '('";

/** What the grammar wanted where scim2-parse-filter stopped, read from which of its checks failed. */
function expectedAfter(message: string): string {
  if (/expected '\)'/.test(message)) return "')' or 'and', 'or'";
  if (/expected '\]'/.test(message)) return "']' or 'and', 'or'";
  if (/as valFilter operator/.test(message)) return "an operator (eq, ne, co, sw, ew, gt, ge, lt, le, pr) or '['";
  if (/is not json|un supported value/.test(message)) return 'a value: a quoted string, a number, true, false or null';
  return ATTRIBUTE_PATH;
}

/**
 * scim2-parse-filter's tokenizer (the same pattern), keeping where each token starts, and each
 * quoted value as it stands in the filter: the library doubles every backslash not before a
 * quote, which is what this file exists to avoid.
 */
function tokenize(text: string): PlacedToken[] {
  const tokens: PlacedToken[] = [];
  const pattern = /^(?:(\s+)|(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?(?![-\w._:/)\s]))|("(?:[^"\\]|\\.|\n)*")|([[()]|]\.?)|(\w[-\w._:/%]*))/;
  let at = 0;
  for (;;) {
    const match = pattern.exec(text.slice(at));
    if (!match || match[0].length === 0) break;
    const [whole, space, number, quoted, bracket, word] = match;
    if (!space) {
      const type: Token['type'] = number ? 'Number' : quoted ? 'Quoted' : bracket ? 'Bracket' : 'Word';
      tokens.push({ literal: number ?? quoted ?? bracket ?? word ?? whole, type, at });
    }
    at += whole.length;
  }
  if (at < text.length) {
    const rest = text.slice(at);
    const what = rest.startsWith('"') ? 'a closing double quote' : `${ATTRIBUTE_PATH}, a value or an operator`;
    throw new FilterSyntaxError({ literal: rest.startsWith('"') ? '"' : (rest[0] ?? ''), type: 'Word', at }, what);
  }
  tokens.push({ literal: '', type: 'EOT', at: text.length });
  return tokens;
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
