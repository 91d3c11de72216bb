import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerProcess, runCli } from '../support/process.js';

describe('the yonder CLI (on SQLite: its commands call the same services on either engine, and the CLI on PostgreSQL runs in cli.import, console.link, management.credentials)', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'yonder-cli-'));
    // One PUBLIC_URL for the CLI and the server: tokens name it as their issuer, and it is checked.
    env = { DATABASE_URL: `sqlite:${join(dir, 'yonder.db')}`, PUBLIC_URL: 'http://localhost:8080' };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--help lists every command', async () => {
    const help = await runCli(['--help'], env);
    expect(help.code).toBe(0);
    for (const command of ['serve', 'migrate', 'token', 'tenant', 'realm', 'identity']) expect(help.stdout).toContain(command);
    const identityHelp = await runCli(['identity', '--help'], env);
    for (const sub of ['create', 'list', 'get', 'delete']) expect(identityHelp.stdout).toContain(sub);
  });

  // Issue 23 changed this: a command on a missing store used to create it and bootstrap a tenant;
  // now only serve and init do, and migrate (like every other command) refuses a missing store.
  it('a command on a missing store creates nothing; init bootstraps it once, and then migrate and tenant show work', async () => {
    const refused = await runCli(['migrate'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('nothing was created');
    expect(existsSync(join(dir, 'yonder.db'))).toBe(false);
    const init = await runCli(['init'], env);
    expect(init.code, init.stderr).toBe(0);
    expect(init.banner).toContain('export YONDER_TOKEN=');
    expect(init.stderr).not.toContain('export YONDER_TOKEN=');
    expect((await runCli(['migrate'], env)).code).toBe(0);
    const tenant = await runCli(['tenant', 'show'], env);
    expect(tenant.code).toBe(0);
    expect(JSON.parse(tenant.stdout)).toMatchObject({ display_name: 'yonder' });
  });

  it('realm create|list and identity create|list|get|delete work, with clear errors', async () => {
    const realm = await runCli(['realm', 'create', 'Partners'], env);
    expect(realm.code).toBe(0);
    const realms = JSON.parse((await runCli(['realm', 'list'], env)).stdout);
    expect(realms.map((r: { display_name: string }) => r.display_name).sort()).toEqual(['Admin', 'Default', 'Partners']);

    const created = await runCli(['identity', 'create', '--username', 'Dana', '--email', 'dana@example.com', '--realm', 'Partners'], env);
    expect(created.code).toBe(0);
    const dana = JSON.parse(created.stdout);
    expect(dana.traits).toEqual({ type: 'traits_v0', username: 'Dana', primary_email_address: 'dana@example.com' });

    const duplicate = await runCli(['identity', 'create', '--username', 'dana', '--realm', 'Partners'], env);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('username already exists');

    const listed = JSON.parse((await runCli(['identity', 'list', '--realm', 'Partners', '--filter', 'traits.username eq "DANA"'], env)).stdout);
    expect(listed.total_size).toBe(1);
    expect(JSON.parse((await runCli(['identity', 'get', dana.id, '--realm', 'Partners'], env)).stdout).id).toBe(dana.id);
    expect((await runCli(['identity', 'delete', dana.id, '--realm', 'Partners'], env)).code).toBe(0);
    const gone = await runCli(['identity', 'get', dana.id, '--realm', 'Partners'], env);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('identity not found');

    const invalid = await runCli(['identity', 'create', '--username', 'a/b'], env);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('invalid parameters');
    expect((await runCli(['identity', 'list', '--realm', 'Nowhere'], env)).stderr).toContain('no realm "Nowhere"');
    expect((await runCli(['frobnicate'], env)).code).not.toBe(0);
  });

  it('token create mints a token with the chosen scopes that a running server honours, and token revoke ends it within a second', async () => {
    const bad = await runCli(['token', 'create', '--scopes', 'identities:fly'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('unknown scopes: identities:fly');
    expect((await runCli(['token', 'create', '--scopes', 'identities:read', '--ttl', 'soon'], env)).code).toBe(1);

    const minted = await runCli(['token', 'create', '--scopes', 'identities:read', '--ttl', '1h', '--name', 'reader'], env);
    expect(minted.code).toBe(0);
    const token = minted.stdout.trim();
    const jti = /token (\S+),/.exec(minted.stderr)?.[1] ?? '';
    const tenant = JSON.parse((await runCli(['tenant', 'show'], env)).stdout);
    const realms = JSON.parse((await runCli(['realm', 'list'], env)).stdout);
    const defaultRealm = realms.find((r: { display_name: string }) => r.display_name === 'Default');

    const server = await ServerProcess.start(env);
    try {
      const url = `${server.url}/v1/tenants/${tenant.id}/realms/${defaultRealm.id}/identities`;
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      expect((await fetch(url, { headers })).status).toBe(200);
      const create = await fetch(url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ identity: { display_name: 'x', traits: { type: 'traits_v0', username: 'x' } } }),
      });
      expect(create.status).toBe(403);
      expect((await runCli(['token', 'revoke', jti], env)).code).toBe(0);
      // The server trusts a token it verified for at most a second, so revocation by another
      // process reaches it within that.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect((await fetch(url, { headers })).status).toBe(401);
    } finally {
      await server.stop();
    }
  });
  it('token create and token revoke are on the audit trail, done by the command line', async () => {
    const reader = await runCli(['token', 'create', '--scopes', 'events:read', '--ttl', '1h', '--name', 'auditor'], env);
    expect(reader.code).toBe(0);
    const created = await runCli(['token', 'create', '--scopes', 'identities:read', '--ttl', '1h', '--name', 'short-lived'], env);
    expect(created.code).toBe(0);
    const jti = /token (\S+),/.exec(created.stderr)?.[1] ?? '';
    expect((await runCli(['token', 'revoke', jti], env)).code).toBe(0);
    // Revoking it again changes nothing, and records nothing.
    expect((await runCli(['token', 'revoke', jti], env)).code).toBe(1);

    const tenant = JSON.parse((await runCli(['tenant', 'show'], env)).stdout);
    const realms = JSON.parse((await runCli(['realm', 'list'], env)).stdout);
    const adminRealm = realms.find((r: { display_name: string }) => r.display_name === 'Admin');
    const server = await ServerProcess.start(env);
    try {
      // The tenant's Management API application, which issues the command line's tokens, lives in the admin realm.
      const url = `${server.url}/v1/tenants/${tenant.id}/realms/${adminRealm.id}/events?resource_id=${jti}`;
      const reply = await fetch(url, { headers: { authorization: `Bearer ${reader.stdout.trim()}` } });
      expect(reply.status).toBe(200);
      const events = ((await reply.json()) as { events: { type: string; actor: unknown; after: Record<string, unknown> | null }[] }).events.reverse();
      expect(events.map((e) => e.type)).toEqual(['token.issued', 'token.revoked']);
      for (const event of events) expect(event.actor).toEqual({ type: 'cli' });
      expect(events[0]?.after).toMatchObject({ id: jti, display_name: 'short-lived', scopes: ['identities:read'], issued_by: 'cli' });
      expect(JSON.stringify(events)).not.toContain(created.stdout.trim());
    } finally {
      await server.stop();
    }
  });
});
