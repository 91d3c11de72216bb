import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Config } from '../config.js';
import { loadMasterKey } from '../platform/secrets/master-key.js';
import { type CopyProgress, backupSqlite, restoreSqlite } from '../store/engine/sqlite-backup.js';
import { ProgressBar } from './progress.js';

/** The SQLite file of `DATABASE_URL`; backups of PostgreSQL are pg_dump's (README, "Backups"). */
function sqliteFile(config: Config, command: string): string {
  const url = config.databaseUrl;
  if (!url.startsWith('sqlite:')) {
    throw new Error(`yonder ${command} copies SQLite stores; for PostgreSQL use pg_dump and pg_restore (see the README, "Backups")`);
  }
  const path = url.slice('sqlite:'.length);
  if (path === '' || path === ':memory:') throw new Error(`an in-memory store has nothing to ${command}`);
  return resolve(path);
}

function progressOf(label: string): { bar: ProgressBar; report: (progress: CopyProgress) => void } {
  const bar = new ProgressBar(label);
  return { bar, report: ({ copiedPages, totalPages }) => bar.update(copiedPages, totalPages === 0 ? 1 : copiedPages / totalPages) };
}

/** Where the key that opens the store's sealed values is, for the reminder both commands print. */
function keyLocation(config: Config): string {
  return config.masterKey !== null ? 'the YONDER_MASTER_KEY setting' : `the key file ${config.masterKeyFile}`;
}

function keyIds(ids: string[]): string {
  return ids.length === 0 ? 'no master key (it holds nothing sealed yet)' : `master key ${ids.join(' and ')}`;
}

/**
 * After a restore: whether the key this configuration gives yonder opens the restored store, said
 * now rather than as a refusal at the next start.
 */
function keyWarning(config: Config, sealedWith: string[]): string | null {
  if (sealedWith.length === 0) return null;
  let configured: string;
  try {
    configured = loadMasterKey(config, { mayCreate: false }).id;
  } catch {
    return `there is no master key at ${keyLocation(config)}: put the key this store was sealed with there (or set YONDER_MASTER_KEY) before starting yonder`;
  }
  if (sealedWith.includes(configured)) return null;
  return `${keyLocation(config)} is master key ${configured}, not the one this store was sealed with: yonder will refuse to start until it has that key`;
}

export function registerBackupCommands(program: Command, config: () => Config): void {
  program
    .command('backup <file>')
    .description(
      'copy the SQLite store, while yonder runs, to a new file: a consistent snapshot, progress on stderr. ' +
        'The master key is not in it (sealed secrets stay sealed): back the key up separately',
    )
    .action(async (file: string) => {
      const cfg = config();
      const source = sqliteFile(cfg, 'backup');
      const target = resolve(file);
      const { bar, report } = progressOf('backup');
      const copied = await backupSqlite(source, target, report);
      bar.finish(copied.pages);
      const mebibytes = (statSync(target).size / 2 ** 20).toFixed(1);
      process.stderr.write(
        `backup: ${source} copied to ${target} (${mebibytes} MiB), sealed with ${keyIds(copied.sealedWith)}. It holds no master key: ` +
          `keep ${keyLocation(cfg)} backed up too, apart from this file; without it the copy's secrets and signing keys cannot be opened\n`,
      );
    });

  program
    .command('restore <file>')
    .description('make a backup file the SQLite store of DATABASE_URL; the data directory must be empty or not exist yet')
    .action(async (file: string) => {
      const cfg = config();
      const target = sqliteFile(cfg, 'restore');
      const { bar, report } = progressOf('restore');
      const restored = await restoreSqlite(resolve(file), target, report);
      bar.finish(restored.pages);
      process.stderr.write(`restore: ${resolve(file)} is now the store at ${target}, sealed with ${keyIds(restored.sealedWith)}\n`);
      const warning = keyWarning(cfg, restored.sealedWith);
      if (warning) process.stderr.write(`restore: warning: ${warning}\n`);
    });
}
