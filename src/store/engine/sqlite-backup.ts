import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { sealingKeyId } from '../../domain/access/sealed-secret.js';

/** How far a copy is: pages copied of the total (SQLite's page, 4 KiB here). */
export interface CopyProgress {
  copiedPages: number;
  totalPages: number;
}

/** What a backup or restore copied. */
export interface CopyResult {
  pages: number;
  /** The ids of the master keys that sealed the copy's secrets (one, unless a change of key is under way). */
  sealedWith: string[];
}

/** Pages per step: 4 MiB at a time, so progress is reported often and each step is short. */
const PAGES_PER_STEP = 1024;

/**
 * Copies a SQLite store, running or not, to `target` (which must not exist) with SQLite's online
 * backup, and returns the number of pages copied.
 *
 * Consistent: the copy is the store as of one moment. The backup reads inside one read
 * transaction held for its whole length; in WAL mode that is a snapshot, and writers (a running
 * `yonder serve`) go on meanwhile without waiting for it. Without the transaction, SQLite restarts
 * a backup whenever another connection writes, which under steady writes may never finish.
 *
 * The copy is one self-contained file (journal mode DELETE, no -wal beside it), checked with
 * `quick_check`, written under a temporary name and renamed into place, readable by its owner only.
 * Sealed values stay sealed: the master key is not in the database, and is not copied.
 */
export async function backupSqlite(source: string, target: string, onProgress: (progress: CopyProgress) => void): Promise<CopyResult> {
  if (!existsSync(source)) throw new Error(`there is no SQLite store at ${source}`);
  if (existsSync(target)) throw new Error(`${target} already exists; give a new file name`);
  const partial = `${target}.partial`;
  // 'wx': fails if a half-written copy of another run is there, instead of writing over it.
  closeSync(openSync(partial, 'wx', 0o600));
  let db: SqliteDatabase.Database | null = null;
  try {
    db = new SqliteDatabase(source, { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    db.exec('BEGIN');
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    const pages = await copyPages(db, partial, onProgress);
    db.exec('COMMIT');
    db.close();
    const sealedWith = finishCopy(partial, 'DELETE');
    renameSync(partial, target);
    return { pages, sealedWith };
  } catch (error) {
    if (db?.open) db.close();
    rmSync(partial, { force: true });
    throw error;
  }
}

/**
 * Makes `target` a copy of the backup `file`, in a data directory that is empty or not there yet
 * (so nothing already there is overwritten or mixed with the copy). Checks first that the file is
 * a whole SQLite database holding a yonder store.
 */
export async function restoreSqlite(file: string, target: string, onProgress: (progress: CopyProgress) => void): Promise<CopyResult> {
  if (!existsSync(file)) throw new Error(`there is no backup at ${file}`);
  const directory = dirname(resolve(target));
  if (existsSync(directory) && readdirSync(directory).length > 0) {
    throw new Error(`the data directory ${directory} is not empty; restore into an empty or new directory`);
  }
  const backup = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    checkIsYonderStore(backup, file);
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    const partial = `${target}.partial`;
    closeSync(openSync(partial, 'wx', 0o600));
    try {
      const pages = await copyPages(backup, partial, onProgress);
      const sealedWith = finishCopy(partial, 'WAL');
      renameSync(partial, target);
      return { pages, sealedWith };
    } catch (error) {
      rmSync(partial, { force: true });
      throw error;
    }
  } finally {
    backup.close();
  }
}

async function copyPages(db: SqliteDatabase.Database, target: string, onProgress: (progress: CopyProgress) => void): Promise<number> {
  const result = await db.backup(target, {
    progress: ({ totalPages, remainingPages }) => {
      onProgress({ copiedPages: totalPages - remainingPages, totalPages });
      return PAGES_PER_STEP;
    },
  });
  onProgress({ copiedPages: result.totalPages, totalPages: result.totalPages });
  return result.totalPages;
}

/**
 * Sets the copy's journal mode (a backup file stands alone; a store runs in WAL), checks it, and
 * reads which master keys sealed its secrets.
 */
function finishCopy(file: string, journalMode: 'DELETE' | 'WAL'): string[] {
  const copy = new SqliteDatabase(file, { fileMustExist: true });
  try {
    copy.pragma(`journal_mode = ${journalMode}`);
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`the copy failed its check: ${String(check)}`);
    chmodSync(file, 0o600);
    const sealed = copy
      .prepare(
        'SELECT private_jwk AS value FROM signing_keys UNION ALL SELECT value FROM server_secrets UNION ALL SELECT private_key FROM saml_idp_keys',
      )
      .all() as {
      value: string;
    }[];
    return [...new Set(sealed.map((row) => sealingKeyId(row.value)).filter((id): id is string => id !== null))];
  } finally {
    copy.close();
  }
}

function checkIsYonderStore(db: SqliteDatabase.Database, file: string): void {
  let check: unknown;
  try {
    check = db.pragma('quick_check', { simple: true });
  } catch (error) {
    throw new Error(`${file} is not a SQLite database (${(error as Error).message})`);
  }
  if (check !== 'ok') throw new Error(`${file} is damaged: ${String(check)}`);
  const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((row) => row.name));
  if (!tables.has('kysely_migration') || !tables.has('tenants')) throw new Error(`${file} is a SQLite database, but not a yonder store`);
}
