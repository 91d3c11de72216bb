import { type Command, Option } from 'commander';
import { exportEvents, exportWindow } from '../services/audit/export.js';
import { pruneEvents } from '../services/audit/retention.js';
import type { Yonder } from '../services/context.js';
import { parseDuration } from './duration.js';

type WithYonder = <T>(work: (y: Yonder) => Promise<T>) => Promise<T>;

/** How the CLI finds the tenant and, when one is named, the realm an export reads. */
export interface EventCommandContext {
  withYonder: WithYonder;
  scopeOf: (y: Yonder, target: { tenant?: string; realm?: string }) => Promise<{ tenantId: string; realmId?: string }>;
}

/** `--since 24h` means 24 hours before now; anything else is an RFC 3339 time. */
function timeOrAgo(text: string, now: number): string {
  return /^\d+[smhd]?$/.test(text.trim()) ? new Date(now - parseDuration(text) * 1000).toISOString() : text;
}

/** Writes a line to stdout, waiting when its buffer is full: the store is read no faster than stdout drains. */
function writeLine(line: string): Promise<void> | undefined {
  if (process.stdout.write(line)) return undefined;
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      process.stdout.off('error', onError);
      resolve();
    };
    const onError = (error: Error) => {
      process.stdout.off('drain', onDrain);
      reject(error);
    };
    process.stdout.once('drain', onDrain);
    process.stdout.once('error', onError);
  });
}

/** `yonder events prune` (what `serve` does every hour) and `yonder events export`. */
export function registerEventCommands(program: Command, context: EventCommandContext): void {
  const { withYonder } = context;
  const events = program.command('events').description('audit events');
  events
    .command('prune')
    .description('delete audit events older than AUDIT_RETENTION_DAYS (default 90; 0 keeps them all)')
    .action(async () => {
      await withYonder(async (y) => {
        const { deleted, cutoff } = await pruneEvents(y);
        process.stdout.write(
          cutoff === null ? 'retention is off (AUDIT_RETENTION_DAYS=0): nothing deleted\n' : `deleted ${deleted} events created before ${cutoff}\n`,
        );
      });
    });
  events
    .command('export')
    .description('write audit events to stdout, oldest first, one JSON object per line (the shape GET .../events answers)')
    .requiredOption('--since <time>', 'events at or after this RFC 3339 time, or this long ago (e.g. 24h, 7d)')
    .option('--until <time>', 'events before this RFC 3339 time, or this long ago (default: now)')
    .addOption(new Option('--format <format>', 'output format').choices(['ndjson']).default('ndjson'))
    .option('--tenant <id>', 'tenant id (default: the only tenant)')
    .option('--realm <id-or-name>', "one realm's events (default: every realm of the tenant)")
    .action(async (options: { since: string; until?: string; tenant?: string; realm?: string }) => {
      const now = Date.now();
      await withYonder(async (y) => {
        const window = exportWindow(
          timeOrAgo(options.since, now),
          options.until === undefined ? new Date(now).toISOString() : timeOrAgo(options.until, now),
        );
        const scope = await context.scopeOf(y, options);
        let closed = false;
        // A reader that stops early (`| head`) closes the pipe: the export ends there, without an error.
        process.stdout.on('error', (error: NodeJS.ErrnoException) => {
          if (error.code === 'EPIPE') closed = true;
        });
        try {
          await exportEvents(y, scope, window, (event) => {
            if (closed) throw new ClosedOutput();
            return writeLine(`${JSON.stringify(event)}\n`);
          });
        } catch (error) {
          if (!(error instanceof ClosedOutput) && (error as NodeJS.ErrnoException).code !== 'EPIPE') throw error;
        }
      });
    });
}

class ClosedOutput extends Error {}
