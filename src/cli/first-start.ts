import { closeSync, fchmodSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Where the first start's secrets (admin token, client secret, console link) go. Never stdout: that
 * is the JSON log's stream, which ends up in journals, log shippers and CI output. To a person at a
 * terminal they are shown on stderr; otherwise (a service, a container, a pipe) they are written to
 * a file only its owner can read, and the caller logs where it is.
 */
export type FirstStartDelivery = { shown: 'terminal' } | { shown: 'file'; file: string };

/** Where a person may be reading: stderr, unless it is no terminal. */
export interface Terminal {
  isTTY?: boolean;
  write(text: string): unknown;
}

export function deliverFirstStart(banner: string, file: string, terminal: Terminal = process.stderr): FirstStartDelivery {
  if (terminal.isTTY === true) {
    terminal.write(banner);
    return { shown: 'terminal' };
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const fd = openSync(file, 'w', 0o600);
  try {
    // An older file keeps its mode on open: narrow it before anything secret is written.
    fchmodSync(fd, 0o600);
    writeSync(fd, banner);
  } finally {
    closeSync(fd);
  }
  return { shown: 'file', file };
}
