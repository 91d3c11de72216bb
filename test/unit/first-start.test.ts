import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deliverFirstStart } from '../../src/cli/first-start.js';

describe('the first start delivers its secrets to a person, never to the log stream', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yonder-first-start-unit-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const banner = 'export YONDER_TOKEN=eyJ.secret.token\n';

  it('at a terminal (stderr is a TTY) the banner is written there and no file is made', () => {
    const written: string[] = [];
    const file = join(dir, 'tty', 'first-start.txt');
    expect(deliverFirstStart(banner, file, { isTTY: true, write: (text) => written.push(text) })).toEqual({ shown: 'terminal' });
    expect(written).toEqual([banner]);
    expect(existsSync(file)).toBe(false);
  });

  it('otherwise the banner goes to a file only its owner reads, even one that existed with a wider mode', () => {
    const written: string[] = [];
    const file = join(dir, 'first-start.txt');
    writeFileSync(file, 'old', { mode: 0o644 });
    expect(deliverFirstStart(banner, file, { isTTY: false, write: (text) => written.push(text) })).toEqual({ shown: 'file', file });
    expect(written).toEqual([]);
    expect(readFileSync(file, 'utf8')).toBe(banner);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
