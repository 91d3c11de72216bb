import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/process.js';

describe('the yonder CLI and the audit trail (on SQLite: recording and pruning run on both engines in test/api/events.*)', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yonder-cli-events-'));
    env = { DATABASE_URL: `sqlite:${join(dir, 'yonder.db')}` };
    // Only serve and init create a store; every other command refuses a missing one.
    expect((await runCli(['init'], env)).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const rows = (sql: string) => {
    const db = new SqliteDatabase(join(dir, 'yonder.db'), { readonly: true });
    try {
      return db.prepare(sql).all() as Record<string, unknown>[];
    } finally {
      db.close();
    }
  };

  it('a change made with the CLI is recorded with the actor {type: cli}', async () => {
    const created = await runCli(['identity', 'create', '--username', 'from-cli'], env);
    expect(created.code, created.stderr).toBe(0);
    const id = JSON.parse(created.stdout).id as string;
    const events = rows(`select type, actor, address from audit_events where resource_id = '${id}'`);
    expect(events).toEqual([{ type: 'identity.created', actor: '{"type":"cli"}', address: null }]);
  });

  it('events prune deletes the events older than AUDIT_RETENTION_DAYS, and 0 keeps them', async () => {
    const db = new SqliteDatabase(join(dir, 'yonder.db'));
    db.prepare(
      `insert into audit_events (id, tenant_id, realm_id, type, resource_type, resource_id, actor_type, actor_id, actor, create_time)
       values ('00000000-0000-7000-8000-000000000001', 't', 'r', 'identity.updated', 'identity', 'ancient', 'system', 'system', '{"type":"system"}', '2001-01-01T00:00:00.000Z')`,
    ).run();
    db.close();
    const total = rows('select count(*) as n from audit_events')[0]?.n as number;

    const kept = await runCli(['events', 'prune'], { ...env, AUDIT_RETENTION_DAYS: '0' });
    expect(kept.code, kept.stderr).toBe(0);
    expect(kept.stdout).toContain('nothing deleted');

    const pruned = await runCli(['events', 'prune'], { ...env, AUDIT_RETENTION_DAYS: '30' });
    expect(pruned.code, pruned.stderr).toBe(0);
    expect(pruned.stdout).toMatch(/^deleted 1 events created before \d{4}-/);
    expect(rows("select count(*) as n from audit_events where resource_id = 'ancient'")[0]?.n).toBe(0);
    expect(rows('select count(*) as n from audit_events')[0]?.n).toBe(total - 1);

    const refused = await runCli(['events', 'prune'], { ...env, AUDIT_RETENTION_DAYS: 'soon' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('AUDIT_RETENTION_DAYS');
  });

  it('events export writes the window oldest first as NDJSON, narrows to a realm, and refuses a bad time', async () => {
    for (const name of ['export-a', 'export-b']) expect((await runCli(['identity', 'create', '--username', name], env)).code).toBe(0);
    const all = await runCli(['events', 'export', '--since', '1h', '--format', 'ndjson'], env);
    expect(all.code, all.stderr).toBe(0);
    const lines = all.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; create_time: string; type: string });
    const stored = rows("select id from audit_events where create_time >= strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-1 hour') order by id");
    expect(lines.map((e) => e.id)).toEqual(stored.map((r) => r.id));
    expect(lines.filter((e) => e.type === 'identity.created').length).toBeGreaterThanOrEqual(2);

    const realm = await runCli(['events', 'export', '--since', '2000-01-01T00:00:00Z', '--realm', 'Default'], env);
    expect(realm.code, realm.stderr).toBe(0);
    const realmIds = new Set(
      realm.stdout
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line).realm_id),
    );
    expect(realmIds.size).toBe(1);

    const none = await runCli(['events', 'export', '--since', '2000-01-01T00:00:00Z', '--until', '2000-01-02T00:00:00Z'], env);
    expect(none).toMatchObject({ code: 0, stdout: '' });
    const bad = await runCli(['events', 'export', '--since', 'yesterday'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('since');
    expect((await runCli(['events', 'export', '--since', '1h', '--format', 'csv'], env)).code).not.toBe(0);
  });
});
