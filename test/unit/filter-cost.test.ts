import { describe, expect, it } from 'vitest';
import {
  type CostTree,
  MAX_SCANNED_WORK,
  MAX_SEEKS,
  exactLookups,
  filterCost,
  indexServed,
  overBudget,
} from '../../src/domain/directory/filter-cost.js';
import { loadConfig } from '../../src/config.js';
import { parseIdentityFilter } from '../../src/domain/directory/identity-filter.js';
import { parseGroupFilter } from '../../src/protocols/scim/group-filter.js';
import { parseUserFilter } from '../../src/protocols/scim/filter.js';

const seek: CostTree = { op: 'compare', served: true, substring: false };
const scanEq: CostTree = { op: 'compare', served: false, substring: false };
const contains: CostTree = { op: 'compare', served: false, substring: true };
const ors = (n: number, term: string) => Array.from({ length: n }, (_, i) => term.replace('#', String(i))).join(' or ');

describe('filter cost model', () => {
  it('an index seek costs one; an OR of seeks is their sum; an AND seeks by its cheapest served side', () => {
    expect(filterCost(seek)).toEqual({ seeks: 1, work: 1 });
    expect(filterCost({ op: 'or', children: [seek, seek, seek] }).seeks).toBe(3);
    expect(filterCost({ op: 'and', children: [seek, contains, contains] })).toEqual({ seeks: 1, work: 5 });
    expect(indexServed({ op: 'and', children: [contains, seek] })).toBe(true);
  });

  it('one unserved branch of an OR, or a not, makes the whole filter a scan, costed per row; co and ew count twice', () => {
    expect(filterCost({ op: 'or', children: [seek, contains] })).toEqual({ seeks: undefined, work: 3 });
    expect(indexServed({ op: 'not', child: seek })).toBe(false);
    expect(filterCost({ op: 'or', children: [scanEq, scanEq, contains] }).work).toBe(4);
  });

  it('a prefix is a seek for the budget, but only exact lookups are known to read about what they return', () => {
    const prefix: CostTree = { op: 'compare', served: true, substring: false, prefix: true };
    expect(indexServed(prefix)).toBe(true);
    expect(exactLookups(prefix)).toBe(false);
    expect(exactLookups({ op: 'and', children: [prefix, seek] })).toBe(true);
    expect(exactLookups({ op: 'or', children: [prefix, seek] })).toBe(false);
  });

  it('refuses scans over MAX_SCANNED_WORK and seeks over MAX_SEEKS, saying why', () => {
    expect(overBudget({ op: 'or', children: Array(MAX_SCANNED_WORK / 2).fill(contains) }, 'identity', '')).toBeUndefined();
    expect(overBudget({ op: 'or', children: Array(MAX_SCANNED_WORK / 2 + 1).fill(contains) }, 'identity', 'eq is indexed')).toMatch(
      /every identity of the realm would be tested against 22 units.*eq is indexed/,
    );
    expect(overBudget({ op: 'or', children: Array(MAX_SEEKS).fill(seek) }, 'identity', '')).toBeUndefined();
    expect(overBudget({ op: 'or', children: Array(MAX_SEEKS + 1).fill(seek) }, 'identity', '')).toMatch(/101 index lookups/);
  });
});

describe('filter budget on SCIM Users, Groups and the v1 identity list', () => {
  it('accepts what Okta and Entra send', () => {
    for (const filter of [
      'userName eq "alice@example.com"',
      'externalId eq "00u1abcd"',
      'displayName eq "Alice"',
      'emails[type eq "work"].value eq "alice@example.com"',
      'emails[type eq "work" and value eq "alice@example.com"]',
      'emails.value eq "alice@example.com"',
      'userName eq "a" and active eq true',
      ors(MAX_SEEKS - 1, 'userName eq "u#"'),
    ]) {
      expect(parseUserFilter(filter), filter).toMatchObject({ ok: true });
    }
    for (const filter of ['displayName eq "Staff"', 'externalId eq "g1"', 'id eq "abc" and members[value eq "def"]', 'members[value eq "def"]']) {
      expect(parseGroupFilter(filter), filter).toMatchObject({ ok: true });
    }
  });

  it('folds the constant slot comparisons: emails[type eq "work"] leaves only the work email to test', () => {
    expect(parseUserFilter('emails[type eq "work"]')).toEqual({ ok: true, value: { op: 'pr', field: { kind: 'key', key: 'email' } } });
    expect(parseUserFilter('emails[type eq "home"]')).toEqual({ ok: true, value: { op: 'const', value: false } });
    expect(parseUserFilter('not (emails[type eq "home"])')).toEqual({ ok: true, value: { op: 'const', value: true } });
  });

  it('counts a multi-valued attribute once per slot: a few emails co are fine, many are refused with tooMany', () => {
    expect(parseUserFilter(ors(3, 'emails co "zq#"'))).toMatchObject({ ok: true });
    for (const n of [30, 99]) {
      const result = parseUserFilter(ors(n, 'emails co "zq#"'));
      expect(result).toMatchObject({ ok: false, problem: { status: 400, scimType: 'tooMany' } });
      expect(!result.ok && result.problem.detail).toMatch(/too expensive.*every identity of the realm/);
    }
    expect(parseUserFilter(ors(11, 'title co "x#"'))).toMatchObject({ ok: false, problem: { scimType: 'tooMany' } });
    expect(parseGroupFilter(ors(11, 'displayName co "x#"'))).toMatchObject({ ok: false, problem: { scimType: 'tooMany' } });
  });

  it('the v1 identity list refuses 25 co terms and keeps eq and sw lists', () => {
    const refused = parseIdentityFilter(ors(25, 'traits.username co "zq#"'));
    expect(refused).toMatchObject({ ok: false, code: 'unsupported-filter' });
    expect(!refused.ok && refused.description).toMatch(/too expensive/);
    expect(parseIdentityFilter(ors(40, 'traits.username eq "u#"'))).toMatchObject({ ok: true });
    expect(parseIdentityFilter('display_name co "ali" or traits.username sw "ali"')).toMatchObject({ ok: true });
  });
});

describe('FILTER_TIMEOUT_MS', () => {
  it('is 5 s unless set, a whole number of milliseconds from 1 to 600000', () => {
    expect(loadConfig({}).filterTimeoutMs).toBe(5000);
    expect(loadConfig({ FILTER_TIMEOUT_MS: '250' }).filterTimeoutMs).toBe(250);
    for (const bad of ['0', '1.5', 'soon', '600001']) expect(() => loadConfig({ FILTER_TIMEOUT_MS: bad })).toThrow(/FILTER_TIMEOUT_MS/);
  });
});
