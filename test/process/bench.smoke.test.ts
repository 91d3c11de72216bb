import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/process.js';

/**
 * `npm run bench` is how speed is measured, so it must keep starting yonder as yonder now starts:
 * it broke once, unnoticed, when the first-start banner moved from stdout to a file. One short
 * round of one operation proves it reads the banner, drives yonder and its ceiling, and reports.
 * Nothing here looks at the figures.
 */
describe('npm run bench still runs', () => {
  const results = mkdtempSync(join(tmpdir(), 'yonder-bench-smoke-'));
  afterAll(() => rmSync(results, { recursive: true, force: true }));

  it('one round of get identity (SQLite) reports a ratio against its ceiling and writes the results file', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'bench', 'run.mjs')], {
      cwd: ROOT,
      env: {
        ...process.env,
        BENCH_ONLY: '^get identity \\(SQLite\\)$',
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
    expect(out).toMatch(/\| get identity \(SQLite\)\s+\| \d+\s+\| \d+\s+\| \d+\.\d+x/);
    const [file] = readdirSync(results);
    const report = JSON.parse(readFileSync(join(results, file!), 'utf8'));
    expect(JSON.stringify(report)).toContain('get identity (SQLite)');
  }, 120_000);
});
