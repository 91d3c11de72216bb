/**
 * Policy evaluation at scale: 10,000 groups, 1,000 rules, one identity in 20 groups.
 *
 * Run:  npm run bench:policy
 *  (=   npx tsc -p tsconfig.bench.json && node dist/bench/bench/policy-evaluate.js)
 *
 * Prints p50 / p99 of
 * - `evaluatePolicy`, the pure function, walking all 1,000 rules (the deciding rule is last);
 * - the `evaluate` service on SQLite: identity read, group ids read, current policy version read,
 *   and the walk;
 * and, as the baseline from the same run, a bare `select 1` on the same store, so the service's
 * cost reads as "so many trivial queries".
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config.js';
import { newTraits } from '../src/domain/directory/identity.js';
import { newId } from '../src/domain/ids.js';
import { type EvaluationRequest, type PolicyRuleInput, evaluatePolicy } from '../src/domain/access/policy.js';
import { nowTimestamp } from '../src/domain/time.js';
import { insertApplication } from '../src/services/access/applications.js';
import { bootstrapIfEmpty, openYonder } from '../src/services/bootstrap.js';
import { insertGroup } from '../src/services/directory/groups.js';
import { evaluate, getPolicy, putPolicy } from '../src/services/access/policy.js';

const GROUPS = 10_000;
const RULES = 1_000;
const GROUPS_PER_RULE = 10;
const MEMBERSHIPS = 20;
const PURE_RUNS = 20_000;
const SERVICE_RUNS = 5_000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(label: string, runs: number, body: () => unknown): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < 2_000; i++) await body(); // warm up: let the JIT settle before timing
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await body();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const result = { p50: percentile(times, 50), p99: percentile(times, 99) };
  console.log(`${label.padEnd(44)} p50 ${(result.p50 * 1000).toFixed(1).padStart(8)} µs   p99 ${(result.p99 * 1000).toFixed(1).padStart(8)} µs`);
  return result;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'yonder-bench-'));
  const y = await openYonder(loadConfig({}, { databaseUrl: `sqlite:${join(dir, 'bench.db')}`, publicUrl: 'http://localhost:8080' }));
  try {
    const boot = await bootstrapIfEmpty(y);
    if (!boot) throw new Error('expected an empty store');
    const ref = { tenantId: boot.tenant.id, realmId: boot.defaultRealm.id };

    const setupStart = performance.now();
    const groupIds: string[] = [];
    const appIds: string[] = [];
    const identityId = newId();
    await y.store.transaction(async (tx) => {
      for (let i = 0; i < GROUPS; i++) groupIds.push((await insertGroup(tx, ref, { display_name: `group ${i}` })).id);
      for (let i = 0; i < 10; i++) {
        appIds.push((await insertApplication(tx, ref, { display_name: `app ${i}`, protocol_config: { type: 'oidc' } })).id);
      }
      const now = nowTimestamp();
      await tx.identities.insert({
        id: identityId,
        realm_id: ref.realmId,
        tenant_id: ref.tenantId,
        display_name: 'bench',
        status: 'active',
        traits: newTraits({ type: 'traits_v0', username: 'bench' }),
        enrollment_status: 'UNENROLLED',
        create_time: now,
        update_time: now,
        version: 1,
      });
      // The identity's groups are the last 20; no rule but the last names any of them.
      for (const groupId of groupIds.slice(GROUPS - MEMBERSHIPS)) await tx.groups.addMembers(groupId, [identityId]);
    });

    const rules: PolicyRuleInput[] = [];
    for (let r = 0; r < RULES - 1; r++) {
      const groups = Array.from({ length: GROUPS_PER_RULE }, (_, k) => groupIds[(r * GROUPS_PER_RULE + k) % (GROUPS - MEMBERSHIPS)]!);
      rules.push({
        name: `rule ${r}`,
        transaction: 'authentication',
        action: r % 10 === 0 ? 'MONITOR' : 'DENY',
        conditions: { groups, applications: [appIds[r % appIds.length]!] },
      });
    }
    rules.push({
      name: 'allow members of the last group',
      transaction: 'authentication',
      action: 'ALLOW',
      conditions: { groups: [groupIds[GROUPS - 1]!], applications: [appIds[0]!] },
    });
    const current = await getPolicy(y, ref);
    const policy = await putPolicy(y, ref, { version: current.version, rules });
    console.log(
      `setup: ${GROUPS} groups, ${RULES} rules, identity in ${MEMBERSHIPS} groups (${((performance.now() - setupStart) / 1000).toFixed(1)} s)\n`,
    );

    const request: EvaluationRequest = {
      identity: { id: identityId, status: 'active' },
      groupIds: new Set(groupIds.slice(GROUPS - MEMBERSHIPS)),
      applicationId: appIds[0]!,
      transaction: 'authentication',
    };
    const check = evaluatePolicy(policy.rules, request);
    if (check.decision !== 'ALLOW' || check.rule_id !== policy.rules[RULES - 1]!.id) throw new Error('unexpected decision');

    const pure = await measure('evaluatePolicy (pure, 1,000 rules)', PURE_RUNS, () => evaluatePolicy(policy.rules, request));
    const input = { identity_id: identityId, application_id: appIds[0]!, transaction: 'authentication' as const };
    const baseline = await measure('baseline: select 1 (SQLite)', SERVICE_RUNS, () => y.store.ping());
    const service = await measure('evaluate service (SQLite)', SERVICE_RUNS, () => evaluate(y, ref, input));
    console.log(
      `\nservice / pure: p50 ${(service.p50 / pure.p50).toFixed(1)}x   service / select 1: p50 ${(service.p50 / baseline.p50).toFixed(1)}x`,
    );
  } finally {
    await y.store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
