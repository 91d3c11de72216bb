import { Migrator, sql } from 'kysely';
import type { Connection } from './connection.js';
import { migrationProvider } from './migrations/index.js';

/**
 * Applies every pending migration. Kysely runs each in a transaction on both engines and, on
 * PostgreSQL, under an advisory lock, so processes starting together migrate once.
 */
export async function migrateToLatest(connection: Connection): Promise<string[]> {
  const migrator = new Migrator({
    db: connection.db,
    provider: migrationProvider,
    // Kysely looks for its bookkeeping tables in every schema unless told which one; with several
    // yonder databases in one PostgreSQL (one schema each), it would find another's and skip its own.
    ...(connection.engine === 'postgres' ? { migrationTableSchema: await currentSchema(connection) } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

async function currentSchema(connection: Connection): Promise<string> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(connection.db);
  const schema = rows[0]?.schema;
  if (!schema) throw new Error('PostgreSQL has no current schema: check the search_path of DATABASE_URL');
  return schema;
}
