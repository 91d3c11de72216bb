import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export type Engine = 'sqlite' | 'postgres';

/** Either the database or a transaction on it: store modules run on whichever they are given. */
export type Executor = Kysely<Database> | Transaction<Database>;

export interface Connection {
  db: Kysely<Database>;
  engine: Engine;
  /** PostgreSQL only: the schema worked in, when not the default. */
  pgSchema?: string;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** PostgreSQL only: the schema to work in (tests give each run its own). */
  pgSchema?: string;
  /** PostgreSQL only: the pool's upper bound. */
  pgPoolSize?: number;
}

/**
 * `sqlite:<path>` (or `sqlite::memory:`) opens the embedded engine; `postgres://` or
 * `postgresql://` a PostgreSQL pool.
 */
export function connect(databaseUrl: string, options: ConnectOptions = {}): Connection {
  if (databaseUrl.startsWith('postgres://') || databaseUrl.startsWith('postgresql://')) {
    return connectPostgres(databaseUrl, options);
  }
  if (databaseUrl.startsWith('sqlite:')) {
    return connectSqlite(databaseUrl.slice('sqlite:'.length));
  }
  throw new Error(`DATABASE_URL must start with sqlite: or postgres:// (got "${databaseUrl.split(':')[0]}:...")`);
}

function connectSqlite(path: string): Connection {
  const inMemory = path === ':memory:' || path === '';
  if (!inMemory) mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new SqliteDatabase(inMemory ? ':memory:' : path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // PostgreSQL's LIKE is case-sensitive; SQLite's is not by default. Filters compare folded keys
  // where they mean to ignore case, so both engines must compare exactly.
  sqlite.pragma('case_sensitive_like = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, engine: 'sqlite', close: () => db.destroy() };
}

function connectPostgres(url: string, options: ConnectOptions): Connection {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.pgPoolSize ?? 10,
    connectionTimeoutMillis: 5000,
    ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
  });
  // An idle client that loses its server (restart, network) must not crash the process.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, engine: 'postgres', ...(options.pgSchema ? { pgSchema: options.pgSchema } : {}), close: () => db.destroy() };
}
