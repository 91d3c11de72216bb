import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../src/config.js';
import { openYonder } from '../../src/services/bootstrap.js';
import { TEST_MASTER_KEY } from './master-key.js';
import { POSTGRES_URL } from './postgres-url.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /**
     * A migrated store each test file starts from a copy of: a SQLite file, or the name of a
     * PostgreSQL database to use as a template. Null: each file migrates an empty store itself.
     */
    storeTemplate: string | null;
  }
}

/**
 * Migrating an empty store and generating its RSA signing key cost a test file more than half a
 * second (more on PostgreSQL, and both stretch on a busy machine); the result is the same for
 * every file. So the suite does it once, here, and each file starts from a copy: a file copy on
 * SQLite, `CREATE DATABASE ... TEMPLATE` on PostgreSQL. Bootstrapping (the tenant, its realms,
 * applications, the admin token) still happens in every file, on its own copy.
 *
 * Migrations on an empty store and a first start generating its key are still tested: here, once
 * per engine and run, and by the process tests, whose servers start on empty stores.
 */
async function openAndClose(databaseUrl: string): Promise<void> {
  const config = loadConfig(
    {},
    { databaseUrl, publicUrl: 'http://localhost:8080', outboxDir: join(tmpdir(), 'yonder-test-outbox'), masterKey: TEST_MASTER_KEY },
  );
  const yonder = await openYonder(config);
  await yonder.store.close();
  yonder.mailer.close();
}

/** A migrated SQLite store in a temp folder: its file, and how to remove it. */
export async function sqliteTemplate(): Promise<{ file: string; remove(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'yonder-template-'));
  const file = join(dir, 'yonder.db');
  // Closing the last connection checkpoints the WAL into the file and removes it: the file alone is the store.
  await openAndClose(`sqlite:${file}`);
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `POSTGRES_URL` with another database name. */
export function postgresDatabaseUrl(database: string): string {
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * A migrated PostgreSQL database to copy from, named for this run (other checkouts may run their
 * suites on the same server at the same time, with other migrations), and how to remove it with
 * every copy left behind. Null when this server will not let the suite create databases, or is
 * too old to drop them while connected.
 */
export async function postgresTemplate(): Promise<{ name: string; remove(): Promise<void> } | null> {
  const name = `yonder_tpl_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  try {
    // Copies are dropped WITH (FORCE), which PostgreSQL has since version 13.
    const { rows } = await admin.query<{ version: number }>("select current_setting('server_version_num')::int as version");
    const version = rows[0]?.version ?? 0;
    if (version < 130000) throw new Error(`server version ${version} is older than 13`);
    await admin.query(`create database ${name}`);
  } catch (error) {
    process.stdout.write(`\nPostgreSQL: no template database (${String(error)}); each test file migrates a schema of its own\n\n`);
    return null;
  } finally {
    await admin.end();
  }
  // The template must have no connections left when it is copied: openAndClose ends its pool.
  await openAndClose(postgresDatabaseUrl(name));
  return {
    name,
    remove: async () => {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      try {
        const { rows } = await client.query<{ datname: string }>("select datname from pg_database where datname = $1 or datname like $1 || '\\_%'", [
          name,
        ]);
        for (const { datname } of rows) await client.query(`drop database if exists ${datname} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
