import { describe, expect, it } from 'vitest';
import {
  type EvaluationRequest,
  type PolicyRule,
  POLICY_ACTIONS,
  POLICY_TRANSACTIONS,
  adminRealmRules,
  compilePolicy,
  defaultRealmRules,
  evaluateCompiledPolicy,
  evaluatePolicy,
  normalizeRules,
  rulesReferencing,
} from '../../src/domain/access/policy.js';

function rule(overrides: Partial<PolicyRule> & Pick<PolicyRule, 'id' | 'action'>): PolicyRule {
  return {
    name: overrides.id,
    description: '',
    transaction: 'authentication',
    conditions: { groups: [], applications: [], identities: [], ...overrides.conditions },
    deny_message: '',
    ...overrides,
  };
}

function request(overrides: Partial<EvaluationRequest> = {}): EvaluationRequest {
  return {
    identity: { id: 'alice', status: 'active' },
    groupIds: new Set(),
    applicationId: 'console',
    transaction: 'authentication',
    ...overrides,
  };
}

describe('evaluatePolicy', () => {
  it('denies with rule "default" when no rule matches', () => {
    expect(evaluatePolicy([], request())).toEqual({
      decision: 'DENY',
      rule_id: 'default',
      monitored_rule_ids: [],
      deny_message: 'access denied by policy',
    });
  });

  it('lets the first matching ALLOW or DENY decide, top-down', () => {
    const rules = [
      rule({ id: 'deny-admins', action: 'DENY', conditions: { groups: ['admins'], applications: [], identities: [] }, deny_message: 'no' }),
      rule({ id: 'allow-all', action: 'ALLOW' }),
    ];
    expect(evaluatePolicy(rules, request()).rule_id).toBe('allow-all');
    expect(evaluatePolicy(rules, request({ groupIds: new Set(['admins']) }))).toEqual({
      decision: 'DENY',
      rule_id: 'deny-admins',
      monitored_rule_ids: [],
      deny_message: 'no',
    });
  });

  it('reports matching MONITOR rules without letting them decide', () => {
    const rules = [
      rule({ id: 'watch', action: 'MONITOR' }),
      rule({ id: 'watch-other-app', action: 'MONITOR', conditions: { groups: [], applications: ['other'], identities: [] } }),
      rule({ id: 'allow', action: 'ALLOW' }),
      rule({ id: 'watch-after', action: 'MONITOR' }),
    ];
    expect(evaluatePolicy(rules, request())).toEqual({ decision: 'ALLOW', rule_id: 'allow', monitored_rule_ids: ['watch'] });
    expect(evaluatePolicy([rule({ id: 'watch', action: 'MONITOR' })], request())).toMatchObject({
      decision: 'DENY',
      rule_id: 'default',
      monitored_rule_ids: ['watch'],
    });
  });

  it('matches a group condition when the identity is in any of the groups', () => {
    const rules = [rule({ id: 'r', action: 'ALLOW', conditions: { groups: ['a', 'b'], applications: [], identities: [] } })];
    expect(evaluatePolicy(rules, request({ groupIds: new Set(['b', 'z']) })).decision).toBe('ALLOW');
    expect(evaluatePolicy(rules, request({ groupIds: new Set(['z']) })).decision).toBe('DENY');
  });

  it('needs every non-empty condition to hold: groups, applications and identities', () => {
    const rules = [rule({ id: 'r', action: 'ALLOW', conditions: { groups: ['g'], applications: ['console'], identities: ['alice'] } })];
    const member = new Set(['g']);
    expect(evaluatePolicy(rules, request({ groupIds: member })).decision).toBe('ALLOW');
    expect(evaluatePolicy(rules, request({ groupIds: member, applicationId: 'other' })).decision).toBe('DENY');
    expect(evaluatePolicy(rules, request({ groupIds: member, applicationId: null })).decision).toBe('DENY');
    expect(evaluatePolicy(rules, request({ groupIds: member, identity: { id: 'bob', status: 'active' } })).decision).toBe('DENY');
  });

  it('only applies rules of the request transaction', () => {
    const rules = [rule({ id: 'enroll', action: 'ALLOW', transaction: 'credential_enrollment' })];
    expect(evaluatePolicy(rules, request()).rule_id).toBe('default');
    expect(evaluatePolicy(rules, request({ transaction: 'credential_enrollment' })).rule_id).toBe('enroll');
  });

  it('denies a suspended identity whatever the rules say', () => {
    expect(evaluatePolicy(defaultRealmRules(), request({ identity: { id: 'alice', status: 'suspended' } }))).toEqual({
      decision: 'DENY',
      rule_id: 'suspended',
      monitored_rule_ids: [],
      deny_message: 'identity is suspended',
    });
  });

  it('the default realm rules allow enrollment and authentication to anything', () => {
    const rules = defaultRealmRules();
    expect(evaluatePolicy(rules, request({ applicationId: null })).decision).toBe('ALLOW');
    expect(evaluatePolicy(rules, request({ transaction: 'credential_enrollment', applicationId: null })).decision).toBe('ALLOW');
  });

  it('the admin realm rules allow only Administrators, and only into the Admin Console', () => {
    const rules = adminRealmRules('admins', 'console');
    const admin = new Set(['admins']);
    expect(evaluatePolicy(rules, request({ groupIds: admin })).rule_id).toBe('allow-administrators-admin-console');
    expect(evaluatePolicy(rules, request({ groupIds: admin, applicationId: 'other' })).decision).toBe('DENY');
    expect(evaluatePolicy(rules, request()).decision).toBe('DENY');
    expect(evaluatePolicy(rules, request({ groupIds: admin, transaction: 'credential_enrollment' })).decision).toBe('ALLOW');
  });
});

describe('normalizeRules', () => {
  it('fills in left-out fields, keeps given ids and removes repeated condition ids', () => {
    let n = 0;
    const rules = normalizeRules(
      [
        { name: 'a', transaction: 'authentication', action: 'ALLOW', conditions: { groups: ['g', 'g'] } },
        { id: 'mine', name: 'b', transaction: 'credential_enrollment', action: 'DENY', deny_message: 'no' },
      ],
      () => `gen-${++n}`,
    );
    expect(rules).toEqual([
      {
        id: 'gen-1',
        name: 'a',
        description: '',
        transaction: 'authentication',
        action: 'ALLOW',
        conditions: { groups: ['g'], applications: [], identities: [] },
        deny_message: '',
      },
      {
        id: 'mine',
        name: 'b',
        description: '',
        transaction: 'credential_enrollment',
        action: 'DENY',
        conditions: { groups: [], applications: [], identities: [] },
        deny_message: 'no',
      },
    ]);
  });
});

describe('rulesReferencing', () => {
  it('names the rules whose condition of that kind holds the id', () => {
    const rules = adminRealmRules('admins', 'console');
    expect(rulesReferencing(rules, 'groups', 'admins').map((r) => r.id)).toEqual([
      'allow-administrators-admin-console',
      'allow-administrators-enrollment',
    ]);
    expect(rulesReferencing(rules, 'applications', 'console')).toHaveLength(1);
    expect(rulesReferencing(rules, 'groups', 'console')).toHaveLength(0);
  });
});

describe('evaluateCompiledPolicy', () => {
  /** A small deterministic generator (mulberry32), so a failure names a seed that repeats it. */
  function random(seed: number): () => number {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const pick = <T>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const some = (next: () => number, items: readonly string[], max: number) =>
    Array.from({ length: Math.floor(next() * (max + 1)) }, () => pick(next, items));

  it('decides as the walk of every rule: same decision, deciding rule and monitored rules, in order', () => {
    const groups = ['g0', 'g1', 'g2', 'g3', 'g4', 'g5'];
    const apps = ['a0', 'a1', 'a2'];
    const people = ['alice', 'bob'];
    for (let seed = 1; seed <= 500; seed++) {
      const next = random(seed);
      const rules = Array.from({ length: Math.floor(next() * 12) }, (_, i) =>
        rule({
          id: `r${i}`,
          action: pick(next, POLICY_ACTIONS),
          transaction: pick(next, POLICY_TRANSACTIONS),
          // Repeated ids in a condition, as a stored rule of an older version may hold.
          conditions: { groups: some(next, groups, 3), applications: some(next, apps, 2), identities: some(next, people, 1) },
          deny_message: next() < 0.5 ? '' : `no ${i}`,
        }),
      );
      const compiled = compilePolicy(rules);
      for (let k = 0; k < 8; k++) {
        const asked = request({
          identity: { id: pick(next, people), status: next() < 0.1 ? 'suspended' : 'active' },
          groupIds: new Set(some(next, groups, 4)),
          applicationId: next() < 0.2 ? null : pick(next, apps),
          transaction: pick(next, POLICY_TRANSACTIONS),
        });
        expect(evaluateCompiledPolicy(compiled, asked), `seed ${seed}`).toEqual(evaluatePolicy(rules, asked));
      }
    }
  });

  it('looks past rules of groups the identity is not in, to the last rule', () => {
    const rules = [
      ...Array.from({ length: 999 }, (_, i) =>
        rule({ id: `deny-${i}`, action: 'DENY', conditions: { groups: [`other-${i}`], applications: [], identities: [] } }),
      ),
      rule({ id: 'allow-mine', action: 'ALLOW', conditions: { groups: ['mine'], applications: ['console'], identities: [] } }),
    ];
    expect(evaluateCompiledPolicy(compilePolicy(rules), request({ groupIds: new Set(['mine', 'x']) }))).toEqual({
      decision: 'ALLOW',
      rule_id: 'allow-mine',
      monitored_rule_ids: [],
    });
  });
});
