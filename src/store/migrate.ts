import { Migrator } from 'kysely';
import type { Connection } from './connection.js';
import { migrationProvider } from './migrations/index.js';

/**
 * Applies every pending migration. Kysely runs each in a transaction on both engines and, on
 * PostgreSQL, under an advisory lock, so processes starting together migrate once.
 */
export async function migrateToLatest(connection: Connection): Promise<string[]> {
  // Named explicitly when working in a schema of its own: otherwise Kysely takes another schema's
  // migration tables for this one's and fails (seen with many test files migrating at once).
  const migrator = new Migrator({
    db: connection.db,
    provider: migrationProvider,
    ...(connection.pgSchema ? { migrationTableSchema: connection.pgSchema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
