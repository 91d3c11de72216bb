import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/process.js';

describe('yonder seed and yonder import, as a person runs them (on SQLite: import runs on both engines in cli.import, seed on both in test/api/identities.import)', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yonder-bulk-'));
    env = { DATABASE_URL: `sqlite:${join(dir, 'yonder.db')}` };
    // Only serve and init create a store; every other command refuses a missing one.
    expect((await runCli(['init'], env)).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('import FILE reports imported and rejected lines, with a progress line on stderr; a re-run skips them all', async () => {
    const file = join(dir, 'people.ndjson');
    writeFileSync(
      file,
      [
        JSON.stringify({ display_name: 'Ada', traits: { type: 'traits_v0', username: 'ada' } }),
        'not json',
        JSON.stringify({ userName: 'grace', name: { givenName: 'Grace', familyName: 'Hopper' } }),
        JSON.stringify({ display_name: 'Bad', traits: { type: 'traits_v0', username: 'bad<name>' } }),
      ].join('\n'),
    );
    const first = await runCli(['import', file, '--realm', 'Default'], env);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({
      read: 4,
      imported: 2,
      skipped: 0,
      rejected: 2,
      rejections: [
        { line: 2, reason: 'not valid JSON' },
        { line: 4, reason: 'identity.traits.username: contains characters that are not allowed' },
      ],
    });
    expect(first.stderr).toMatch(/import \[#+\] 100\.0% 4 .*\/s ETA/);
    expect(first.stderr).toContain('line 2: not valid JSON');

    // One identity per transaction this time: the answer is the same whatever the batch size.
    const again = await runCli(['import', file, '--batch-size', '1'], env);
    expect(JSON.parse(again.stdout)).toMatchObject({ imported: 0, skipped: 2, rejected: 2 });
    const refused = await runCli(['import', file, '--batch-size', '0'], env);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('--batch-size must be between 1 and 100000');
    const grace = JSON.parse((await runCli(['identity', 'list', '--filter', 'traits.username eq "grace"'], env)).stdout);
    expect(grace.identities[0]).toMatchObject({ display_name: 'Grace Hopper', traits: { given_name: 'Grace' } });
  });

  it('seed --identities --groups writes that many of each, and a second seed adds nothing', async () => {
    const seeded = await runCli(['seed', '--identities', '2500', '--groups', '10'], env);
    expect(seeded.code).toBe(0);
    expect(JSON.parse(seeded.stdout)).toEqual({ read: 2500, imported: 2500, skipped: 0, rejected: 0, groups: { added: 10, skipped: 0 } });
    const list = JSON.parse((await runCli(['identity', 'list', '--filter', 'traits.username sw "seed-"'], env)).stdout);
    expect(list.total_size).toBe(2500);
    const again = await runCli(['seed', '--identities', '2500', '--groups', '10'], env);
    expect(JSON.parse(again.stdout)).toMatchObject({ imported: 0, skipped: 2500, groups: { added: 0, skipped: 10 } });
  });
});
