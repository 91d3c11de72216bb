import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { POSTGRES_URL } from '../support/postgres-url.js';
import { ServerProcess, bannerExports, processEngines, runCli } from '../support/process.js';

/**
 * A backup taken while a client keeps creating identities through the API, restored and served
 * again, has every identity whose create was acknowledged before the backup began: `yonder backup`
 * and `yonder restore` on SQLite, pg_dump and pg_restore (as the README says) on PostgreSQL.
 */

const PUBLIC_URL = 'http://localhost:8080';

interface Writes {
  acknowledged: string[];
  stop(): Promise<void>;
}

/** Four clients creating identities one after another until stopped; `acknowledged` in reply order. */
async function keepWriting(server: ServerProcess, vars: Record<string, string>, atLeast: number): Promise<Writes> {
  const identities = `${server.url}/v1/tenants/${vars.TENANT_ID}/realms/${vars.REALM_ID}/identities`;
  const acknowledged: string[] = [];
  let writing = true;
  let next = 0;
  const writer = async () => {
    while (writing) {
      const username = `written-${next++}`;
      const reply = await fetch(identities, {
        method: 'POST',
        headers: { authorization: `Bearer ${vars.YONDER_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ identity: { display_name: username, traits: { type: 'traits_v0', username } } }),
      });
      expect(reply.status).toBe(200);
      acknowledged.push(username);
    }
  };
  const writers = Array.from({ length: 4 }, writer);
  while (acknowledged.length < atLeast) await new Promise((resolve) => setTimeout(resolve, 20));
  return {
    acknowledged,
    stop: async () => {
      writing = false;
      await Promise.all(writers);
    },
  };
}

/** The usernames of the written identities a server has, read page by page. */
async function writtenOn(server: ServerProcess, vars: Record<string, string>): Promise<Set<string>> {
  const identities = `${server.url}/v1/tenants/${vars.TENANT_ID}/realms/${vars.REALM_ID}/identities`;
  const found = new Set<string>();
  let pageToken = '';
  do {
    const query = new URLSearchParams({ page_size: '200', filter: 'traits.username sw "written-"', ...(pageToken ? { page_token: pageToken } : {}) });
    const reply = await fetch(`${identities}?${query}`, { headers: { authorization: `Bearer ${vars.YONDER_TOKEN}` } });
    expect(reply.status).toBe(200);
    const page = (await reply.json()) as { identities: { traits: { username: string } }[]; next_page_token?: string };
    for (const identity of page.identities) found.add(identity.traits.username);
    pageToken = page.next_page_token ?? '';
  } while (pageToken !== '');
  return found;
}

describe('yonder backup and restore of a running SQLite store', () => {
  const root = mkdtempSync(join(tmpdir(), 'yonder-backup-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const original = { DATABASE_URL: `sqlite:${join(root, 'site', 'data', 'yonder.db')}`, PUBLIC_URL };
  const restored = { DATABASE_URL: `sqlite:${join(root, 'restored', 'data', 'yonder.db')}`, PUBLIC_URL };

  it('restores every create acknowledged before the backup began', async () => {
    const server = await ServerProcess.start(original);
    let copy: ServerProcess | null = null;
    try {
      const vars = bannerExports(server.banner());
      // Enough rows that the copy takes several steps, with writes landing between them.
      expect((await runCli(['seed', '--identities', '20000'], original)).code).toBe(0);
      const writes = await keepWriting(server, vars, 100);

      const before = [...writes.acknowledged];
      const file = join(root, 'backups', 'yonder-backup.db');
      mkdirSync(join(root, 'backups'));
      const backup = await runCli(['backup', file], original);
      const duringBackup = writes.acknowledged.length - before.length;
      await writes.stop();
      expect(backup.code, backup.stderr).toBe(0);
      expect(duringBackup).toBeGreaterThan(0);
      expect(backup.stderr).toMatch(/backup \[#+\] 100\.0%/);
      expect(backup.stderr).toMatch(/sealed with master key [0-9a-f]{16}\. It holds no master key/);
      expect(statSync(file).mode & 0o777).toBe(0o600);

      // A second backup to the same name would overwrite the first: refused.
      expect((await runCli(['backup', file], original)).stderr).toMatch(/already exists/);
      // A data directory with something in it is refused, and left as it was.
      mkdirSync(join(root, 'occupied', 'data'), { recursive: true });
      writeFileSync(join(root, 'occupied', 'data', 'notes.txt'), 'mine');
      const occupied = await runCli(['restore', file], { DATABASE_URL: `sqlite:${join(root, 'occupied', 'data', 'yonder.db')}` });
      expect(occupied.code).not.toBe(0);
      expect(occupied.stderr).toMatch(/not empty/);
      // Restored where yonder would be given another key, it says so now, not at the next start.
      const otherKey = { YONDER_MASTER_KEY: randomBytes(32).toString('base64') };
      const elsewhere = await runCli(['restore', file], { ...otherKey, DATABASE_URL: `sqlite:${join(root, 'elsewhere', 'data', 'yonder.db')}` });
      expect(elsewhere.code, elsewhere.stderr).toBe(0);
      expect(elsewhere.stderr).toMatch(/warning: .* not the one this store was sealed with/);

      const restore = await runCli(['restore', file], restored);
      expect(restore.code, restore.stderr).toBe(0);
      expect(restore.stderr).toMatch(/restore \[#+\] 100\.0%/);
      expect(restore.stderr).not.toMatch(/warning/);

      // Same master key: the original's token works on the copy, its signing keys came along sealed.
      copy = await ServerProcess.start(restored);
      const found = await writtenOn(copy, vars);
      expect(before.filter((username) => !found.has(username))).toEqual([]);
    } finally {
      await copy?.stop();
      await server.stop();
    }
  });

  it('points PostgreSQL stores to pg_dump', async () => {
    const reply = await runCli(['backup', join(root, 'pg.db')], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(reply.code).not.toBe(0);
    expect(reply.stderr).toMatch(/pg_dump/);
  });
});

describe('pg_dump and pg_restore of a running PostgreSQL store, as the README says', () => {
  const { engines, cleanup } = processEngines();
  const postgres = engines.find((engine) => engine.name === 'postgres')!;
  const root = mkdtempSync(join(tmpdir(), 'yonder-pg-dump-'));
  const restoredDatabase = `yonder_restored_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    await client.query(statement).finally(() => client.end());
  };
  afterAll(async () => {
    rmSync(root, { recursive: true, force: true });
    await cleanup();
    if (await postgres.available()) await admin(`drop database if exists ${restoredDatabase} with (force)`);
  });

  it('restores every create acknowledged before the dump began', async (context) => {
    if (!(await postgres.available())) return context.skip();
    const databaseUrl = await postgres.database();
    const schema = /search_path=(\w+)/.exec(new URL(databaseUrl).searchParams.get('options') ?? '')?.[1] ?? '';
    const server = await ServerProcess.start({ DATABASE_URL: databaseUrl, PUBLIC_URL });
    let copy: ServerProcess | null = null;
    try {
      const vars = bannerExports(server.banner());
      const writes = await keepWriting(server, vars, 100);
      const before = [...writes.acknowledged];
      const dump = join(root, 'yonder.dump');
      // The test server's database holds every test's schema: dump this store's alone.
      await promisify(execFile)('pg_dump', ['--format=custom', `--schema=${schema}`, `--file=${dump}`, POSTGRES_URL]);
      await writes.stop();

      await admin(`create database ${restoredDatabase}`);
      const restoredUrl = new URL(databaseUrl);
      restoredUrl.pathname = `/${restoredDatabase}`;
      const target = new URL(restoredUrl);
      target.search = '';
      await promisify(execFile)('pg_restore', ['--no-owner', `--dbname=${target}`, dump]);

      copy = await ServerProcess.start({ DATABASE_URL: restoredUrl.toString(), PUBLIC_URL });
      const found = await writtenOn(copy, vars);
      expect(before.filter((username) => !found.has(username))).toEqual([]);
    } finally {
      await copy?.stop();
      await server.stop();
    }
  });
});
