import { existsSync } from 'node:fs';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';

/**
 * Whether a store is there and holds a tenant, found without creating or migrating anything: a
 * command pointed at the wrong path or database must not make a new store there (with a new tenant,
 * admin token and client secret), only `yonder serve` and `yonder init` do.
 */
export type StorePresence = 'missing' | 'empty' | 'ready';

export async function storePresence(databaseUrl: string): Promise<StorePresence> {
  if (databaseUrl.startsWith('sqlite:')) return sqlitePresence(databaseUrl.slice('sqlite:'.length));
  if (databaseUrl.startsWith('postgres://') || databaseUrl.startsWith('postgresql://')) return postgresPresence(databaseUrl);
  throw new Error(`DATABASE_URL must start with sqlite: or postgres:// (got "${databaseUrl.split(':')[0]}:...")`);
}

function sqlitePresence(path: string): StorePresence {
  // An in-memory database is new each time it is opened.
  if (path === '' || path === ':memory:' || !existsSync(path)) return 'missing';
  const db = new SqliteDatabase(path, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare("select 1 from sqlite_master where type = 'table' and name = 'tenants'").get();
    if (table === undefined) return 'empty';
    return db.prepare('select 1 from tenants limit 1').get() === undefined ? 'empty' : 'ready';
  } finally {
    db.close();
  }
}

/** The tables are looked up on the connection's search_path, as the store itself would find them. */
async function postgresPresence(url: string): Promise<StorePresence> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const table = await client.query<{ present: boolean }>("select to_regclass('tenants') is not null as present");
    if (!table.rows[0]?.present) return 'empty';
    const tenant = await client.query('select 1 from tenants limit 1');
    return tenant.rowCount === 0 ? 'empty' : 'ready';
  } finally {
    await client.end();
  }
}
