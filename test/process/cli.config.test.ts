import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, ServerProcess, TEST_KEY_ENV, freePort, runCli } from '../support/process.js';

/**
 * Issue 23, "Server and CLI must agree": one configuration for `serve` and every command (the
 * environment, then yonder.conf in the data directory, which the first start writes), and no
 * command but serve and init creates a store. On SQLite: the probe and the settings file take the
 * same path on PostgreSQL (cli.import starts its PostgreSQL stores with init).
 */
describe('the server and the command line agree', () => {
  const root = mkdtempSync(join(tmpdir(), 'yonder-agree-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('a command on a missing or empty store creates nothing, says what to do, and exits non-zero', async () => {
    const data = join(root, 'missing', 'data');
    const env = { DATABASE_URL: `sqlite:${join(data, 'yonder.db')}` };
    for (const args of [['tenant', 'show'], ['token', 'create', '--scopes', 'all'], ['console-link'], ['migrate'], ['import', '-']]) {
      const result = await runCli(args, env);
      expect(result.code, args.join(' ')).not.toBe(0);
      expect(result.stderr).toContain(`no yonder store at ${join(data, 'yonder.db')}; nothing was created`);
      expect(result.stderr).toContain('yonder init');
      expect(result.banner).toBe('');
    }
    expect((await runCli(['config'], env)).stdout).toContain('# store: missing (yonder serve or yonder init creates it)');
    expect(existsSync(join(root, 'missing'))).toBe(false);

    // A file that holds no tenant (an empty file, a store only migrated) is no store either.
    const empty = join(root, 'empty.db');
    writeFileSync(empty, '');
    const refused = await runCli(['realm', 'list'], { DATABASE_URL: `sqlite:${empty}` });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('no tenant in the store');
    expect(readFileSync(empty, 'utf8')).toBe('');
  });

  it('commands read the settings the first serve wrote: their tokens carry its issuer, console-link names its URL', async () => {
    const data = join(root, 'served', 'data');
    const DATABASE_URL = `sqlite:${join(data, 'yonder.db')}`;
    const server = await ServerProcess.start({ DATABASE_URL });
    try {
      // The server ran with PORT (and so PUBLIC_URL) from its environment, which commands do not see.
      const publicUrl = server.url.replace('127.0.0.1', 'localhost');
      const settings = readFileSync(join(data, 'yonder.conf'), 'utf8');
      expect(settings).toContain(`PUBLIC_URL=${publicUrl}\n`);
      expect(settings).toContain(`PORT=${new URL(server.url).port}\n`);

      const minted = await runCli(['token', 'create', '--scopes', 'realms:read', '--ttl', '1h'], { DATABASE_URL });
      expect(minted.code, minted.stderr).toBe(0);
      const tenant = JSON.parse((await runCli(['tenant', 'show'], { DATABASE_URL })).stdout);
      const realms = await fetch(`${server.url}/v1/tenants/${tenant.id}/realms`, { headers: { authorization: `Bearer ${minted.stdout.trim()}` } });
      expect(realms.status).toBe(200);

      const link = await runCli(['console-link'], { DATABASE_URL });
      expect(link.code, link.stderr).toBe(0);
      expect(link.stdout.startsWith(`${publicUrl}/v1/tenants/${tenant.id}/`)).toBe(true);

      const shown = await runCli(['config'], {
        DATABASE_URL,
        SMTP_URL: 'smtp://mailer:hunter2@mail.example.com:587',
        YONDER_MASTER_KEY: TEST_KEY_ENV.YONDER_MASTER_KEY!,
      });
      expect(shown.code, shown.stderr).toBe(0);
      expect(shown.stdout).toContain(`# settings file: ${join(data, 'yonder.conf')}\n# store: holds a tenant\n`);
      expect(shown.stdout).toMatch(new RegExp(`^PUBLIC_URL=${publicUrl} +# settings file$`, 'm'));
      expect(shown.stdout).toMatch(/^SMTP_URL=smtp:\/\/mailer:\*{5}@mail\.example\.com:587 +# environment$/m);
      expect(shown.stdout).toMatch(/^YONDER_MASTER_KEY=\(set, hidden\) +# environment$/m);
      expect(shown.stdout).toMatch(new RegExp(`^OUTBOX_DIR=${join(data, 'outbox')} +# default$`, 'm'));
      expect(shown.stdout).not.toContain('hunter2');
      expect(shown.stdout).not.toContain(TEST_KEY_ENV.YONDER_MASTER_KEY!);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it('console-link cancels every earlier console link, whatever PUBLIC_URL it was made under', async () => {
    const DATABASE_URL = `sqlite:${join(root, 'links', 'data', 'yonder.db')}`;
    expect((await runCli(['init'], { DATABASE_URL, PUBLIC_URL: 'http://old.example:8080' })).code).toBe(0);
    const fresh = await runCli(['console-link'], { DATABASE_URL, PUBLIC_URL: 'https://id.example.com' });
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(fresh.stdout.startsWith('https://id.example.com/')).toBe(true);
    // The first start's link, made under the old PUBLIC_URL, is withdrawn too.
    expect(fresh.stderr).toContain('revoked 1 earlier console link');
  });

  it('init on a store that has a tenant changes nothing; --version, token list and an example for every command', async () => {
    const DATABASE_URL = `sqlite:${join(root, 'listed', 'data', 'yonder.db')}`;
    expect((await runCli(['init'], { DATABASE_URL })).code).toBe(0);
    const again = await runCli(['init'], { DATABASE_URL });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('already holds a tenant');
    expect(again.banner).toBe('');

    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect((await runCli(['--version'], {})).stdout.trim()).toBe(version);

    const tooLong = await runCli(['token', 'create', '--scopes', 'realms:read', '--ttl', '91d'], { DATABASE_URL });
    expect(tooLong.code).toBe(1);
    expect(tooLong.stderr).toContain('--ttl must be at most 90d');
    const minted = await runCli(['token', 'create', '--scopes', 'realms:read', '--name', 'listed'], { DATABASE_URL });
    const jti = /token (\S+),/.exec(minted.stderr)?.[1] ?? '';
    expect((await runCli(['token', 'revoke', jti], { DATABASE_URL })).code).toBe(0);
    const live = JSON.parse((await runCli(['token', 'list'], { DATABASE_URL })).stdout) as { id: string; display_name: string; state: string }[];
    expect(live.map((t) => t.display_name)).toEqual(['Bootstrap admin token']);
    const all = JSON.parse((await runCli(['token', 'list', '--all'], { DATABASE_URL })).stdout) as typeof live;
    expect(all.find((t) => t.id === jti)).toMatchObject({ display_name: 'listed', state: 'revoked' });
    expect(JSON.stringify(all)).not.toContain(minted.stdout.trim());

    const help = (await runCli(['--help'], {})).stdout;
    const examples = help.slice(help.indexOf('Examples'));
    const commands = ['serve', 'init', 'config', 'migrate', 'events prune', 'keys rotate', 'console-link', 'token create', 'token list']
      .concat(['token revoke', 'app credentials', 'tenant show', 'realm create', 'realm list', 'identity create', 'identity list'])
      .concat(['identity get', 'identity delete', 'seed', 'import', 'backup', 'restore']);
    for (const command of commands) expect(examples).toMatch(new RegExp(`^  ${command} +\\$ .*yonder ${command}`, 'm'));
    expect((await runCli(['token', 'list', '--help'], {})).stdout).toContain('Example:\n  $ yonder token list');
  });
});

describe('npm start', () => {
  it('builds nothing when nothing changed, and SIGTERM stops the server', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yonder-npm-start-'));
    const port = await freePort();
    const child = spawn('npm', ['start'], {
      cwd: ROOT,
      env: {
        ...process.env,
        ...TEST_KEY_ENV,
        DATABASE_URL: `sqlite:${join(dir, 'data', 'yonder.db')}`,
        YONDER_FIRST_START_FILE: join(dir, 'first-start.txt'),
        PORT: String(port),
        LOG_LEVEL: 'warn',
      },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      let up = false;
      for (let i = 0; i < 600 && !up && child.exitCode === null; i++) {
        up = await fetch(`http://127.0.0.1:${port}/healthz`).then(
          (reply) => reply.ok,
          () => false,
        );
        if (!up) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(up, output).toBe(true);
      // The process tests' set-up built everything just before (scripts/build.mjs --if-stale).
      expect(output).not.toContain('building');
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
      expect(readdirSync(join(dir, 'data'))).toContain('yonder.conf');
    } finally {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
