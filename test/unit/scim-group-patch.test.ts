import { describe, expect, it } from 'vitest';
import { type MemberStep, memberDelta, needsMemberList, planGroupPatch } from '../../src/protocols/scim/group-patch.js';
import { parseGroupFilter } from '../../src/protocols/scim/group-filter.js';
import { parsePatchRequest } from '../../src/protocols/scim/user-patch.js';

const plan = (...Operations: unknown[]) => {
  const parsed = parsePatchRequest({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations });
  if (!parsed.ok) return parsed;
  return planGroupPatch(parsed.value);
};

describe('group PATCH plans', () => {
  it("Okta's rename with the read-only id in a no-path value changes only the name", () => {
    const r = plan({ op: 'replace', value: { id: 'abc', displayName: 'Renamed', meta: {} } });
    expect(r).toEqual({ ok: true, value: { displayName: 'Renamed', members: [] } });
  });

  it('member removes by filter and by value, and adds, become steps in order; ids fold to lower case', () => {
    const r = plan(
      { op: 'remove', path: 'members[value eq "A1" or value eq "b2"]' },
      { op: 'Remove', path: 'members', value: [{ value: 'c3' }] },
      { op: 'Add', path: 'members', value: [{ $ref: null, value: 'd4', display: 'D' }] },
      { op: 'replace', path: 'urn:ietf:params:scim:schemas:core:2.0:Group:members', value: [{ value: 'e5' }] },
    );
    expect(r.ok && r.value.members).toEqual([
      { kind: 'remove', ids: ['a1', 'b2'] },
      { kind: 'remove', ids: ['c3'] },
      { kind: 'add', ids: ['d4'] },
      { kind: 'clear' },
      { kind: 'add', ids: ['e5'] },
    ]);
  });

  it('a general member filter needs the member list; unknown attributes are ignored', () => {
    const r = plan({ op: 'remove', path: 'members[value sw "a"]' }, { op: 'add', path: 'favoriteColor', value: 'blue' });
    expect(r.ok && needsMemberList(r.value)).toBe(true);
  });
});

describe('member deltas', () => {
  it('the later step wins on the same id, without reading the members', () => {
    const steps: MemberStep[] = [
      { kind: 'add', ids: ['a', 'b'] },
      { kind: 'remove', ids: ['b', 'c'] },
      { kind: 'add', ids: ['c'] },
    ];
    expect(memberDelta(steps)).toEqual({ ok: true, value: { clear: false, add: ['a', 'c'], remove: ['b'] } });
    expect(memberDelta([{ kind: 'remove', ids: ['x'] }, { kind: 'clear' }, { kind: 'add', ids: ['y'] }, { kind: 'remove', ids: ['z'] }])).toEqual({
      ok: true,
      value: { clear: true, add: ['y'], remove: [] },
    });
  });

  it('with the current members it is exact, filters included', () => {
    const filter = plan({ op: 'remove', path: 'members[value sw "a"]' });
    const steps = filter.ok ? filter.value.members : [];
    expect(memberDelta([...steps, { kind: 'add', ids: ['a9', 'c1'] }], ['a1', 'a2', 'b1'])).toEqual({
      ok: true,
      value: { clear: false, add: ['a9', 'c1'], remove: ['a1', 'a2'] },
    });
  });
});

describe('group filters', () => {
  it('fold displayName, lower ids, and put member tests under some_member', () => {
    expect(parseGroupFilter('displayName eq "Straße"')).toEqual({ ok: true, value: { op: 'eq', field: { kind: 'display_name' }, value: 'strasse' } });
    expect(parseGroupFilter('members[value eq "AB"]')).toEqual({
      ok: true,
      value: { op: 'some_member', condition: { op: 'eq', field: { kind: 'member' }, value: 'ab' } },
    });
    const bad = parseGroupFilter('members.display eq "x"');
    expect(!bad.ok && bad.problem.scimType).toBe('invalidFilter');
  });
});
