import { describe, expect, it } from 'vitest';
import { canonicalFilter, parseIdentityFilter } from '../../src/domain/directory/identity-filter.js';
import { decodePageToken, encodePageToken } from '../../src/domain/page-token.js';

describe('identity filters', () => {
  it('narrows the SCIM grammar to the supported attributes, folding values that compare case-insensitively', () => {
    expect(parseIdentityFilter('traits.username eq "ALICE"')).toEqual({
      ok: true,
      filter: { op: 'eq', field: 'username', value: 'alice' },
    });
    expect(parseIdentityFilter('TRAITS.External_Id EQ "AbC" or id eq "ABCDEF0123456789"')).toEqual({
      ok: true,
      filter: {
        op: 'or',
        filters: [
          { op: 'eq', field: 'external_id', value: 'AbC' },
          { op: 'eq', field: 'id', value: 'abcdef0123456789' },
        ],
      },
    });
  });

  it('refuses what it cannot answer, with a reason, instead of answering wrongly', () => {
    const cases: [string, string][] = [
      ['traits.title eq "x"', 'unsupported attribute "traits.title"'],
      ['traits.username ne "x"', 'unsupported operator "ne"'],
      ['not (id eq "x")', 'unsupported operator "not"'],
      ['id eq true', 'the value compared with "id" must be a string'],
      [
        'id eq',
        'invalid filter syntax: unexpected end of the filter at position 5; expected a value: a quoted string, a number, true, false or null',
      ],
      ['"x"', 'invalid filter syntax: unexpected "\\"x\\"" at position 0; expected an attribute path, \'not\' or \'(\''],
    ];
    for (const [text, description] of cases) {
      const result = parseIdentityFilter(text);
      expect(result.ok, text).toBe(false);
      if (!result.ok) expect(result.description, text).toBe(description);
    }
    expect(parseIdentityFilter(Array.from({ length: 60 }, (_, i) => `id eq "${i}"`).join(' or ')).ok).toBe(false);
  });

  it('canonicalFilter ignores spacing and case that do not change meaning', () => {
    const a = parseIdentityFilter('traits.username eq "Bob"');
    const b = parseIdentityFilter('traits.username   EQ "bob"');
    if (!a.ok || !b.ok) throw new Error('parse failed');
    expect(canonicalFilter(a.filter)).toBe(canonicalFilter(b.filter));
  });
});

describe('page tokens', () => {
  const key = Buffer.alloc(32, 7);
  const cursor = { list: 'identities:r', filter: '', after: 'abc', page_size: 7, iat: 1000 };

  it('round-trip, are URL-safe, and refuse tampering, another key and old age', () => {
    const token = encodePageToken(cursor, key);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(decodePageToken(token, key, 1001)).toEqual(cursor);
    expect(decodePageToken(token, Buffer.alloc(32, 8), 1001)).toBeNull();
    expect(decodePageToken(`${token.slice(0, -2)}AA`, key, 1001)).toBeNull();
    expect(decodePageToken(token, key, 1000 + 8 * 24 * 3600)).toBeNull();
    expect(decodePageToken('a.b.c', key, 1001)).toBeNull();
  });
});
