import type { Migration, MigrationProvider } from 'kysely';
import * as core from './001-core.js';
import * as listIndexes from './002-list-indexes.js';

/**
 * The ordered list of migrations. They are compiled into the program (not read from a folder at
 * run time), so the CLI, the server and the tests all apply exactly the same set.
 */
const MIGRATIONS: Record<string, Migration> = {
  '001-core': core,
  '002-list-indexes': listIndexes,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
