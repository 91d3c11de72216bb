import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { POSTGRES_URL } from './postgres-url.js';
import { postgresTemplate } from './store-template.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAvailable: boolean;
  }
}

/**
 * Decides once whether the PostgreSQL suite runs. Under CI an unreachable server is a failure; on a
 * developer's machine the suite is skipped with a line that says so. When it runs, the migrated
 * template database the test files copy is made here (see store-template.ts), and removed at the end.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    await client.query('select 1');
    project.provide('postgresAvailable', true);
  } catch (error) {
    if (process.env.CI) {
      throw new Error(`PostgreSQL is required under CI but ${POSTGRES_URL} is unreachable: ${String(error)}`);
    }
    process.stdout.write(`\nSKIPPING the PostgreSQL suite: ${POSTGRES_URL} is unreachable (${String(error)})\n\n`);
    project.provide('postgresAvailable', false);
    project.provide('storeTemplate', null);
    return undefined;
  } finally {
    await client.end().catch(() => {});
  }
  const template = await postgresTemplate();
  project.provide('storeTemplate', template?.name ?? null);
  return template?.remove;
}
