import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerProcess, bannerExports, processEngines, runCli, runCliWithInput } from '../support/process.js';

/**
 * `yonder import` as built: the file is read, checked and packed in a worker thread while the main
 * thread writes, so these run the compiled CLI (the worker is its own module in dist/). Line
 * numbers and reasons must come back exactly as from a single thread, across the worker's batches
 * of 1,000 records.
 */
const { engines, cleanup } = processEngines();
afterAll(() => cleanup());

const v1 = (username: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ display_name: `User ${username}`, traits: { type: 'traits_v0', username }, ...extra });

describe.each(engines)('yonder import through its worker thread ($name)', (engine) => {
  let dir: string;
  let env: Record<string, string>;
  let skip = false;
  beforeAll(async () => {
    if (!(await engine.available())) {
      skip = true;
      return;
    }
    dir = mkdtempSync(join(tmpdir(), 'yonder-import-'));
    env = { DATABASE_URL: await engine.database() };
    // Only serve and init create a store; every other command refuses a missing one.
    expect((await runCli(['init'], env)).code).toBe(0);
  });
  afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('a 3,000-line file with 10 bad lines across batch boundaries imports the rest and lists the 10 by line', async (context) => {
    if (skip) context.skip();
    const bad: Record<number, string> = {
      1: 'not json',
      999: v1('bad/slash'),
      1000: '[1, 2]',
      1001: v1('no-email', { traits: { type: 'traits_v0', username: 'no-email', primary_email_address: 'nope' } }),
      1500: JSON.stringify({ display_name: 'no username', traits: { type: 'traits_v0' } }),
      2000: v1('x'.repeat(65)),
      2001: v1('shoe', { traits: { type: 'traits_v0', username: 'shoe', shoe_size: '42' } }),
      2500: JSON.stringify({ userName: 'scim-bad', active: 'yes' }),
      2999: '{"display_name": ',
      3000: v1('bad-status', { status: 'gone' }),
    };
    const text = Array.from({ length: 3000 }, (_, i) => bad[i + 1] ?? v1(i + 1 === 1700 ? 'W-0002' : `w-${String(i + 1).padStart(4, '0')}`));
    const file = join(dir, 'people.ndjson');
    writeFileSync(file, `${text.join('\n')}\n`);

    const first = await runCli(['import', file], env);
    // Issue 23: rows were rejected, so the import exits 2 (it was 0), the summary printed as before.
    expect(first.code, first.stderr).toBe(2);
    const summary = JSON.parse(first.stdout);
    // Line 1700 spells an earlier username (line 2) in capitals: the first one wins, as in a create.
    expect(summary).toMatchObject({ read: 3000, imported: 2989, skipped: 1, rejected: 10 });
    expect(summary.rejections.map((r: { line: number }) => r.line)).toEqual([1, 999, 1000, 1001, 1500, 2000, 2001, 2500, 2999, 3000]);
    const reasons = Object.fromEntries(summary.rejections.map((r: { line: number; reason: string }) => [r.line, r.reason]));
    expect(reasons[1]).toBe('not valid JSON');
    expect(reasons[1001]).toBe('identity.traits.primary_email_address: must be an email address');
    expect(reasons[1500]).toBe('traits.username: missing');
    expect(reasons[2500]).toBe('active: must be a boolean');
    expect(first.stderr).toContain('line 2001: identity.traits.shoe_size: unknown field');
    expect(first.stderr).toMatch(/longest transaction [\d.]+s/);

    const again = await runCli(['import', file], env);
    expect(JSON.parse(again.stdout)).toMatchObject({ read: 3000, imported: 0, skipped: 2990, rejected: 10 });
    const list = JSON.parse((await runCli(['identity', 'list', '--filter', 'traits.username eq "w-0002"'], env)).stdout);
    expect(list.identities).toHaveLength(1);
    expect(list.identities[0].display_name).toBe('User w-0002');
  });

  it('import - reads stdin; CSV line numbers count the lines a quoted field spans', async (context) => {
    if (skip) context.skip();
    const csv = ['username,display_name,family_name', 'csv-a,A,"two', 'lines"', 'csv-b,B', 'csv-c,C,Cee', ''].join('\n');
    const result = await runCliWithInput(['import', '-', '--format', 'csv'], env, csv);
    // Issue 23: one row was rejected, so the import exits 2 (it was 0).
    expect(result.code, result.stderr).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({
      read: 3,
      imported: 2,
      skipped: 0,
      rejected: 1,
      rejections: [{ line: 4, reason: 'expected 3 fields, found 2' }],
    });
    const a = JSON.parse((await runCli(['identity', 'list', '--filter', 'traits.username eq "csv-a"'], env)).stdout);
    expect(a.identities[0].traits.family_name).toBe('two\nlines');
  });

  it('--offline imports in one transaction, idempotent by username, and every list index is there after', async (context) => {
    if (skip) context.skip();
    const file = join(dir, 'offline.ndjson');
    const line = (i: number) =>
      v1(`off-${i}`, { traits: { type: 'traits_v0', username: `off-${i}`, primary_email_address: `off-${i}@example.com` } });
    writeFileSync(file, [...Array.from({ length: 2500 }, (_, i) => line(i)), 'oops', line(7)].join('\n'));
    const first = await runCli(['import', file, '--offline'], env);
    // Issue 23: one row was rejected, so the import exits 2 (it was 0).
    expect(first.code, first.stderr).toBe(2);
    expect(JSON.parse(first.stdout)).toEqual({
      read: 2502,
      imported: 2500,
      skipped: 1,
      rejected: 1,
      rejections: [{ line: 2501, reason: 'not valid JSON' }],
    });
    const again = await runCli(['import', file, '--offline'], env);
    expect(JSON.parse(again.stdout)).toMatchObject({ imported: 0, skipped: 2501 });
    const byEmail = JSON.parse(
      (await runCli(['identity', 'list', '--filter', 'traits.primary_email_address eq "off-2499@example.com"'], env)).stdout,
    );
    expect(byEmail.identities.map((i: { traits: { username: string } }) => i.traits.username)).toEqual(['off-2499']);
    if (engine.name === 'sqlite') {
      const sqlite = new SqliteDatabase(env.DATABASE_URL!.slice('sqlite:'.length), { readonly: true });
      const indexes = sqlite.prepare("select name from sqlite_master where type = 'index' and tbl_name = 'identities' order by name").all();
      sqlite.close();
      expect(indexes.map((i) => (i as { name: string }).name)).toEqual([
        'identities_realm_create_time_id_idx',
        'identities_realm_display_name_id_idx',
        'identities_realm_email_id_idx',
        'identities_realm_external_id_id_idx',
        'identities_realm_id_idx',
        'identities_realm_secondary_email_idx',
        'identities_realm_username_key_uq',
        'identities_realm_username_skeleton_idx',
        'sqlite_autoindex_identities_1',
      ]);
    }
  });

  it('a file the worker cannot read fails the import with the reason', async (context) => {
    if (skip) context.skip();
    const result = await runCli(['import', dir, '--format', 'ndjson'], env);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('EISDIR');
  });
});

describe('yonder import beside a yonder serving the same SQLite file', () => {
  let dir: string;
  let env: Record<string, string>;
  let server: ServerProcess;
  let vars: Record<string, string>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yonder-import-served-'));
    env = { DATABASE_URL: `sqlite:${join(dir, 'yonder.db')}` };
    server = await ServerProcess.start({ ...env, LOG_LEVEL: 'warn' });
    vars = bannerExports(server.banner());
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("the server's own writes all succeed while an import runs", async () => {
    const file = join(dir, 'many.ndjson');
    writeFileSync(file, Array.from({ length: 40_000 }, (_, i) => v1(`bulk-${i}`)).join('\n'));
    let importing = true;
    const imported = runCli(['import', file], env).finally(() => (importing = false));
    const statuses: number[] = [];
    for (let i = 0; importing; i++) {
      const reply = await fetch(`${server.url}/v1/tenants/${vars.TENANT_ID}/realms/${vars.REALM_ID}/identities`, {
        method: 'POST',
        headers: { authorization: `Bearer ${vars.YONDER_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ identity: { display_name: 'beside', traits: { type: 'traits_v0', username: `beside-${i}` } } }),
      });
      await reply.arrayBuffer();
      statuses.push(reply.status);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const result = await imported;
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ imported: 40_000 });
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
  });

  it('--offline refuses to start while the server has the file open, and the server goes on', async () => {
    const file = join(dir, 'few.ndjson');
    writeFileSync(file, v1('offline-refused'));
    const result = await runCli(['import', file, '--offline'], env);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('in use by another process');
    const health = await fetch(`${server.url}/readyz`);
    expect(health.status).toBe(200);
  });
});
