import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import type { TestDatabase } from './harness.js';

/**
 * Every value of every table, as text, read around yonder rather than through it: what someone
 * holding a copy of the database would see.
 */
export async function dumpDatabase(database: TestDatabase): Promise<string> {
  const chunks: string[] = [];
  if (database.databaseUrl.startsWith('sqlite:')) {
    const sqlite = new SqliteDatabase(database.databaseUrl.slice('sqlite:'.length), { readonly: true });
    try {
      const tables = sqlite.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[];
      for (const { name } of tables) chunks.push(name, JSON.stringify(sqlite.prepare(`select * from "${name}"`).all()));
    } finally {
      sqlite.close();
    }
    return chunks.join('\n');
  }
  const client = new pg.Client({ connectionString: database.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ table_name: string }>('select table_name from information_schema.tables where table_schema = $1', [
      database.pgSchema,
    ]);
    for (const { table_name } of rows) {
      const result = await client.query(`select * from "${database.pgSchema}"."${table_name}"`);
      chunks.push(table_name, JSON.stringify(result.rows));
    }
  } finally {
    await client.end();
  }
  return chunks.join('\n');
}
