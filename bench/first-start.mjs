import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A first start writes its banner (the ids, the admin token, the client secret) to a file only its
// owner can read when stderr is not a terminal, as under the bench: never to stdout. Each server
// the bench starts gets a file of its own, named in YONDER_FIRST_START_FILE.

/** A fresh path for one server's banner. */
export function newBannerFile() {
  return join(mkdtempSync(join(tmpdir(), 'yonder-bench-banner-')), 'first-start.txt');
}

/** The banner once it is whole (its export lines written), else undefined. */
export function readBanner(file) {
  try {
    const text = readFileSync(file, 'utf8');
    return text.includes('export YONDER_TOKEN=') ? text : undefined;
  } catch {
    return undefined;
  }
}
