import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SETTING_NAMES } from '../../src/cli/settings.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

describe("the operator's guide", () => {
  it('docs/OPERATING.md has a row in its configuration reference for every setting yonder reads', () => {
    const guide = read('docs/OPERATING.md');
    const reference = guide.slice(guide.search(/^## [\d. ]*Configuration reference$/m));
    expect(reference.length).toBeLessThan(guide.length);
    const missing = SETTING_NAMES.filter((name) => !reference.includes(`| \`${name}\` |`));
    expect(missing).toEqual([]);
  });

  it('every setting src/config.ts reads is one `yonder config` shows (and so one the reference must list)', () => {
    const source = read('src/config.ts') + read('src/config-metrics.ts') + read('src/config-outbound.ts');
    const names = new Set([...source.matchAll(/\benv\.([A-Z][A-Z0-9_]+)/g)].map((m) => m[1]));
    expect([...names].filter((name) => !(SETTING_NAMES as readonly string[]).includes(name!))).toEqual([]);
  });

  it('the README links it, and the LICENSE is the Apache-2.0 that package.json names', () => {
    expect(read('README.md')).toContain('](docs/OPERATING.md)');
    expect(JSON.parse(read('package.json')).license).toBe('Apache-2.0');
    const license = read('LICENSE');
    expect(license).toMatch(/^\s+Apache License\n\s+Version 2\.0, January 2004\n/);
    expect(license).toContain('END OF TERMS AND CONDITIONS');
  });
});
