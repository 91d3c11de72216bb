import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ServerProcess, bannerExports, runCli } from '../support/process.js';

/**
 * What a copy of the SQLite file is worth without the master key: a server started on it (which
 * makes itself a new key file, as a first start does) refuses to start, so it accepts and signs
 * nothing. The original, beside its key file, keeps working. No YONDER_MASTER_KEY here: the key
 * file the first start creates beside the data directory is the key.
 */
describe('a copy of the SQLite database without its master key file', () => {
  const root = mkdtempSync(join(tmpdir(), 'yonder-copy-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const noKey = { YONDER_MASTER_KEY: '', PUBLIC_URL: 'http://localhost:8080' };

  it('starts no server and no command, with no key or another key; the original still serves its tokens', async () => {
    const original = join(root, 'site', 'data', 'yonder.db');
    const server = await ServerProcess.start({ ...noKey, DATABASE_URL: `sqlite:${original}` });
    const vars = bannerExports(server.banner());
    expect(statSync(join(root, 'site', 'yonder-master.key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(root, 'site', 'data')).mode & 0o777).toBe(0o700);
    expect(await server.stop()).toBe(0);

    // Stopped cleanly, the file alone is the store (its WAL checkpointed): copy it elsewhere.
    const copy = join(root, 'elsewhere', 'data', 'yonder.db');
    mkdirSync(join(root, 'elsewhere', 'data'), { recursive: true });
    copyFileSync(original, copy);
    const elsewhereKey = join(root, 'elsewhere', 'yonder-master.key');
    await expect(ServerProcess.start({ ...noKey, DATABASE_URL: `sqlite:${copy}` })).rejects.toThrow(/sealed with a master key.*no key file/);
    // No key file is made for it: one would open nothing, and sit where the right one belongs.
    expect(existsSync(elsewhereKey)).toBe(false);
    // With a key of its own, the copy still does not open.
    writeFileSync(elsewhereKey, randomBytes(32).toString('base64'), { mode: 0o600 });
    const cli = await runCli(['tenant', 'show'], { ...noKey, DATABASE_URL: `sqlite:${copy}` });
    expect(cli.code).not.toBe(0);
    expect(cli.stderr).toMatch(/sealed with master key [0-9a-f]{16}/);

    const again = await ServerProcess.start({ ...noKey, DATABASE_URL: `sqlite:${original}` });
    try {
      const realm = await fetch(`${again.url}/v1/tenants/${vars.TENANT_ID}/realms/${vars.REALM_ID}`, {
        headers: { authorization: `Bearer ${vars.YONDER_TOKEN}` },
      });
      expect(realm.status).toBe(200);
    } finally {
      await again.stop();
    }
  });
});
