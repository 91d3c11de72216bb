import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/process.js';

/**
 * `npm run bench` is how speed is measured, so it must keep starting yonder as yonder now starts:
 * it broke once, unnoticed, when the first-start banner moved from stdout to a file. One short
 * round of one operation proves it reads the banner, drives yonder and its ceiling, and reports;
 * the OpenID Connect code exchange proves its set-up still signs in with a passkey and makes codes
 * without a browser. Nothing here looks at the figures.
 */
describe('npm run bench still runs', () => {
  const results = mkdtempSync(join(tmpdir(), 'yonder-bench-smoke-'));
  afterAll(() => rmSync(results, { recursive: true, force: true }));

  it('one round of get identity and of the OIDC code exchange (SQLite) reports ratios against their ceilings and writes the results file', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'bench', 'run.mjs')], {
      cwd: ROOT,
      env: {
        ...process.env,
        BENCH_ONLY: '^(get identity|OIDC code exchange) \\(SQLite\\)$',
        BENCH_DURATION: '1',
        BENCH_ROUNDS: '1',
        BENCH_CONNECTIONS: '4',
        BENCH_RESULTS_DIR: results,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code, out).toBe(0);
    for (const operation of ['get identity', 'OIDC code exchange']) {
      expect(out).toMatch(new RegExp(`\\| ${operation} \\(SQLite\\)\\s+\\| \\d+\\s+\\| \\d+\\s+\\| \\d+\\.\\d+x`));
    }
    expect(out).not.toContain('NOT ALL 2xx');
    const [file] = readdirSync(results);
    const report = JSON.parse(readFileSync(join(results, file!), 'utf8'));
    const measured = report.rows.filter((row: { status: string }) => row.status === 'measured').map((row: { operation: string }) => row.operation);
    expect(measured).toEqual(['get identity (SQLite)', 'OIDC code exchange (SQLite)']);
  }, 180_000);
});
