#!/usr/bin/env node
/**
 * Builds the server (tsc) and the Admin Console (Vite). With --if-stale (what `npm start` and
 * `npm run yonder` use) each part is built only when a file it is made from is newer than its last
 * build, so starting yonder or running a command does not spend seconds rebuilding what is there.
 * The compilers' output goes to stderr: stdout is the command's own (a token, JSON).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ifStale = process.argv.includes('--if-stale');

/** The newest modification time under `path` (a file or a folder), in milliseconds. */
function newest(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

const shared = ['package.json', 'package-lock.json', 'tsconfig.json'];
const parts = [
  {
    name: 'server',
    stamp: 'dist/.built-server',
    inputs: [...shared, 'tsconfig.build.json', 'src'],
    command: ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'],
  },
  {
    name: 'console',
    // The console imports a few of the server's domain modules.
    stamp: 'dist/.built-console',
    inputs: [...shared, 'console', 'src/domain'],
    command: ['node_modules/vite/bin/vite.js', 'build', '-c', 'console/vite.config.ts'],
  },
];

for (const part of parts) {
  const stamp = join(root, part.stamp);
  const stale = !existsSync(stamp) || Math.max(...part.inputs.map((input) => newest(join(root, input)))) > statSync(stamp).mtimeMs;
  if (ifStale && !stale) continue;
  process.stderr.write(`yonder: building the ${part.name}\n`);
  const startedAt = new Date();
  execFileSync(process.execPath, part.command, { cwd: root, stdio: ['ignore', process.stderr, process.stderr] });
  // Stamped with the time the build began: a source saved during the build makes the next one run.
  writeFileSync(stamp, '');
  utimesSync(stamp, startedAt, startedAt);
}
