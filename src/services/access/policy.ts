import { type FieldViolation, conflict, invalidParameters, notFound } from '../../domain/errors.js';
import type { Identity } from '../../domain/directory/identity.js';
import { newId } from '../../domain/ids.js';
import {
  type ConditionKind,
  type Decision,
  type CompiledPolicy,
  type Policy,
  type PolicyRule,
  type PolicyRuleInput,
  type PolicyTransaction,
  defaultRealmRules,
  compilePolicy,
  evaluateCompiledPolicy,
  normalizeRules,
  ruleField,
} from '../../domain/access/policy.js';
import { nowTimestamp } from '../../domain/time.js';
import type { Repositories } from '../../store/index.js';
import { recordEvent } from '../audit/audit.js';
import type { Yonder } from '../context.js';
import type { RealmRef } from '../directory/identities.js';
import { type ListParams, type Page, listPage } from '../paging.js';
import { requireRealm } from '../directory/tenancy-lookup.js';
import { mayUseConfig } from '../sso/sign-in-gate.js';

/** Publishes version 1 of a new realm's policy, in the caller's transaction. */
export async function insertInitialPolicy(repos: Repositories, ref: RealmRef, rules: PolicyRule[] = defaultRealmRules()) {
  const policy: Policy = { tenant_id: ref.tenantId, realm_id: ref.realmId, version: 1, rules, create_time: nowTimestamp() };
  await repos.policies.insert(policy);
  return policy;
}

/** A realm created before policies existed has version 0: no rules, so everything is denied. */
function emptyPolicy(ref: RealmRef): Policy {
  return { tenant_id: ref.tenantId, realm_id: ref.realmId, version: 0, rules: [], create_time: nowTimestamp() };
}

export async function getPolicy(y: Yonder, ref: RealmRef): Promise<Policy> {
  await requireRealm(y.store, ref.tenantId, ref.realmId);
  return (await y.store.policies.current(ref.realmId)) ?? emptyPolicy(ref);
}

const KINDS: { kind: ConditionKind; noun: string }[] = [
  { kind: 'groups', noun: 'group' },
  { kind: 'applications', noun: 'application' },
  { kind: 'identities', noun: 'identity' },
];

/**
 * Field violations for everything in `rules` that is not of the realm: each rule's unknown group,
 * application and identity ids, reported at `policy.rules[i].conditions.<kind>`; and repeated
 * rule ids.
 */
async function ruleViolations(repos: Repositories, realmId: string, rules: readonly PolicyRule[]): Promise<FieldViolation[]> {
  const violations: FieldViolation[] = [];
  const seen = new Set<string>();
  rules.forEach((rule, i) => {
    if (seen.has(rule.id)) violations.push({ field: ruleField(i, 'id'), description: 'duplicate rule id' });
    seen.add(rule.id);
  });
  for (const { kind, noun } of KINDS) {
    const ids = [...new Set(rules.flatMap((rule) => rule.conditions[kind]))];
    if (ids.length === 0) continue;
    const found =
      kind === 'groups'
        ? await repos.groups.existing(realmId, ids)
        : kind === 'applications'
          ? await repos.applications.existing(realmId, ids)
          : await repos.identities.existing(realmId, ids);
    rules.forEach((rule, i) => {
      const unknown = rule.conditions[kind].filter((id) => !found.has(id));
      if (unknown.length === 0) return;
      const shown = unknown.slice(0, 10).join(', ') + (unknown.length > 10 ? ', ...' : '');
      violations.push({ field: ruleField(i, `conditions.${kind}`), description: `unknown ${noun} ids: ${shown}` });
    });
  }
  return violations;
}

/**
 * Publishes `rules` as the version after `expected`. Race-safe across processes: the realm is
 * locked while references are checked (so a group cannot be deleted underneath), and the
 * (realm_id, version) key lets only one of two publishes of the same version commit.
 */
async function publish(tx: Repositories, ref: RealmRef, expected: number, rules: PolicyRule[], restoredFrom?: number): Promise<Policy> {
  const previous = expected > 0 ? await tx.policies.version(ref.realmId, expected) : undefined;
  const policy: Policy = {
    tenant_id: ref.tenantId,
    realm_id: ref.realmId,
    version: expected + 1,
    rules,
    create_time: nowTimestamp(),
  };
  await tx.policies.insert(policy);
  // The realm's policy is one resource (its id is the realm's); each event holds both versions.
  await recordEvent(tx, {
    tenantId: ref.tenantId,
    realmId: ref.realmId,
    type: restoredFrom === undefined ? 'policy.published' : 'policy.restored',
    resourceType: 'policy',
    resourceId: ref.realmId,
    before: previous ?? null,
    after: restoredFrom === undefined ? policy : { ...policy, restored_from: restoredFrom },
  });
  return policy;
}

export interface PolicyInput {
  /** The version the client read and changed; publishing over any other version is a 409. */
  version: number;
  rules: PolicyRuleInput[];
}

export async function putPolicy(y: Yonder, ref: RealmRef, input: PolicyInput): Promise<Policy> {
  const rules = normalizeRules(input.rules, newId);
  return y.store.transaction(async (tx) => {
    await requireRealm(tx, ref.tenantId, ref.realmId);
    await tx.realms.lock(ref.realmId);
    const current = (await tx.policies.currentVersion(ref.realmId)) ?? 0;
    if (input.version !== current) {
      throw conflict(`policy version ${input.version} is not the current version (${current})`);
    }
    const violations = await ruleViolations(tx, ref.realmId, rules);
    if (violations.length > 0) throw invalidParameters(violations);
    return publish(tx, ref, current, rules);
  });
}

/** Publishes a new version whose rules are those of version `version`. */
export async function restorePolicy(y: Yonder, ref: RealmRef, version: number): Promise<Policy> {
  return y.store.transaction(async (tx) => {
    await requireRealm(tx, ref.tenantId, ref.realmId);
    await tx.realms.lock(ref.realmId);
    const old = await tx.policies.version(ref.realmId, version);
    if (!old) throw notFound('PolicyVersion', String(version));
    const violations = await ruleViolations(tx, ref.realmId, old.rules);
    if (violations.length > 0) {
      const fields = violations.map((v) => `${v.field}: ${v.description}`).join('; ');
      throw conflict(`policy version ${version} references what no longer exists: ${fields}`);
    }
    const current = (await tx.policies.currentVersion(ref.realmId)) ?? 0;
    return publish(tx, ref, current, old.rules, version);
  });
}

/** Version numbers as fixed-width text, so the id-keyed paging walks them in numeric order. */
const versionKey = (version: number) => String(version).padStart(12, '0');

export async function listPolicyVersions(y: Yonder, ref: RealmRef, params: ListParams): Promise<Page<Policy>> {
  await requireRealm(y.store, ref.tenantId, ref.realmId);
  const page = await listPage(
    params,
    { list: `policy-versions:${ref.realmId}`, filter: '', defaultPageSize: 20, maxPageSize: 200 },
    y.pageTokenKey,
    async (after, offset, limit) => {
      const rows = await y.store.policies.page(ref.realmId, after === '' ? 0 : Number(after), offset, limit);
      return rows.map((policy) => ({ id: versionKey(policy.version), policy }));
    },
    () => y.store.policies.count(ref.realmId),
  );
  return { ...page, items: page.items.map((item) => item.policy) };
}

/**
 * Compiled rules by realm and version. Versions never change once published, so an entry is never
 * stale: each evaluation reads the current version number in its one query, and a version another
 * process published is read and compiled here the first time it is current.
 */
const ruleCache = new Map<string, CompiledPolicy>();
const RULE_CACHE_MAX = 256;

async function compiledRules(repos: Repositories, realmId: string, version: number): Promise<CompiledPolicy> {
  const key = `${realmId}:${version}`;
  let compiled = ruleCache.get(key);
  if (!compiled) {
    compiled = compilePolicy(version === 0 ? [] : ((await repos.policies.version(realmId, version))?.rules ?? []));
    if (ruleCache.size >= RULE_CACHE_MAX) ruleCache.clear();
    ruleCache.set(key, compiled);
  }
  return compiled;
}

/** The decision for an identity not assigned to the SSO config of the application it signs in to. */
const NOT_ASSIGNED: Decision = {
  decision: 'DENY',
  rule_id: 'sso_config_not_assigned',
  monitored_rule_ids: [],
  deny_message: 'You are not assigned to this application.',
};

export interface EvaluationInput {
  identity_id: string;
  application_id?: string | null;
  transaction: PolicyTransaction;
}

export interface EvaluationResult extends Decision {
  policy_version: number;
}

/** Decides a request against the realm's current policy and puts the decision on record. */
export async function evaluate(y: Yonder, ref: RealmRef, input: EvaluationInput): Promise<EvaluationResult> {
  const { identity, result } = await decide(y, ref, input);
  // Every decision is on record, allowed or not: what was asked, and what was answered why.
  await recordEvent(y.store, {
    tenantId: ref.tenantId,
    realmId: ref.realmId,
    type: 'policy.evaluated',
    resourceType: 'identity',
    resourceId: identity.id,
    after: { application_id: input.application_id ?? null, transaction: input.transaction, ...result },
  });
  return result;
}

/**
 * The decision alone, recorded nowhere: for checks repeated on every request (a console token is
 * honoured only while the policy still allows its identity), where an event each time would bury
 * the trail. Reads the identity's groups once and walks the rules in memory.
 */
export async function decide(y: Yonder, ref: RealmRef, input: EvaluationInput): Promise<{ identity: Identity; result: EvaluationResult }> {
  const applicationId = input.application_id ?? null;
  // One query: the identity, its groups, the policy version and the application. The identity, of
  // this realm and tenant, proves the realm is there; only a miss asks which of the two is missing.
  const reads = await y.store.policies.evaluationReads(ref.realmId, input.identity_id, applicationId);
  if (!reads || reads.identity.tenant_id !== ref.tenantId) {
    await requireRealm(y.store, ref.tenantId, ref.realmId);
    throw notFound('Identity', input.identity_id);
  }
  const { identity, groupIds, policyVersion } = reads;
  if (applicationId !== null && !reads.applicationFound) throw notFound('Application', applicationId);
  const policy = await compiledRules(y.store, ref.realmId, policyVersion);
  // An application made for an SSO config admits only those assigned to it, before any rule (as
  // Beyond Identity: not assigned is denied); a suspended identity still reads as suspended.
  if (
    applicationId !== null &&
    input.transaction === 'authentication' &&
    identity.status !== 'suspended' &&
    !(await mayUseConfig(y.store, reads.ssoConfigId, identity.id, groupIds))
  ) {
    return { identity, result: { ...NOT_ASSIGNED, policy_version: policyVersion } };
  }
  const decision = evaluateCompiledPolicy(policy, {
    identity,
    groupIds: new Set(groupIds),
    applicationId,
    transaction: input.transaction,
  });
  return { identity, result: { ...decision, policy_version: policyVersion } };
}
