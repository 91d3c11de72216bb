import type { Command } from 'commander';

/** A command's full name below `yonder`: `token create`. */
export function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** The commands that do something (those without subcommands), depth first. */
export function leafCommands(command: Command): Command[] {
  return command.commands.flatMap((c) => (c.commands.length === 0 ? [c] : leafCommands(c)));
}

/**
 * Shows each command's example under its own `--help`, and all of them, beside the commands'
 * names, at the end of `yonder --help`.
 */
export function addExamples(program: Command, examples: Record<string, string>): void {
  const shown: [string, string][] = [];
  for (const command of leafCommands(program)) {
    const path = commandPath(command);
    const example = examples[path];
    if (example === undefined) continue;
    command.addHelpText('after', `\nExample:\n  $ ${example}\n`);
    shown.push([path, example]);
  }
  const width = Math.max(...shown.map(([path]) => path.length));
  program.addHelpText(
    'after',
    [
      '',
      'Examples (each command has --help):',
      ...shown.map(([path, example]) => `  ${path.padEnd(width)}  $ ${example}`),
      '',
      'Every command reads the configuration `yonder serve` runs with: the environment, then yonder.conf in',
      'the data directory (see `yonder config`). Only serve and init create a store.',
      '',
    ].join('\n'),
  );
}
