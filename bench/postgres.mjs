// The PostgreSQL the benches use (BENCH_POSTGRES_URL), shared by run.mjs and large-realm.mjs.
import pg from 'pg';

export const PG_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Whether PostgreSQL answers within two seconds; the benches skip its rows when it does not. */
export async function postgresReachable() {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Runs one statement (creating or dropping a scratch schema) on a connection of its own. */
export async function pgAdmin(query) {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}
