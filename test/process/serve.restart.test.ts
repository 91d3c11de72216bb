import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { ServerProcess, bannerExports, processEngines } from '../support/process.js';

/** Runs the banner's curl line through a real shell with the banner's exports, as a person would paste them. */
function runPrintedCurl(banner: string, url: string): Promise<string> {
  const curl = banner.slice(banner.indexOf('curl -sS')).split('\n\n')[0] ?? '';
  const exports = banner.match(/^export .*$/gm)?.join('\n') ?? '';
  const script = `${exports}\nexport YONDER_URL=${url}\n${curl}`;
  return new Promise((resolve, reject) =>
    execFile('bash', ['-c', script], { timeout: 15_000 }, (error, stdout) => (error ? reject(error) : resolve(stdout))),
  );
}

const { engines, cleanup } = processEngines();
afterAll(cleanup);

for (const engine of engines) {
  describe(`yonder serve [${engine.name}]`, () => {
    it('first start prints a token and a curl line that creates an identity; restart keeps everything', async (context) => {
      if (!(await engine.available())) {
        process.stdout.write(`SKIPPING yonder serve [${engine.name}]: PostgreSQL unreachable\n`);
        context.skip();
      }
      const DATABASE_URL = await engine.database();
      // A restart keeps PUBLIC_URL, as a deployment does (here the port changes): tokens name it as their issuer.
      const PUBLIC_URL = 'http://localhost:8080';
      const first = await ServerProcess.start({ DATABASE_URL, PUBLIC_URL });
      const vars = bannerExports(first.banner());
      expect(vars.YONDER_TOKEN).toMatch(/^ey[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(vars.TENANT_ID).toMatch(/^[0-9a-f]{16}$/);
      expect(vars.REALM_ID).toMatch(/^[0-9a-f]{16}$/);

      const created = JSON.parse(await runPrintedCurl(first.banner(), first.url));
      expect(created).toMatchObject({ display_name: 'Test Identity', traits: { username: 'test' }, realm_id: vars.REALM_ID });

      // Logs are JSON lines with request ids, and never carry the token.
      const logLines = first.stdout.split('\n').filter((line) => line.startsWith('{'));
      expect(logLines.some((line) => JSON.parse(line).reqId)).toBe(true);
      // The secrets are not in the output at all (stderr is no terminal here): they are in a file
      // only its owner reads, which the log names.
      expect(first.stdout + first.stderr).not.toContain(vars.YONDER_TOKEN);
      const named = logLines.map((line) => JSON.parse(line)).find((entry) => entry.msg?.startsWith('first start'));
      expect(statSync(named.file).mode & 0o777).toBe(0o600);

      expect(await first.stop()).toBe(0);

      const second = await ServerProcess.start({ DATABASE_URL, PUBLIC_URL });
      try {
        expect(second.banner()).toBe('');
        const headers = { authorization: `Bearer ${vars.YONDER_TOKEN}` };
        const identities = await fetch(`${second.url}/v1/tenants/${vars.TENANT_ID}/realms/${vars.REALM_ID}/identities/${created.id}`, { headers });
        expect(identities.status).toBe(200);
        expect(await identities.json()).toEqual(created);
        expect((await fetch(`${second.url}/readyz`)).status).toBe(200);
      } finally {
        expect(await second.stop()).toBe(0);
      }
    });
  });
}
