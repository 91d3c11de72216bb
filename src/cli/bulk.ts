import { statSync } from 'node:fs';
import { type Command, Option } from 'commander';
import {
  BULK_BATCH_SIZE,
  type ImportSummary,
  MAX_BATCH_SIZE,
  MIN_BATCH_SIZE,
  RECORDS_PER_BATCH,
  importIdentityBatches,
  seedGroups,
  seedIdentities,
} from '../services/directory/bulk.js';
import type { Yonder } from '../services/context.js';
import type { RealmRef } from '../services/directory/identities.js';
import { type ImportFormat, SCIM_CSV_COLUMNS, V1_CSV_COLUMNS } from './import-readers.js';
import { workerBatches } from './import-source.js';
import { printJson } from './output.js';
import { ProgressBar } from './progress.js';

interface Target {
  tenant?: string;
  realm?: string;
}

/** What main.ts lends these commands, so they open the store and find realms as every command does. */
export interface BulkCommandContext {
  withYonder<T>(work: (y: Yonder) => Promise<T>, options?: { exclusive?: boolean }): Promise<T>;
  realmOf(y: Yonder, target: Target): Promise<RealmRef>;
  tenantOption: Option;
  realmOption: Option;
}

export function registerBulkCommands(program: Command, ctx: BulkCommandContext): void {
  program
    .command('seed')
    .description('fill a realm with made-up identities, fast (batched inserts in transactions)')
    .requiredOption('--identities <count>', 'how many identities, e.g. 1000000', parseCount)
    .option('--groups <count>', 'how many groups to add as well (named "seed group N")', parseCount)
    .addOption(batchSizeOption())
    .addOption(ctx.tenantOption)
    .addOption(ctx.realmOption)
    .action(async (options: Target & { identities: number; groups?: number; batchSize?: number }) => {
      await ctx.withYonder(async (y) => {
        const ref = await ctx.realmOf(y, options);
        const bar = new ProgressBar('seed');
        const total = options.identities;
        const summary = await seedIdentities(y, ref, total, {
          ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
          onProgress: (s) => bar.update(s.read, s.read / total),
        });
        bar.finish(summary.read);
        const groups = options.groups === undefined ? undefined : await seedGroups(y, ref, options.groups);
        process.stderr.write(`${cpuLine()}\n`);
        printJson({ ...withoutRejections(summary), ...(groups === undefined ? {} : { groups }) });
      });
    });

  program
    .command('import <file>')
    .description(
      'import identities from NDJSON or CSV (v1 identity or SCIM User shape; FILE - reads stdin); re-running skips usernames already there',
    )
    .addOption(
      new Option(
        '--format <format>',
        'input format (default: .csv is CSV, .ndjson, .jsonl and .json are NDJSON; otherwise the first line says)',
      ).choices(['ndjson', 'csv']),
    )
    .addOption(batchSizeOption())
    .addOption(
      new Option(
        '--offline',
        'faster, for a store nothing else uses meanwhile: the whole import is one transaction (all or nothing), and on ' +
          'SQLite the list indexes are built after the rows are in. SQLite: the file is held for this import alone; it ' +
          'refuses to start while another process (a yonder serve) has it open, and no other can open it until it ends',
      ),
    )
    .addOption(ctx.tenantOption)
    .addOption(ctx.realmOption)
    .addHelpText('after', importColumnsHelp())
    .action(async (file: string, options: Target & { format?: ImportFormat; batchSize?: number; offline?: boolean }) => {
      const format = options.format ?? formatOfName(file);
      const size = file === '-' ? 0 : statSync(file).size;
      const offline = options.offline ?? false;
      await ctx.withYonder(
        async (y) => {
          const ref = await ctx.realmOf(y, options);
          let bytes = 0;
          const bar = new ProgressBar('import');
          const longest = { rows: 0, ms: 0 };
          const batches = workerBatches(
            {
              path: file,
              format,
              recordsPerBatch: RECORDS_PER_BATCH,
              // The worker checks and packs several times faster than rows are written: a few
              // batches ahead keep the writer fed while memory stays small.
              maxInFlight: 16,
            },
            (read) => (bytes = read),
          );
          const summary = await importIdentityBatches(y, ref, batches, {
            ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
            offline,
            onTransaction: (rows, ms) => {
              if (ms > longest.ms) Object.assign(longest, { rows, ms });
            },
            // NDJSON identities run to about 200 bytes a line.
            ...(size > 0 ? { expectedRecords: Math.ceil(size / 200) } : {}),
            onProgress: (s) => bar.update(s.read, size > 0 ? bytes / size : 0),
            onIndexing: () => bar.note('building the list indexes'),
          });
          bar.finish(summary.read);
          const held = offline
            ? 'one transaction'
            : `longest transaction ${(longest.ms / 1000).toFixed(2)}s (${longest.rows.toLocaleString('en-US')} identities)`;
          process.stderr.write(`${cpuLine()}; ${held}\n${describeSummary(summary)}`);
          printJson(summary);
          // A script must see that rows were left out; the others are imported and stay.
          if (summary.rejected > 0) {
            process.stderr.write(`exit status ${IMPORT_REJECTED_EXIT}: ${summary.rejected} rejected\n`);
            process.exitCode = IMPORT_REJECTED_EXIT;
          }
        },
        { exclusive: offline },
      );
    });
}

/** `yonder import`'s exit status when it finished but rejected rows (1 is a failure before the end). */
export const IMPORT_REJECTED_EXIT = 2;

/** What a file's name says of its format; `auto` when it says nothing (stdin, `.txt`). */
function formatOfName(file: string): ImportFormat | 'auto' {
  if (/\.csv$/i.test(file)) return 'csv';
  if (/\.(ndjson|jsonl|json)$/i.test(file)) return 'ndjson';
  return 'auto';
}

function importColumnsHelp(): string {
  const scim = Object.entries(SCIM_CSV_COLUMNS).map(([column, others]) => (others.length > 0 ? `${column} (or ${others.join(', ')})` : column));
  return [
    '',
    'NDJSON: one identity a line, as the v1 API takes it ({"display_name", "status", "traits": {...}}, or wrapped',
    'in {"identity": ...}), or a SCIM User ({"userName", "name": {"givenName", "familyName"}, "emails", ...}).',
    '',
    'CSV: a header row, then one identity a row. Columns of the v1 shape (a trait may be written traits.NAME):',
    `  ${V1_CSV_COLUMNS.join(', ')}`,
    'A header with userName is read as SCIM Users instead; its columns, and no others:',
    `  ${scim.join(', ')}`,
    '',
    `Exit status: 0 when every row was imported or skipped, ${IMPORT_REJECTED_EXIT} when some were rejected (the rest are`,
    'imported; the summary lists the rejected lines), 1 when the import failed.',
  ].join('\n');
}

/**
 * Identities per transaction. By default transactions adapt to take about a second each, so a
 * yonder serving the same SQLite file meanwhile waits at most about that long for the write lock
 * (its busy timeout is 5 s), and the importer leaves the lock free between them.
 */
function batchSizeOption(): Option {
  return new Option(
    '--batch-size <count>',
    `identities per transaction (default: adapts from ${BULK_BATCH_SIZE} to take about a second each, between ${MIN_BATCH_SIZE} and ${MAX_BATCH_SIZE})`,
  ).argParser((value) => {
    const n = parseCount(value);
    if (n < 1 || n > 100_000) throw new Error(`--batch-size must be between 1 and 100000, got ${value}`);
    return n;
  });
}

/** Wall and CPU time of this process: on a busy machine the two differ a lot. */
function cpuLine(): string {
  const { user, system } = process.cpuUsage();
  return `done in ${process.uptime().toFixed(1)}s wall, ${(user / 1e6).toFixed(1)}s user + ${(system / 1e6).toFixed(1)}s system CPU`;
}

function parseCount(value: string): number {
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 0) throw new Error(`expected a whole number, got "${value}"`);
  return n;
}

function withoutRejections(summary: ImportSummary) {
  const { rejections, ...rest } = summary;
  return rejections.length > 0 ? summary : rest;
}

function describeSummary(s: ImportSummary): string {
  const lines = [
    `read ${s.read}, imported ${s.imported}, skipped ${s.skipped} (username already in the realm), rejected ${s.rejected}`,
    ...s.rejections.map((r) => `  line ${r.line}: ${r.reason}`),
  ];
  if (s.rejected > s.rejections.length) lines.push(`  ... and ${s.rejected - s.rejections.length} more`);
  return `${lines.join('\n')}\n`;
}
