import { createReadStream, statSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { BULK_BATCH_SIZE, type ImportSummary, importIdentities, seedGroups, seedIdentities } from '../services/bulk.js';
import type { Yonder } from '../services/context.js';
import type { RealmRef } from '../services/identities.js';
import { csvItems, ndjsonItems } from './import-readers.js';
import { printJson } from './output.js';
import { ProgressBar } from './progress.js';

interface Target {
  tenant?: string;
  realm?: string;
}

/** What main.ts lends these commands, so they open the store and find realms as every command does. */
export interface BulkCommandContext {
  withYonder<T>(work: (y: Yonder) => Promise<T>): Promise<T>;
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
    .description('import identities from NDJSON or CSV (v1 identity or SCIM User shape); re-running skips usernames already there')
    .addOption(new Option('--format <format>', 'input format (default: from the file name)').choices(['ndjson', 'csv']))
    .addOption(batchSizeOption())
    .addOption(ctx.tenantOption)
    .addOption(ctx.realmOption)
    .action(async (file: string, options: Target & { format?: 'ndjson' | 'csv'; batchSize?: number }) => {
      const format = options.format ?? (/\.csv$/i.test(file) ? 'csv' : 'ndjson');
      const size = file === '-' ? 0 : statSync(file).size;
      await ctx.withYonder(async (y) => {
        const ref = await ctx.realmOf(y, options);
        const input = file === '-' ? process.stdin : createReadStream(file);
        let bytes = 0;
        input.on('data', (chunk: Buffer | string) => (bytes += chunk.length));
        const bar = new ProgressBar('import');
        const items = format === 'csv' ? csvItems(input) : ndjsonItems(input);
        const summary = await importIdentities(y, ref, items, {
          ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
          onProgress: (s) => bar.update(s.read, size > 0 ? bytes / size : 0),
        });
        bar.finish(summary.read);
        process.stderr.write(`${cpuLine()}\n${describeSummary(summary)}`);
        printJson(summary);
      });
    });
}

/**
 * Identities per transaction. The default keeps SQLite's one write lock for well under a second,
 * so a yonder serving the same file meanwhile only waits. A load nobody else is writing to goes
 * faster with more: each transaction rewrites the index pages it touched, and at a million
 * identities 5,000 random usernames touch most of them (1M on SQLite: about 155 s at 5,000,
 * 115 s at 50,000, with some 500 MiB more memory).
 */
function batchSizeOption(): Option {
  return new Option('--batch-size <count>', `identities per transaction (default ${BULK_BATCH_SIZE}; more is faster when nothing else writes)`).argParser(
    (value) => {
      const n = parseCount(value);
      if (n < 1 || n > 100_000) throw new Error(`--batch-size must be between 1 and 100000, got ${value}`);
      return n;
    },
  );
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
