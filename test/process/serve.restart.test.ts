import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { POSTGRES_URL } from '../support/postgres-url.js';
import { ServerProcess } from '../support/process.js';

function exportsFrom(banner: string): Record<string, string> {
  return Object.fromEntries([...banner.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1] ?? '', m[2] ?? '']));
}

/** Runs the banner's curl line through a real shell with the banner's exports, as a person would paste them. */
function runPrintedCurl(banner: string, url: string): Promise<string> {
  const curl = banner.slice(banner.indexOf('curl -sS')).split('\n\n')[0] ?? '';
  const exports = banner.match(/^export .*$/gm)?.join('\n') ?? '';
  const script = `${exports}\nexport YONDER_URL=${url}\n${curl}`;
  return new Promise((resolve, reject) =>
    execFile('bash', ['-c', script], { timeout: 15_000 }, (error, stdout) => (error ? reject(error) : resolve(stdout))),
  );
}

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    if (process.env.CI) throw new Error(`PostgreSQL is required under CI: ${POSTGRES_URL} is unreachable`);
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

async function sqliteDatabase(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'yonder-serve-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  return `sqlite:${join(dir, 'nested', 'yonder.db')}`;
}

async function postgresDatabase(): Promise<string> {
  const schema = `p_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  await client.query(`create schema ${schema}`);
  await client.end();
  cleanups.push(async () => {
    const c = new pg.Client({ connectionString: POSTGRES_URL });
    await c.connect();
    await c.query(`drop schema if exists ${schema} cascade`);
    await c.end();
  });
  const url = new URL(POSTGRES_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

const engines = [
  { name: 'sqlite', database: sqliteDatabase, available: async () => true },
  { name: 'postgres', database: postgresDatabase, available: postgresReachable },
];

for (const engine of engines) {
  describe(`yonder serve [${engine.name}]`, () => {
    it('first start prints a token and a curl line that creates an identity; restart keeps everything', async (context) => {
      if (!(await engine.available())) {
        process.stdout.write(`SKIPPING yonder serve [${engine.name}]: PostgreSQL unreachable\n`);
        context.skip();
      }
      const DATABASE_URL = await engine.database();
      const first = await ServerProcess.start({ DATABASE_URL });
      const vars = exportsFrom(first.stdout);
      expect(vars.YONDER_TOKEN).toMatch(/^ey[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(vars.TENANT_ID).toMatch(/^[0-9a-f]{16}$/);
      expect(vars.REALM_ID).toMatch(/^[0-9a-f]{16}$/);

      const created = JSON.parse(await runPrintedCurl(first.stdout, first.url));
      expect(created).toMatchObject({ display_name: 'Test Identity', traits: { username: 'test' }, realm_id: vars.REALM_ID });

      // Logs are JSON lines with request ids, and never carry the token.
      const logLines = first.stdout.split('\n').filter((line) => line.startsWith('{'));
      expect(logLines.some((line) => JSON.parse(line).reqId)).toBe(true);
      expect(logLines.join('\n')).not.toContain(vars.YONDER_TOKEN);

      expect(await first.stop()).toBe(0);

      const second = await ServerProcess.start({ DATABASE_URL });
      try {
        expect(second.stdout).not.toContain('export YONDER_TOKEN');
        const headers = { authorization: `Bearer ${vars.YONDER_TOKEN}` };
        const identities = await fetch(
          `${second.url}/v1/tenants/${vars.TENANT_ID}/realms/${vars.REALM_ID}/identities/${created.id}`,
          { headers },
        );
        expect(identities.status).toBe(200);
        expect(await identities.json()).toEqual(created);
        expect((await fetch(`${second.url}/readyz`)).status).toBe(200);
      } finally {
        expect(await second.stop()).toBe(0);
      }
    });
  });
}
