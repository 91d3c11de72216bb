#!/usr/bin/env node
// Fails CI when a production dependency has a high or critical advisory (npm audit --omit=dev).
// A registry without npm's advisory endpoint (some mirrors answer 405) cannot be asked: that is
// reported as SKIPPED with the registry's answer, never as a pass; so is a registry that cannot be
// reached in time. Only advisories the registry did report fail the run.
import { spawnSync } from 'node:child_process';

const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', timeout: 120_000 });
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  report = undefined;
}

const counts = report?.metadata?.vulnerabilities;
if (counts) {
  const serious = (counts.high ?? 0) + (counts.critical ?? 0);
  const summary = Object.entries(counts)
    .map(([level, n]) => `${level} ${n}`)
    .join(', ');
  if (serious > 0) {
    for (const [name, v] of Object.entries(report.vulnerabilities ?? {})) {
      if (v.severity === 'high' || v.severity === 'critical') console.error(`  ${v.severity}: ${name} ${v.range ?? ''}`);
    }
    console.error(`npm audit (production dependencies): FAILED — ${summary}`);
    process.exit(1);
  }
  console.log(`npm audit (production dependencies): passed — ${summary}`);
  process.exit(0);
}

const answer = run.error
  ? String(run.error.message)
  : (report?.message ?? report?.error?.summary ?? (run.stderr || run.stdout || `exit ${run.status}`).trim().split('\n')[0]);
console.log(`npm audit (production dependencies): SKIPPED — the registry gave no advisories to check (${answer})`);
