import { Migrator } from 'kysely';
import type { Connection } from './connection.js';
import { migrationProvider } from './migrations/index.js';

/**
 * Applies every pending migration. Kysely runs each in a transaction on both engines and, on
 * PostgreSQL, under an advisory lock, so processes starting together migrate once.
 */
export async function migrateToLatest(connection: Connection): Promise<string[]> {
  // Kysely looks for its bookkeeping tables in every schema unless told which one: with several
  // schemas in one database (parallel test files, several deployments) it would find another's
  // and then fail to read its own.
  const migrator = new Migrator({
    db: connection.db,
    provider: migrationProvider,
    ...(connection.pgSchema ? { migrationTableSchema: connection.pgSchema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
