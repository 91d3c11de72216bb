#!/usr/bin/env node
import { Command, CommanderError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { type ConfigOverrides, loadConfig } from '../config.js';
import { MAX_TOKEN_LIFETIME_DAYS, MAX_TOKEN_LIFETIME_SECONDS } from '../domain/access/application.js';
import { DomainError } from '../domain/errors.js';
import { MANAGEMENT_SCOPES, OPERATOR, isKnownScope, parseScopeList } from '../domain/access/scopes.js';
import type { TenantRecord } from '../domain/directory/tenancy.js';
import { CLI_ACTOR } from '../domain/audit/audit-event.js';
import { runWithAuditContext } from '../services/audit/audit.js';
import { openYonder } from '../services/bootstrap.js';
import { freshConsoleLink } from '../services/access/console.js';
import type { Yonder } from '../services/context.js';
import { createIdentity, deleteIdentity, getIdentity, listIdentities } from '../services/directory/identities.js';
import { createRealm, listRealms, publicTenant } from '../services/directory/tenancy.js';
import { registerBulkCommands } from './bulk.js';
import { parseDuration } from './duration.js';
import { rotateClientSecret } from '../services/access/applications.js';
import { mintOperatorToken, revokeTokenById, tokenSummary } from '../services/access/token-records.js';
import { registerEventCommands } from './events.js';
import { registerKeyCommands } from './keys.js';
import { registerBackupCommands } from './backup.js';
import { registerSetupCommands, requireStore } from './setup.js';
import { effectiveConfig } from './settings.js';
import { credentialLines, printJson } from './output.js';
import { addExamples } from './examples.js';

type OpenOptions = Parameters<typeof openYonder>[1];

interface GlobalOptions {
  databaseUrl?: string;
}

interface Target {
  tenant?: string;
  realm?: string;
}

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const program = new Command();
program
  .name('yonder')
  .description('Identity directory and passkey server with a Beyond Identity v1 compatible API.')
  .version(version, '-V, --version', 'print the version of yonder')
  .addOption(new Option('--database-url <url>', 'sqlite:<path> or postgres://... (default: $DATABASE_URL or sqlite:./data/yonder.db)'))
  .showHelpAfterError()
  .exitOverride();

/** The server's configuration: flags, the environment, the data directory's settings file (settings.ts). */
function effective(extra: ConfigOverrides = {}) {
  const { databaseUrl } = program.opts<GlobalOptions>();
  return effectiveConfig(process.env, { ...(databaseUrl ? { databaseUrl } : {}), ...extra });
}

const config = (extra: ConfigOverrides = {}) => effective(extra).config;

/**
 * Opens the store for one command. A missing or empty store is refused: only `serve` and `init`
 * create a tenant, so a command pointed at the wrong place makes nothing there.
 */
async function withYonder<T>(work: (y: Yonder) => Promise<T>, connectOptions: OpenOptions = {}): Promise<T> {
  const cfg = config();
  await requireStore(cfg.databaseUrl);
  const yonder = await openYonder(cfg, connectOptions);
  try {
    // Whatever the command changes is on the audit trail as done by the command line.
    return await runWithAuditContext({ actor: CLI_ACTOR, address: null, requestId: null }, () => work(yonder));
  } finally {
    await yonder.store.close();
  }
}

async function tenantOf(y: Yonder, target: Target): Promise<TenantRecord> {
  if (target.tenant) {
    const tenant = await y.store.tenants.get(target.tenant);
    if (!tenant) throw new Error(`no tenant with id ${target.tenant}`);
    return tenant;
  }
  const tenants = await y.store.tenants.list(2);
  if (tenants.length !== 1 || !tenants[0]) throw new Error('this store holds several tenants; name one with --tenant');
  return tenants[0];
}

/** A realm given by id or by display name; the realm named "Default" when none is given. */
async function realmOf(y: Yonder, target: Target): Promise<{ tenantId: string; realmId: string }> {
  const tenant = await tenantOf(y, target);
  const wanted = target.realm ?? 'Default';
  const realm = (await y.store.realms.get(tenant.id, wanted)) ?? (await y.store.realms.findByName(tenant.id, wanted));
  if (!realm) throw new Error(`no realm "${wanted}" in tenant ${tenant.id}`);
  return { tenantId: tenant.id, realmId: realm.id };
}

/** `token list` reads at most this many records: enough for any operator to read on a screen. */
const TOKEN_LIST_LIMIT = 1000;

const tenantOption = new Option('--tenant <id>', 'tenant id (default: the only tenant)');
const realmOption = new Option('--realm <id-or-name>', 'realm id or display name (default: "Default")');

interface ListenOptions {
  port?: string;
  host?: string;
  publicUrl?: string;
}

/** `--port`, `--host`, `--public-url` of `serve` and `init`. */
function listenOptions(command: Command): Command {
  return command
    .option('--port <port>', 'port to listen on (default: $PORT or 8080)')
    .option('--host <host>', 'address to bind (default: $HOST or 127.0.0.1)')
    .option('--public-url <url>', 'origin people reach yonder at (default: $PUBLIC_URL or http://localhost:PORT)');
}

function listenOverrides(options: ListenOptions): ConfigOverrides {
  const overrides: ConfigOverrides = {};
  if (options.port !== undefined) overrides.port = loadConfig({ PORT: options.port }).port;
  if (options.host !== undefined) overrides.host = options.host;
  if (options.publicUrl !== undefined) overrides.publicUrl = options.publicUrl;
  return overrides;
}

listenOptions(
  program
    .command('serve')
    .description(
      'start the HTTP server; the first start creates the tenant, prints an admin token once, and writes the settings file (yonder.conf) to the data directory',
    ),
).action(async (options: ListenOptions) => {
  // Loaded on demand: the HTTP stack is most of the CLI's start-up time, and only `serve` needs it.
  const { serve } = await import('./serve.js');
  await serve(effective(listenOverrides(options)));
});

registerSetupCommands(program, { effective: (options: ListenOptions) => effective(listenOverrides(options)), listenOptions });

program
  .command('migrate')
  .description("apply pending database migrations to an existing store and exit (serve does it too, on start); an upgrade's first step")
  .action(async () => {
    const cfg = config();
    await requireStore(cfg.databaseUrl);
    const yonder = await openYonder(cfg);
    await yonder.store.close();
    process.stdout.write('migrations applied\n');
  });

registerEventCommands(program, {
  withYonder,
  scopeOf: async (y, target) => (target.realm === undefined ? { tenantId: (await tenantOf(y, target)).id } : realmOf(y, target)),
});
registerKeyCommands(program, withYonder);
registerBackupCommands(program, () => config());

program
  .command('console-link')
  .description(
    'print a fresh one-time link that creates a passkey for the Admin Console\'s administrator "admin" ' +
      '(created again if it was deleted); every earlier console link stops working',
  )
  .action(async () => {
    await withYonder(async (y) => {
      const issued = await freshConsoleLink(y);
      if (issued.created) process.stderr.write(`created the identity "admin" in the admin realm, a member of Administrators\n`);
      if (issued.revoked > 0) process.stderr.write(`revoked ${issued.revoked} earlier console link(s)\n`);
      if (issued.identity.status !== 'active')
        process.stderr.write('warning: the identity "admin" is suspended; the link will not work until it is unsuspended\n');
      process.stdout.write(`${issued.link}\n`);
    });
  });

const token = program.command('token').description('management API tokens');
token
  .command('create')
  .description('mint an access token; it is printed once and never stored in clear')
  .requiredOption('--scopes <scopes>', `space- or comma-separated scopes, or "all" (${MANAGEMENT_SCOPES.join(', ')})`)
  .option('--realm <id>', 'restrict the token to one realm')
  .option('--ttl <duration>', 'lifetime, e.g. 90d (the longest), 12h, 3600', '90d')
  .option('--name <name>', 'a name to tell the token apart', 'CLI token')
  .addOption(tenantOption)
  .action(async (options: { scopes: string; realm?: string; ttl: string; name: string; tenant?: string }) => {
    const ttlSeconds = parseDuration(options.ttl);
    // Retired signing keys leave the JWKS 90 days after rotation: a longer-lived token would stop verifying.
    if (ttlSeconds > MAX_TOKEN_LIFETIME_SECONDS) throw new Error(`--ttl must be at most ${MAX_TOKEN_LIFETIME_DAYS}d (got ${options.ttl})`);
    const scopes = options.scopes.trim() === 'all' ? [...MANAGEMENT_SCOPES] : parseScopeList(options.scopes);
    const unknown = scopes.filter((s) => !isKnownScope(s));
    if (scopes.length === 0 || unknown.length > 0) {
      throw new Error(`unknown scopes: ${unknown.join(', ') || '(none given)'}; known: ${MANAGEMENT_SCOPES.join(', ')}`);
    }
    await withYonder(async (y) => {
      const tenant = await tenantOf(y, options);
      let realmId: string | undefined;
      if (options.realm) realmId = (await realmOf(y, { tenant: tenant.id, realm: options.realm })).realmId;
      const minted = await mintOperatorToken(y, {
        tenant,
        scopes,
        ttlSeconds,
        displayName: options.name,
        ...(realmId ? { realmId } : {}),
      });
      process.stderr.write(`token ${minted.record.jti}, expires ${minted.record.expires_at}\n`);
      process.stdout.write(`${minted.token}\n`);
    });
  });
token
  .command('revoke <jti>')
  .description('revoke a token by its id (jti); every yonder process refuses it within a second')
  .action(async (jti: string) => {
    await withYonder(async (y) => {
      if (!(await revokeTokenById(y, jti))) throw new Error(`no active token with id ${jti}`);
      process.stdout.write(`revoked ${jti}\n`);
    });
  });

token
  .command('list')
  .description("list the tenant's tokens, newest first (live ones; --all adds revoked and expired); never the tokens themselves")
  .option('--all', 'include revoked and expired tokens')
  .addOption(tenantOption)
  .action(async (options: { all?: boolean; tenant?: string }) => {
    await withYonder(async (y) => {
      const tenant = await tenantOf(y, options);
      const now = new Date().toISOString();
      const records = await y.store.tokens.listForTenant(tenant.id, TOKEN_LIST_LIMIT);
      const listed = records
        .map((r) => ({
          ...tokenSummary(r),
          realm_id: r.realm_id,
          application_id: r.application_id,
          issued_at: r.issued_at,
          expires_at: r.expires_at,
          state: r.revoked_at !== null ? 'revoked' : r.expires_at <= now ? 'expired' : 'live',
          ends_with: r.token_suffix,
        }))
        .filter((t) => options.all || t.state === 'live');
      printJson(listed);
      if (records.length === TOKEN_LIST_LIMIT) process.stderr.write(`only the newest ${TOKEN_LIST_LIMIT} tokens were read\n`);
    });
  });

program
  .command('app')
  .description('application commands')
  .command('credentials')
  .description(
    'issue a new client secret (default: the admin realm\'s "yonder Management API" application); ' +
      'the old one stops working at once, and the new one is printed only now',
  )
  .option('--application <id>', 'another application, of the realm given with --realm')
  .option('--realm <id>', 'the realm of --application (default: the admin realm)')
  .addOption(tenantOption)
  .action(async (options: { application?: string; realm?: string; tenant?: string }) => {
    await withYonder(async (y) => {
      const tenant = await tenantOf(y, options);
      const ref = options.realm
        ? await realmOf(y, { tenant: tenant.id, realm: options.realm })
        : { tenantId: tenant.id, realmId: tenant.admin_realm_id };
      const applicationId = options.application ?? tenant.management_application_id;
      const { application, clientSecret } = await rotateClientSecret(y, ref, applicationId, OPERATOR);
      process.stderr.write(`new client secret for "${application.display_name}"; the previous one no longer works\n`);
      process.stdout.write(credentialLines(application.id, application.client_id ?? '', clientSecret));
    });
  });

program
  .command('tenant')
  .description('tenant commands')
  .command('show')
  .description('print the tenant')
  .addOption(tenantOption)
  .action(async (options: Target) => {
    await withYonder(async (y) => {
      const tenant = await tenantOf(y, options);
      printJson({ ...publicTenant(tenant), admin_realm_id: tenant.admin_realm_id });
    });
  });

const realm = program.command('realm').description('realm commands');
realm
  .command('create <display-name>')
  .description('create a realm')
  .addOption(tenantOption)
  .action(async (displayName: string, options: Target) => {
    await withYonder(async (y) => {
      const tenantId = (await tenantOf(y, options)).id;
      printJson(await y.store.transaction((tx) => createRealm(tx, tenantId, { display_name: displayName })));
    });
  });
realm
  .command('list')
  .description('list the realms of the tenant')
  .addOption(tenantOption)
  .action(async (options: Target) => {
    await withYonder(async (y) => {
      const tenant = await tenantOf(y, options);
      printJson((await listRealms(y, tenant.id, { page_size: 200 })).items);
    });
  });

const identity = program.command('identity').description('identity commands');
identity
  .command('create')
  .description('create an identity')
  .requiredOption('--username <username>', 'unique in the realm, case-insensitively')
  .option('--name <display-name>', 'display name (default: the username)')
  .option('--email <address>', 'primary email address')
  .addOption(tenantOption)
  .addOption(realmOption)
  .action(async (options: Target & { username: string; name?: string; email?: string }) => {
    await withYonder(async (y) => {
      const ref = await realmOf(y, options);
      printJson(
        await createIdentity(y, ref, {
          display_name: options.name ?? options.username,
          traits: {
            type: 'traits_v0',
            username: options.username,
            ...(options.email ? { primary_email_address: options.email } : {}),
          },
        }),
      );
    });
  });
identity
  .command('list')
  .description('list identities (first 200; narrow with --filter)')
  .option('--filter <filter>', 'e.g. \'traits.username eq "alice"\'')
  .addOption(tenantOption)
  .addOption(realmOption)
  .action(async (options: Target & { filter?: string }) => {
    await withYonder(async (y) => {
      const page = await listIdentities(y, await realmOf(y, options), { page_size: 200, filter: options.filter });
      printJson({ identities: page.items, total_size: page.total_size });
    });
  });
identity
  .command('get <identity-id>')
  .description('print one identity')
  .addOption(tenantOption)
  .addOption(realmOption)
  .action(async (id: string, options: Target) => {
    await withYonder(async (y) => printJson(await getIdentity(y, await realmOf(y, options), id)));
  });
identity
  .command('delete <identity-id>')
  .description('delete one identity')
  .addOption(tenantOption)
  .addOption(realmOption)
  .action(async (id: string, options: Target) => {
    await withYonder(async (y) => {
      await deleteIdentity(y, await realmOf(y, options), id);
      process.stdout.write(`deleted ${id}\n`);
    });
  });

registerBulkCommands(program, { withYonder, realmOf, tenantOption, realmOption });

addExamples(program, {
  serve: 'PUBLIC_URL=https://id.example.com yonder serve --port 8080',
  init: 'PUBLIC_URL=https://id.example.com yonder init',
  config: 'yonder config',
  migrate: 'yonder migrate',
  'events prune': 'AUDIT_RETENTION_DAYS=30 yonder events prune',
  'keys rotate': 'yonder keys rotate',
  'console-link': 'yonder console-link',
  'token create': 'yonder token create --scopes identities:read,groups:read --ttl 12h --name reporting',
  'token list': 'yonder token list --all',
  'token revoke': 'yonder token revoke 5f0c2d7e-...   # an id from token list',
  'app credentials': 'yonder app credentials',
  'tenant show': 'yonder tenant show',
  'realm create': 'yonder realm create "Partners"',
  'realm list': 'yonder realm list',
  'identity create': 'yonder identity create --username dana --email dana@example.com --realm Default',
  'identity list': 'yonder identity list --filter \'traits.username sw "da"\'',
  'identity get': 'yonder identity get e372db224c06e850',
  'identity delete': 'yonder identity delete e372db224c06e850',
  seed: 'yonder seed --identities 100000 --groups 10 --realm Default',
  import: 'yonder import people.csv --realm Default   # or: some-export | yonder import - --format csv',
  backup: 'yonder backup /backups/yonder-$(date +%F).db   # SQLite, while yonder runs',
  restore: 'DATABASE_URL=sqlite:/srv/restored/data/yonder.db yonder restore /backups/yonder-2026-12-07.db',
});

function describeError(error: unknown): string {
  if (error instanceof DomainError) {
    const violations = error.details?.flatMap((d) =>
      d.type === 'FieldViolations' ? d.field_violations.map((v) => `  ${v.field}: ${v.description}`) : [],
    );
    return [error.message, ...(violations ?? [])].join('\n');
  }
  return error instanceof Error ? error.message : String(error);
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  process.stderr.write(`yonder: ${describeError(error)}\n`);
  process.exit(1);
}
