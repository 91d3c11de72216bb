/**
 * A realm's policy: an ordered list of rules deciding whether an identity may authenticate to an
 * application or enroll a credential. Every publish makes a new numbered version; old versions are
 * kept and can be restored.
 *
 * Evaluation, top-down:
 * - a suspended identity is denied whatever the rules say;
 * - a rule applies when its transaction is the request's and every one of its conditions holds;
 *   an empty condition holds for everything;
 * - the first applying `ALLOW` or `DENY` rule decides; applying `MONITOR` rules are reported and
 *   the walk goes on;
 * - when no rule decides, the answer is `DENY` (rule `"default"`).
 */
export const POLICY_TRANSACTIONS = ['authentication', 'credential_enrollment'] as const;
export type PolicyTransaction = (typeof POLICY_TRANSACTIONS)[number];

export const POLICY_ACTIONS = ['ALLOW', 'DENY', 'MONITOR'] as const;
export type PolicyAction = (typeof POLICY_ACTIONS)[number];

export interface RuleConditions {
  /** The identity is a member of any of these groups. */
  groups: string[];
  /** The request is for one of these applications. */
  applications: string[];
  /** The identity is one of these. */
  identities: string[];
}

export interface PolicyRule {
  id: string;
  name: string;
  description: string;
  transaction: PolicyTransaction;
  action: PolicyAction;
  conditions: RuleConditions;
  deny_message: string;
}

export interface Policy {
  tenant_id: string;
  realm_id: string;
  version: number;
  rules: PolicyRule[];
  create_time: string;
}

export const MAX_RULES = 1000;
export const MAX_CONDITION_IDS = 1000;
export const DEFAULT_DENY_MESSAGE = 'access denied by policy';
export const SUSPENDED_DENY_MESSAGE = 'identity is suspended';

/** Pseudo rule ids in a decision: nothing decided, or the identity is suspended. */
export const DEFAULT_RULE = 'default';
export const SUSPENDED_RULE = 'suspended';

export interface EvaluationRequest {
  identity: { id: string; status: 'active' | 'suspended' };
  /** The ids of every group the identity is a member of. */
  groupIds: ReadonlySet<string>;
  /** The application the request is for; `null` when there is none (e.g. enrollment). */
  applicationId: string | null;
  transaction: PolicyTransaction;
}

export interface Decision {
  decision: 'ALLOW' | 'DENY';
  /** The deciding rule's id, or `"default"` / `"suspended"`. */
  rule_id: string;
  /** Ids of the `MONITOR` rules that applied before the decision, in order. */
  monitored_rule_ids: string[];
  deny_message?: string;
}

function anyIn(wanted: readonly string[], present: ReadonlySet<string>): boolean {
  for (const id of wanted) if (present.has(id)) return true;
  return false;
}

export function ruleApplies(rule: PolicyRule, request: EvaluationRequest): boolean {
  if (rule.transaction !== request.transaction) return false;
  const { groups, applications, identities } = rule.conditions;
  if (identities.length > 0 && !identities.includes(request.identity.id)) return false;
  if (applications.length > 0 && (request.applicationId === null || !applications.includes(request.applicationId))) {
    return false;
  }
  if (groups.length > 0 && !anyIn(groups, request.groupIds)) return false;
  return true;
}

export function evaluatePolicy(rules: readonly PolicyRule[], request: EvaluationRequest): Decision {
  if (request.identity.status === 'suspended') {
    return { decision: 'DENY', rule_id: SUSPENDED_RULE, monitored_rule_ids: [], deny_message: SUSPENDED_DENY_MESSAGE };
  }
  const monitored: string[] = [];
  for (const rule of rules) {
    if (!ruleApplies(rule, request)) continue;
    if (rule.action === 'MONITOR') {
      monitored.push(rule.id);
      continue;
    }
    if (rule.action === 'ALLOW') return { decision: 'ALLOW', rule_id: rule.id, monitored_rule_ids: monitored };
    return {
      decision: 'DENY',
      rule_id: rule.id,
      monitored_rule_ids: monitored,
      deny_message: rule.deny_message || DEFAULT_DENY_MESSAGE,
    };
  }
  return { decision: 'DENY', rule_id: DEFAULT_RULE, monitored_rule_ids: monitored, deny_message: DEFAULT_DENY_MESSAGE };
}

/**
 * A policy version's rules indexed for evaluation, made once per version: per transaction, the
 * rules with no group condition, and for each group the rules naming it. A rule naming groups
 * applies only to a member of one of them, so the rules an evaluation must look at are the
 * ungrouped ones and those of the identity's groups: 1,000 rules over 10,000 groups are walked as
 * the few that can apply, in their order, with the same decision as the walk of every rule.
 */
export interface CompiledPolicy {
  readonly byTransaction: ReadonlyMap<PolicyTransaction, CompiledRules>;
}

interface CompiledRules {
  readonly rules: readonly PolicyRule[];
  /** Positions in `rules`, ascending. */
  readonly ungrouped: readonly number[];
  readonly byGroup: ReadonlyMap<string, readonly number[]>;
  /** The rules at `ungrouped`: all an identity in none of the named groups can meet. */
  readonly ungroupedRules: readonly PolicyRule[];
}

export function compilePolicy(rules: readonly PolicyRule[]): CompiledPolicy {
  const byTransaction = new Map<
    PolicyTransaction,
    { rules: PolicyRule[]; ungrouped: number[]; byGroup: Map<string, number[]>; ungroupedRules: PolicyRule[] }
  >();
  for (const rule of rules) {
    let compiled = byTransaction.get(rule.transaction);
    if (!compiled) {
      compiled = { rules: [], ungrouped: [], byGroup: new Map(), ungroupedRules: [] };
      byTransaction.set(rule.transaction, compiled);
    }
    const position = compiled.rules.push(rule) - 1;
    if (rule.conditions.groups.length === 0) {
      compiled.ungrouped.push(position);
      compiled.ungroupedRules.push(rule);
    }
    for (const group of new Set(rule.conditions.groups)) {
      const positions = compiled.byGroup.get(group);
      if (positions) positions.push(position);
      else compiled.byGroup.set(group, [position]);
    }
  }
  return { byTransaction };
}

/** `evaluatePolicy` over the compiled rules: the same decision, looking only at rules that may apply. */
export function evaluateCompiledPolicy(policy: CompiledPolicy, request: EvaluationRequest): Decision {
  const compiled = policy.byTransaction.get(request.transaction);
  if (!compiled) return evaluatePolicy([], request);
  const lists: (readonly number[])[] = [];
  for (const group of request.groupIds) {
    const positions = compiled.byGroup.get(group);
    if (positions) lists.push(positions);
  }
  if (lists.length === 0) return evaluatePolicy(compiled.ungroupedRules, request);
  const positions = [...new Set(compiled.ungrouped.concat(...lists))].sort((a, b) => a - b);
  return evaluatePolicy(
    positions.map((p) => compiled.rules[p] as PolicyRule),
    request,
  );
}

/** A rule as a client writes it: everything but the name and transaction may be left out. */
export interface PolicyRuleInput {
  id?: string;
  name: string;
  description?: string;
  transaction: PolicyTransaction;
  action: PolicyAction;
  conditions?: Partial<RuleConditions>;
  deny_message?: string;
}

/** Fills in what a client left out; `newRuleId` names rules that came without an id. */
export function normalizeRules(inputs: readonly PolicyRuleInput[], newRuleId: () => string): PolicyRule[] {
  return inputs.map((input) => ({
    id: input.id ?? newRuleId(),
    name: input.name,
    description: input.description ?? '',
    transaction: input.transaction,
    action: input.action,
    conditions: {
      groups: [...new Set(input.conditions?.groups ?? [])],
      applications: [...new Set(input.conditions?.applications ?? [])],
      identities: [...new Set(input.conditions?.identities ?? [])],
    },
    deny_message: input.deny_message ?? '',
  }));
}

/** Field path of a rule's field in a request body, e.g. `policy.rules[2].conditions.groups`. */
export function ruleField(index: number, field: string): string {
  return `policy.rules[${index}].${field}`;
}

export type ConditionKind = keyof RuleConditions;

/** The rules whose `kind` condition names `id`, for "cannot delete: referenced by ..." answers. */
export function rulesReferencing(rules: readonly PolicyRule[], kind: ConditionKind, id: string): PolicyRule[] {
  return rules.filter((rule) => rule.conditions[kind].includes(id));
}

const ANYONE: RuleConditions = { groups: [], applications: [], identities: [] };

/** A new realm's policy: every active identity may enroll a credential and authenticate. */
export function defaultRealmRules(): PolicyRule[] {
  return [
    {
      id: 'allow-credential-enrollment',
      name: 'allow credential enrollment',
      description: 'Every active identity may enroll a credential.',
      transaction: 'credential_enrollment',
      action: 'ALLOW',
      conditions: { ...ANYONE },
      deny_message: '',
    },
    {
      id: 'allow-authentication',
      name: 'allow authentication',
      description: 'Every active identity may authenticate to every application.',
      transaction: 'authentication',
      action: 'ALLOW',
      conditions: { ...ANYONE },
      deny_message: '',
    },
  ];
}

/** The admin realm's policy: only its Administrators may enroll and reach the Admin Console. */
export function adminRealmRules(administratorsGroupId: string, adminConsoleId: string): PolicyRule[] {
  return [
    {
      id: 'allow-administrators-admin-console',
      name: 'allow Administrators to access Admin Console',
      description: 'Members of Administrators may sign in to the Admin Console.',
      transaction: 'authentication',
      action: 'ALLOW',
      conditions: { groups: [administratorsGroupId], applications: [adminConsoleId], identities: [] },
      deny_message: '',
    },
    {
      id: 'allow-administrators-enrollment',
      name: 'allow Administrators to enroll credentials',
      description: 'Members of Administrators may enroll a credential.',
      transaction: 'credential_enrollment',
      action: 'ALLOW',
      conditions: { groups: [administratorsGroupId], applications: [], identities: [] },
      deny_message: '',
    },
  ];
}
