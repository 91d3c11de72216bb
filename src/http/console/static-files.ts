import { readFileSync, readdirSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The console's built files (`vite build` writes them to `dist/console/`), served from a list made
 * by walking that folder: a request can only ever name a file of the list, so no path, however
 * encoded, reaches anything else. The same path from `src/admin-console/` (tests, tsx) and from
 * `dist/admin-console/` (the built server).
 */
export const DEFAULT_CONSOLE_DIR = fileURLToPath(new URL('../../../dist/console/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

export interface ConsoleFile {
  path: string;
  type: string;
  /** Vite's `assets/` files carry a content hash in their names: cacheable for ever. */
  immutable: boolean;
}

/** How often a request for a file not on the list may walk the folder again (a rebuild while running). */
const REWALK_MS = 2000;

export class ConsoleFiles {
  private files = new Map<string, ConsoleFile>();
  private walkedAt = 0;

  constructor(readonly dir: string = DEFAULT_CONSOLE_DIR) {}

  private walk(): void {
    const files = new Map<string, ConsoleFile>();
    const visit = (folder: string) => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        if (entry.name.startsWith('.')) continue;
        const path = join(folder, entry.name);
        if (entry.isDirectory()) visit(path);
        else if (entry.isFile()) {
          const name = relative(this.dir, path).split('\\').join('/');
          const type = TYPES[extname(entry.name).toLowerCase()] ?? 'application/octet-stream';
          files.set(name, { path, type, immutable: name.startsWith('assets/') });
        }
      }
    };
    try {
      visit(this.dir);
    } catch {
      // Not built (yet): an empty list, and the console answers 503.
    }
    this.files = files;
    this.walkedAt = Date.now();
  }

  /** The file at `name` (relative to the console's root, e.g. `assets/index-3f2a.js`). */
  file(name: string): ConsoleFile | undefined {
    let found = this.files.get(name);
    if (!found && Date.now() - this.walkedAt > REWALK_MS) {
      this.walk();
      found = this.files.get(name);
    }
    return found;
  }

  /** index.html, read afresh each time (it is small and names the current build's assets); null when not built. */
  index(): string | null {
    const index = this.file('index.html');
    if (!index) return null;
    try {
      return readFileSync(index.path, 'utf8');
    } catch {
      this.walkedAt = 0;
      return null;
    }
  }
}
