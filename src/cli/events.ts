import type { Command } from 'commander';
import { pruneEvents } from '../services/audit/retention.js';
import type { Yonder } from '../services/context.js';

type WithYonder = <T>(work: (y: Yonder) => Promise<T>) => Promise<T>;

/** `yonder events prune`: what `yonder serve` does every hour, on demand (e.g. from cron). */
export function registerEventCommands(program: Command, withYonder: WithYonder): void {
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
}
