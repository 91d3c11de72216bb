import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BUILT = join(ROOT, 'dist', 'console', 'index.html');

/** The newest modification time of any file under `dir`. */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/**
 * The browser tests drive the built console (yonder serves dist/console). Build it when it is
 * missing (a fresh clone that ran only `npm ci`) or older than its sources, so a test never runs
 * against a stale app. A build takes a couple of seconds. The console also imports the server's
 * domain lists (event types, scopes), so those count as its sources too.
 */
export default function setup(): void {
  if (existsSync(BUILT) && statSync(BUILT).mtimeMs >= Math.max(newest(join(ROOT, 'console')), newest(join(ROOT, 'src', 'domain')))) return;
  execFileSync(join(ROOT, 'node_modules', '.bin', 'vite'), ['build', '-c', 'console/vite.config.ts'], { cwd: ROOT, stdio: 'inherit' });
}
