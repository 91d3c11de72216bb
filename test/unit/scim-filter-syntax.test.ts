import { describe, expect, it } from 'vitest';
import { parseScimFilter } from '../../src/domain/directory/filter-syntax.js';

const compValueOf = (text: string) => (parseScimFilter(text) as { compValue: unknown }).compValue;

describe('SCIM filter values are JSON strings (RFC 7644 §3.4.2.2)', () => {
  it('reads escapes as JSON does: \\\\ is one backslash, \\" a quote, \\u an escape', () => {
    expect(compValueOf(String.raw`nickName eq "back\\slash"`)).toBe('back\\slash');
    expect(compValueOf(String.raw`nickName sw "back\\"`)).toBe('back\\');
    expect(compValueOf(String.raw`nickName eq "say \"hi\""`)).toBe('say "hi"');
    expect(compValueOf(String.raw`nickName eq "\u00e9\t"`)).toBe('é\t');
    expect(compValueOf(String.raw`nickName eq "a\\\"b"`)).toBe('a\\"b');
    expect(compValueOf('nickName eq "100%_x"')).toBe('100%_x');
  });

  it('keeps the values of every comparison in a compound filter apart', () => {
    expect(parseScimFilter(String.raw`a eq "x\\" or b eq "\"y"`)).toEqual({
      op: 'or',
      filters: [
        { op: 'eq', attrPath: 'a', compValue: 'x\\' },
        { op: 'eq', attrPath: 'b', compValue: '"y' },
      ],
    });
  });

  it('refuses what is not a JSON string, and trailing text', () => {
    expect(() => parseScimFilter(String.raw`nickName eq "bad\q"`)).toThrow();
    expect(() => parseScimFilter('nickName eq "x" "y"')).toThrow();
    expect(() => parseScimFilter('nickName eq')).toThrow();
  });
});
