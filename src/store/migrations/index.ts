import type { Migration, MigrationProvider } from 'kysely';
import * as core from './001-core.js';
import * as groupsPolicy from './002-groups-policy.js';
import * as identityVersion from './003-identity-version.js';
import * as managementAccess from './004-management-access.js';

/**
 * The ordered list of migrations. They are compiled into the program (not read from a folder at
 * run time), so the CLI, the server and the tests all apply exactly the same set.
 */
const MIGRATIONS: Record<string, Migration> = {
  '001-core': core,
  '002-groups-policy': groupsPolicy,
  '003-identity-version': identityVersion,
  '004-management-access': managementAccess,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
