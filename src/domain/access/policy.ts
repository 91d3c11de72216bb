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
