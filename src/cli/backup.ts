import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Config } from '../config.js';
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
      const pages = await backupSqlite(source, target, report);
      bar.finish(pages);
      const mebibytes = (statSync(target).size / 2 ** 20).toFixed(1);
      process.stderr.write(
        `backup: ${source} copied to ${target} (${mebibytes} MiB). It holds no master key: ` +
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
      const pages = await restoreSqlite(resolve(file), target, report);
      bar.finish(pages);
      process.stderr.write(`restore: ${resolve(file)} is now the store at ${target}\n`);
      if (cfg.masterKey === null && !existsSync(cfg.masterKeyFile)) {
        process.stderr.write(
          `restore: there is no master key file at ${cfg.masterKeyFile}: put the key this store was sealed with there ` +
            '(or set YONDER_MASTER_KEY) before starting yonder, which refuses a store whose key it does not have\n',
        );
      }
    });
}
