import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliWithInput } from '../support/process.js';

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
    // Issue 23: rows were rejected, so the import exits 2 (it was 0); the summary is printed all the same.
    expect(first.code).toBe(2);
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

  it('a CSV on stdin or in a .txt file is read as CSV; a first line that is neither format is refused, naming --format', async () => {
    const fromStdin = await runCliWithInput(['import', '-'], env, 'username,primary_email_address\nstdin-a,a@example.com\n');
    expect(fromStdin.code, fromStdin.stderr).toBe(0);
    expect(JSON.parse(fromStdin.stdout)).toEqual({ read: 1, imported: 1, skipped: 0, rejected: 0, rejections: [] });
    const txt = join(dir, 'people.txt');
    writeFileSync(txt, '\n"userName","email"\ntxt-a,txt-a@example.com\n');
    const fromTxt = await runCli(['import', txt], env);
    expect(fromTxt.code, fromTxt.stderr).toBe(0);
    expect(JSON.parse(fromTxt.stdout)).toMatchObject({ imported: 1, rejected: 0 });
    const ndjson = await runCliWithInput(['import', '-'], env, `${JSON.stringify({ userName: 'stdin-b' })}\n`);
    expect(JSON.parse(ndjson.stdout)).toMatchObject({ imported: 1 });

    const neither = await runCliWithInput(['import', '-'], env, 'name;mail\nx;y\n');
    expect(neither.code).toBe(1);
    expect(neither.stderr).toContain('cannot tell whether stdin is NDJSON or CSV');
    expect(neither.stderr).toContain('--format ndjson or --format csv');
  });

  it('a SCIM-shaped CSV keeps first and last names whatever their spelling, and refuses a column it would drop', async () => {
    const csv = ['userName,givenName,lastName,name.formatted,email', 'ada-l,Ada,Lovelace,Ada King,ada@example.com', ''].join('\n');
    const imported = await runCliWithInput(['import', '-', '--format', 'csv'], env, csv);
    expect(imported.code, imported.stderr).toBe(0);
    const ada = JSON.parse((await runCli(['identity', 'list', '--filter', 'traits.username eq "ada-l"'], env)).stdout).identities[0];
    expect(ada.traits).toMatchObject({
      given_name: 'Ada',
      family_name: 'Lovelace',
      formatted_name: 'Ada King',
      primary_email_address: 'ada@example.com',
    });

    const dropped = await runCliWithInput(['import', '-', '--format', 'csv'], env, 'userName,department\nbob,Sales\n');
    expect(dropped.code).toBe(1);
    expect(dropped.stderr).toContain('no "department" column');
    expect(JSON.parse((await runCli(['identity', 'list', '--filter', 'traits.username eq "bob"'], env)).stdout).total_size).toBe(0);

    const help = await runCli(['import', '--help'], env);
    for (const column of ['primary_email_address', 'given_name', 'family_name', 'userName', 'name.givenName (or givenName', 'externalId']) {
      expect(help.stdout).toContain(column);
    }
    expect(help.stdout).toContain('Exit status');
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
