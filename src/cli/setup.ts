import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { bootstrapIfEmpty, openYonder } from '../services/bootstrap.js';
import { storePresence } from '../store/presence.js';
import { deliverFirstStart } from './first-start.js';
import { bootstrapBanner, printJson } from './output.js';
import { type EffectiveConfig, SETTING_NAMES, maskedUrl, settingValues, writeSettingsFile } from './settings.js';

/**
 * Refuses a missing store, or one holding no tenant, before anything is opened: opening would make
 * the SQLite file (or migrate an empty database), and a tenant made by a stray command has an admin
 * token and client secret nobody asked for.
 */
export async function requireStore(databaseUrl: string): Promise<void> {
  const presence = await storePresence(databaseUrl);
  if (presence === 'ready') return;
  const where = databaseUrl.startsWith('sqlite:') ? `at ${resolve(databaseUrl.slice('sqlite:'.length))}` : `in ${maskedUrl(databaseUrl)}`;
  throw new Error(
    [
      `${presence === 'missing' ? 'no yonder store' : 'no tenant in the store'} ${where}; nothing was created.`,
      '  Start the server once (yonder serve, or npm start) or run yonder init to create it,',
      '  or point DATABASE_URL (or --database-url) at the store the server uses.',
    ].join('\n'),
  );
}

/** What `yonder config` says of the store DATABASE_URL names, without creating or changing it. */
async function describeStore(databaseUrl: string): Promise<string> {
  try {
    const presence = await storePresence(databaseUrl);
    if (presence === 'ready') return 'holds a tenant';
    return presence === 'missing' ? 'missing (yonder serve or yonder init creates it)' : 'no tenant yet (yonder serve or yonder init creates it)';
  } catch (error) {
    return `unreachable: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Writes the settings file when there is none yet; says so on stderr. */
export function writeSettingsOnce(effective: EffectiveConfig, say: (line: string) => void): void {
  if (effective.file && writeSettingsFile(effective.file, effective.config)) {
    say(`wrote PUBLIC_URL, PORT and HOST to ${effective.file}: every yonder command on this store reads them`);
  }
}

interface SetupContext {
  effective(options: { port?: string; host?: string; publicUrl?: string }): EffectiveConfig;
  listenOptions(command: Command): Command;
}

export function registerSetupCommands(program: Command, ctx: SetupContext): void {
  ctx
    .listenOptions(
      program
        .command('init')
        .description(
          'create the store, its tenant and the settings file without starting the server (as the first serve does); ' +
            'prints the admin token, client secret and console link once. On a store that has a tenant it changes nothing',
        ),
    )
    .action(async (options: { port?: string; host?: string; publicUrl?: string }) => {
      const effective = ctx.effective(options);
      const { config } = effective;
      const yonder = await openYonder(config);
      try {
        const bootstrap = await bootstrapIfEmpty(yonder);
        writeSettingsOnce(effective, (line) => process.stderr.write(`yonder: ${line}\n`));
        if (!bootstrap) {
          process.stderr.write('yonder: the store already holds a tenant; nothing else to do\n');
          return;
        }
        const delivered = deliverFirstStart(bootstrapBanner(bootstrap, config.publicUrl), config.firstStartFile);
        if (delivered.shown === 'file') {
          process.stderr.write(`yonder: created the tenant; the admin token, client secret and console link are in ${delivered.file}\n`);
        }
      } finally {
        await yonder.store.close();
        yonder.mailer.close();
      }
    });

  program
    .command('config')
    .description('show the configuration the server and every command run with, where each setting comes from, secrets hidden')
    .option('--json', 'print it as JSON')
    .action(async (options: { json?: boolean }) => {
      const effective = ctx.effective({});
      const values = settingValues(effective);
      const store = await describeStore(effective.config.databaseUrl);
      if (options.json) {
        printJson({ ...Object.fromEntries(SETTING_NAMES.map((name) => [name, { value: values[name], source: effective.sources[name] }])), store });
        return;
      }
      const lines = SETTING_NAMES.map((name) => `${name}=${values[name]}`);
      const width = Math.max(...lines.map((line) => line.length));
      const file = effective.file;
      process.stdout.write(
        [
          file === null
            ? '# settings file: none (PostgreSQL has no data directory: name one with YONDER_CONFIG)'
            : `# settings file: ${file}${existsSync(file) ? '' : ' (not written yet: the first serve or init writes it)'}`,
          `# store: ${store}`,
          ...lines.map((line, i) => `${line.padEnd(width)}  # ${effective.sources[SETTING_NAMES[i]!]}`),
          '',
        ].join('\n'),
      );
    });
}
