import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresDialect,
  type PostgresPool,
  type PostgresPoolClient,
  SqliteDialect,
  type SqliteDialectConfig,
  type SqliteDatabase as SqliteDialectDatabase,
  SqliteDriver,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import { ScanReads } from './scan-reads.js';
import type { Database } from '../schema.js';
import { startCheckpointer } from './sqlite-checkpointer.js';
import { SqliteReader } from './sqlite-reader.js';

export type Engine = 'sqlite' | 'postgres';

/** better-sqlite3's handle on the one SQLite connection. */
export type SqliteHandle = SqliteDatabase.Database;

/** Either the database or a transaction on it: store modules run on whichever they are given. */
export type Executor = Kysely<Database> | Transaction<Database>;

export interface Connection {
  db: Kysely<Database>;
  engine: Engine;
  /** PostgreSQL only: the schema worked in, when not the default. */
  pgSchema?: string;
  /** Concurrent identity creates share one statement (see group-commit.ts). */
  groupCommit: boolean;
  /** SQLite only: the driver's own handle, for bulk loads that bind rows without Kysely. */
  sqlite?: SqliteHandle;
  /** Filters that scan a realm run through it: bounded in time, and off the event loop on SQLite. */
  scanReads: ScanReads;
  /** PostgreSQL only: how many of the pool's connections exist, sit idle, and are waited for. */
  poolUsage?: () => PoolUsage;
  close(): Promise<void>;
}

export interface PoolUsage {
  total: number;
  idle: number;
  waiting: number;
}

export interface ConnectOptions {
  /** PostgreSQL only: the schema to work in (tests give each run its own). */
  pgSchema?: string;
  /** PostgreSQL only: the pool's upper bound. */
  pgPoolSize?: number;
  /** Group commit of identity creates; on unless turned off. */
  groupCommit?: boolean;
  /**
   * SQLite only: hold the file for this connection alone until it closes (`locking_mode =
   * EXCLUSIVE`, no checkpointer worker), for loads that keep one write transaction open for a
   * long time. Opening fails when another connection has the file open, and no other can open it
   * meanwhile.
   */
  exclusive?: boolean;
  /** How long a filter that scans a realm may run (see scan-reads.ts); 5 s unless given. */
  scanTimeoutMs?: number;
}

export const DEFAULT_SCAN_TIMEOUT_MS = 5000;

/**
 * `sqlite:<path>` (or `sqlite::memory:`) opens the embedded engine; `postgres://` or
 * `postgresql://` a PostgreSQL pool.
 */
export function connect(databaseUrl: string, options: ConnectOptions = {}): Connection {
  if (databaseUrl.startsWith('postgres://') || databaseUrl.startsWith('postgresql://')) {
    return { ...connectPostgres(databaseUrl, options), groupCommit: options.groupCommit ?? true };
  }
  if (databaseUrl.startsWith('sqlite:')) {
    return { ...connectSqlite(databaseUrl.slice('sqlite:'.length), options), groupCommit: options.groupCommit ?? true };
  }
  throw new Error(`DATABASE_URL must start with sqlite: or postgres:// (got "${databaseUrl.split(':')[0]}:...")`);
}

function connectSqlite(path: string, options: ConnectOptions): Omit<Connection, 'groupCommit'> {
  const exclusive = options.exclusive ?? false;
  const inMemory = path === ':memory:' || path === '';
  if (!inMemory) keepPrivate(resolve(path));
  const sqlite = new SqliteDatabase(inMemory ? ':memory:' : path);
  if (exclusive) lockExclusively(sqlite, path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // 32 MiB of page cache (the default is 2 MiB): at a million identities the indexes are tens of
  // MiB, and a create touches five of them at random places.
  sqlite.pragma('cache_size = -32768');
  // PostgreSQL's LIKE is case-sensitive; SQLite's is not by default. Filters compare folded keys
  // where they mean to ignore case, so both engines must compare exactly.
  sqlite.pragma('case_sensitive_like = ON');
  // Checkpoints run in a worker (see sqlite-checkpointer.ts). This connection still checkpoints
  // past 16 MiB of WAL (instead of the default 4 MiB): by then the worker has copied nearly every
  // page, and finishing the copy lets the WAL start over, which a busy writer otherwise prevents.
  const checkpointer = inMemory || exclusive ? null : startCheckpointer(resolve(path));
  if (checkpointer) sqlite.pragma('wal_autocheckpoint = 4000');
  const db = new Kysely<Database>({ dialect: new ImmediateTransactionsDialect({ database: withStatementCache(sqlite) }) });
  // An in-memory database has no file a second connection could read; an exclusive one admits none.
  const timeoutMs = options.scanTimeoutMs ?? DEFAULT_SCAN_TIMEOUT_MS;
  const reader = inMemory || exclusive ? null : new SqliteReader(resolve(path), timeoutMs);
  return {
    db,
    engine: 'sqlite',
    sqlite,
    scanReads: new ScanReads('sqlite', timeoutMs, reader),
    close: async () => {
      await reader?.close();
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

/**
 * The database is readable by its owner alone: the data directory is created 0700 and the database
 * file 0600 (SQLite gives its -wal and -shm files the database file's mode). Files an older yonder
 * created with the umask's mode are narrowed to 0600 here; an existing directory is left as its
 * owner set it.
 */
function keepPrivate(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  closeSync(openSync(file, 'a', 0o600));
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      chmodSync(path, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

/**
 * SQLite transactions begin IMMEDIATE: they take the write lock at once, waiting (busy_timeout)
 * while another process holds it. A deferred transaction (Kysely's `begin`) reads first and, when
 * another process on the file committed meanwhile, fails at its first write without waiting
 * (SQLITE_BUSY_SNAPSHOT): a second `yonder serve`, or `yonder import` beside a running one, turned
 * read-then-write requests (a PATCH, a member add) into 500s. Within one process nothing changes:
 * Kysely runs one query at a time on the one connection, so a transaction never waits on another.
 */
class ImmediateTransactionsDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateTransactionsDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }

  override createDriver(): Driver {
    return new ImmediateTransactionsDriver(this.settings);
  }
}

/**
 * Takes the file for this connection alone: an exclusive lock, held until the connection closes.
 * Taken at once (an empty write transaction) so that a file another process has open is refused
 * here, after the busy timeout, rather than halfway through a load.
 */
function lockExclusively(sqlite: SqliteDatabase.Database, path: string): void {
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('locking_mode = EXCLUSIVE');
  try {
    sqlite.exec('BEGIN EXCLUSIVE; COMMIT');
  } catch (error) {
    sqlite.close();
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
      throw new Error(`${path} is in use by another process (a running yonder serve?) and cannot be opened exclusively`);
    }
    throw error;
  }
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query afresh; preparing costs more than running a point lookup. Reusing
 * the prepared statement for the same SQL text is safe here: Kysely runs one query at a time on
 * the one SQLite connection, and SQLite re-prepares a statement itself after a schema change.
 * Bounded, because filters and IN lists make SQL texts without end; the oldest goes first.
 */
function withStatementCache(sqlite: SqliteDatabase.Database): SqliteDialectDatabase {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (text: string) => {
      let statement = cache.get(text);
      if (!statement) {
        statement = sqlite.prepare(text);
        if (cache.size >= STATEMENT_CACHE_SIZE) {
          const oldest = cache.keys().next();
          if (!oldest.done) cache.delete(oldest.value);
        }
        cache.set(text, statement);
      }
      return statement;
    },
  };
}

function connectPostgres(url: string, options: ConnectOptions): Omit<Connection, 'groupCommit'> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.pgPoolSize ?? 10,
    connectionTimeoutMillis: 5000,
    ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
  });
  // An idle client that loses its server (restart, network) must not crash the process.
  pool.on('error', () => {});
  // Nor one in use: the pool listens only to idle clients, and a client that loses its server
  // mid-query emits 'error' (the query itself fails with it too), which unheard would crash the
  // process. The pool drops such a client when it is released.
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: withNamedStatements(pool) }) });
  return {
    db,
    engine: 'postgres',
    scanReads: new ScanReads('postgres', options.scanTimeoutMs ?? DEFAULT_SCAN_TIMEOUT_MS, null),
    poolUsage: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    ...(options.pgSchema ? { pgSchema: options.pgSchema } : {}),
    close: () => db.destroy(),
  };
}

const NAMED_STATEMENTS_MAX = 1000;
const PREPARABLE = /^\s*(select|insert|update|delete)\b/i;

/**
 * Kysely sends every query unnamed, so PostgreSQL parses and plans it every time. Naming a
 * statement by its SQL text lets each connection prepare it once and then only bind and execute.
 * One name per text for the process (a name never changes meaning); only plain DML is named,
 * never DDL or transaction control, and past a bound new texts go unnamed.
 */
function withNamedStatements(pool: pg.Pool): PostgresPool {
  const names = new Map<string, string>();
  const nameOf = (text: string): string | undefined => {
    let name = names.get(text);
    if (name === undefined && names.size < NAMED_STATEMENTS_MAX && PREPARABLE.test(text)) {
      name = `y${names.size}`;
      names.set(text, name);
    }
    return name;
  };
  return {
    connect: async () => {
      const client = await pool.connect();
      return {
        query: ((textOrCursor: unknown, parameters?: readonly unknown[]) => {
          const name = typeof textOrCursor === 'string' ? nameOf(textOrCursor) : undefined;
          return name === undefined
            ? (client.query as (...args: unknown[]) => unknown)(textOrCursor, parameters)
            : client.query({ name, text: textOrCursor as string, values: parameters as unknown[] });
        }) as PostgresPoolClient['query'],
        release: (destroy?: boolean) => client.release(destroy),
      };
    },
    end: () => pool.end(),
  };
}
