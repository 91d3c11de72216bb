import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { POSTGRES_URL } from './postgres-url.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAvailable: boolean;
  }
}

/**
 * Decides once whether the PostgreSQL suite runs. Under CI an unreachable server is a failure; on a
 * developer's machine the suite is skipped with a line that says so.
 */
export default async function setup(project: TestProject): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
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
  } finally {
    await client.end().catch(() => {});
  }
}
