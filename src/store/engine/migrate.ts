import { Migrator, sql } from 'kysely';
import type { Connection, SqliteHandle } from './connection.js';
import { migrationProvider } from '../migrations/index.js';

/**
 * Applies every pending migration, so that processes starting together migrate once: on PostgreSQL
 * Kysely runs each in a transaction under an advisory lock; on SQLite the whole run is one
 * transaction holding the write lock (`underWriteLock`).
 */
export async function migrateToLatest(connection: Connection): Promise<string[]> {
  const migrator = new Migrator({
    db: connection.db,
    provider: migrationProvider,
    // Kysely looks for its bookkeeping tables in every schema unless told which one; with several
    // yonder databases in one PostgreSQL (one schema each), it would find another's and skip its own.
    ...(connection.engine === 'postgres' ? { migrationTableSchema: await currentSchema(connection) } : {}),
  });
  const { error, results } = connection.sqlite
    ? await underWriteLock(connection.sqlite, () => migrator.migrateToLatest())
    : await migrateRetryingOthersDrops(() => migrator.migrateToLatest(), await currentSchema(connection));
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * Kysely's migrator looks for its bookkeeping table by introspecting the tables of every schema
 * (`pg_get_serial_sequence` on each), so a schema another client drops meanwhile fails the whole
 * run with "schema ... does not exist" (SQLSTATE 3F000) though nothing of ours is missing. Such a
 * failure changed nothing (each migration is its own transaction, and none had begun), so it is
 * tried again; one naming our own schema is real and is not.
 */
async function migrateRetryingOthersDrops<T extends { error?: unknown }>(migrate: () => Promise<T>, ownSchema: string): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const outcome = await migrate();
    const error = outcome.error as { code?: string; message?: string } | undefined;
    const othersDrop = error?.code === '3F000' && typeof error.message === 'string' && !error.message.includes(`"${ownSchema}"`);
    if (!othersDrop || attempt === 5) return outcome;
  }
}

/**
 * Kysely migrates SQLite outside any transaction and takes no lock (it counts on one connection),
 * so two processes starting together on an empty file both ran the same migrations and one failed
 * ("duplicate column name"). The whole run is one IMMEDIATE transaction instead: the second waits
 * for the write lock (longer than a request would), then finds nothing left to do. A migration
 * that fails rolls every one of them back.
 */
async function underWriteLock<T extends { error?: unknown }>(sqlite: SqliteHandle, migrate: () => Promise<T>): Promise<T> {
  const timeout = sqlite.pragma('busy_timeout', { simple: true }) as number;
  sqlite.pragma('busy_timeout = 60000');
  try {
    sqlite.exec('BEGIN IMMEDIATE');
  } finally {
    sqlite.pragma(`busy_timeout = ${timeout}`);
  }
  try {
    const outcome = await migrate();
    sqlite.exec(outcome.error ? 'ROLLBACK' : 'COMMIT');
    return outcome;
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    throw error;
  }
}

async function currentSchema(connection: Connection): Promise<string> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(connection.db);
  const schema = rows[0]?.schema;
  if (!schema) throw new Error('PostgreSQL has no current schema: check the search_path of DATABASE_URL');
  return schema;
}
