import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { describe, inject } from 'vitest';
import { type AppOptions, buildApp } from '../../src/http/app.js';
import { type ConfigOverrides, loadConfig } from '../../src/config.js';
import { MANAGEMENT_SCOPES } from '../../src/domain/access/scopes.js';
import { type BootstrapResult, bootstrapIfEmpty, openYonder } from '../../src/services/bootstrap.js';
import type { Yonder } from '../../src/services/context.js';
import { TEST_MASTER_KEY } from './master-key.js';
import { POSTGRES_URL } from './postgres-url.js';
import { postgresDatabaseUrl } from './store-template.js';

export type Engine = 'sqlite' | 'postgres';

export const engine: Engine = process.env.YONDER_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

/** `describe` for API suites: on PostgreSQL it skips (visibly) when the server is unreachable. */
export function describeApi(name: string, body: () => void): void {
  const skip = engine === 'postgres' && !inject('postgresAvailable');
  (skip ? describe.skip : describe)(`${name} [${engine}]`, body);
}

/** A fresh database location for one test file (empty, or migrated from the suite's template), and how to remove it. */
export interface TestDatabase {
  databaseUrl: string;
  pgSchema?: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  // Provided by the sqlite and postgres projects' global setup (store-template.ts); the browser
  // tests start from an empty store, and so does a test that migrates one itself.
  const template = options.empty ? null : (inject('storeTemplate') ?? null);
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'yonder-test-'));
    if (template) copyFileSync(template, join(dir, 'yonder.db'));
    return {
      databaseUrl: `sqlite:${join(dir, 'yonder.db')}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  if (template) {
    const database = `${template}_${randomBytes(6).toString('hex')}`;
    try {
      await admin.query(`create database ${database} template ${template}`);
    } finally {
      await admin.end();
    }
    return {
      databaseUrl: postgresDatabaseUrl(database),
      pgSchema: 'public',
      drop: async () => {
        const client = new pg.Client({ connectionString: POSTGRES_URL });
        await client.connect();
        // FORCE: a second yonder on this store, or a test's own client, may still be connected.
        await client.query(`drop database if exists ${database} with (force)`);
        await client.end();
      },
    };
  }
  const pgSchema = `t_${randomBytes(6).toString('hex')}`;
  await admin.query(`create schema ${pgSchema}`);
  await admin.end();
  return {
    databaseUrl: POSTGRES_URL,
    pgSchema,
    drop: async () => {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`drop schema if exists ${pgSchema} cascade`);
      await client.end();
    },
  };
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: any;
  text: string;
}

export interface RequestOptions {
  token?: string | null;
  body?: unknown;
  /** Sent as is, for malformed-body tests. */
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
  /** The client's IP address as the server sees it (default 127.0.0.1), for per-address limits. */
  remoteAddress?: string;
}

/** One yonder on a fresh store, bootstrapped, with its HTTP app in process. */
export class TestYonder {
  private constructor(
    readonly yonder: Yonder,
    readonly app: FastifyInstance,
    readonly bootstrap: BootstrapResult,
    private readonly database: TestDatabase,
  ) {}

  /** `config` overrides the test defaults, e.g. `publicUrl` for a yonder listening on a port. */
  /** `app` passes options to the HTTP app, e.g. a logger writing to a stream the test reads. */
  static async start(database?: TestDatabase, options: { config?: ConfigOverrides; app?: AppOptions } = {}): Promise<TestYonder> {
    const db = database ?? (await createTestDatabase());
    const config = loadConfig(
      {},
      {
        databaseUrl: db.databaseUrl,
        publicUrl: 'http://localhost:8080',
        outboxDir: join(tmpdir(), 'yonder-test-outbox'),
        masterKey: TEST_MASTER_KEY,
        // The tests' upstream identity providers listen on localhost; one test turns this off.
        identityProvidersAllowPrivate: true,
        ...options.config,
      },
    );
    const yonder = await openYonder(config, db.pgSchema ? { pgSchema: db.pgSchema } : {});
    const bootstrap = (await bootstrapIfEmpty(yonder)) ?? (await TestYonder.existingBootstrap(yonder));
    const app = await buildApp(yonder, options.app);
    return new TestYonder(yonder, app, bootstrap, db);
  }

  /** A second process's view of an already bootstrapped store: same tenant, a fresh admin token. */
  private static async existingBootstrap(yonder: Yonder): Promise<BootstrapResult> {
    const [tenant] = await yonder.store.tenants.list(1);
    if (!tenant) throw new Error('store has no tenant');
    const adminRealm = await yonder.store.realms.get(tenant.id, tenant.admin_realm_id);
    const defaultRealm = await yonder.store.realms.findByName(tenant.id, 'Default');
    if (!adminRealm || !defaultRealm) throw new Error('store has no bootstrap realms');
    const { token } = await yonder.tokens.mint(yonder.store, {
      tenant,
      scopes: MANAGEMENT_SCOPES,
      ttlSeconds: 3600,
      displayName: 'test admin',
    });
    return { tenant, adminRealm, defaultRealm, adminToken: token };
  }

  get tenantId(): string {
    return this.bootstrap.tenant.id;
  }
  get realmId(): string {
    return this.bootstrap.defaultRealm.id;
  }
  get adminRealmId(): string {
    return this.bootstrap.adminRealm.id;
  }
  get token(): string {
    return this.bootstrap.adminToken;
  }
  get databaseLocation(): TestDatabase {
    return this.database;
  }

  /** `/v1/tenants/{t}/realms/{r}` + rest, for the Default realm unless another is given. */
  realmPath(rest = '', realmId = this.realmId): string {
    return `/v1/tenants/${this.tenantId}/realms/${realmId}${rest}`;
  }

  async mintToken(scopes: readonly string[], options: { realmId?: string; ttlSeconds?: number } = {}): Promise<string> {
    const { token } = await this.yonder.tokens.mint(this.yonder.store, {
      tenant: this.bootstrap.tenant,
      scopes,
      ttlSeconds: options.ttlSeconds ?? 3600,
      displayName: 'test token',
      ...(options.realmId ? { realmId: options.realmId } : {}),
    });
    return token;
  }

  async request(method: string, url: string, options: RequestOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    const token = options.token === undefined ? this.token : options.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    let payload: string | Buffer | undefined;
    if (options.rawBody !== undefined) payload = options.rawBody;
    else if (options.body !== undefined) payload = JSON.stringify(options.body);
    if (payload !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      headers['content-type'] = 'application/json';
    }
    const response = await this.app.inject({
      method: method as 'GET',
      url,
      headers,
      ...(payload !== undefined ? { payload } : {}),
      ...(options.remoteAddress !== undefined ? { remoteAddress: options.remoteAddress } : {}),
    });
    let body: unknown;
    try {
      body = response.body === '' ? undefined : JSON.parse(response.body);
    } catch {
      body = undefined;
    }
    return { status: response.statusCode, headers: response.headers, body, text: response.body };
  }

  async createIdentity(username: string, extra: Record<string, unknown> = {}, realmId = this.realmId) {
    const reply = await this.request('POST', this.realmPath('/identities', realmId), {
      body: { identity: { display_name: username, traits: { type: 'traits_v0', username }, ...extra } },
    });
    if (reply.status !== 200) throw new Error(`create ${username}: ${reply.status} ${reply.text}`);
    return reply.body as { id: string; traits: { username: string } };
  }

  /** Stops the app and closes the store, keeping the database (for restart tests). */
  async stop(): Promise<void> {
    await this.app.close();
    await this.yonder.store.close();
    this.yonder.mailer.close();
  }

  async close(): Promise<void> {
    await this.stop();
    await this.database.drop();
  }
}

/**
 * A Kysely of its own on `database` (one connection), to write a store as an older yonder left it
 * before a migration runs again. Destroy it when done.
 */
export function rawKyselyOf(database: TestDatabase): Kysely<any> {
  if (database.databaseUrl.startsWith('sqlite:')) {
    return new Kysely<any>({ dialect: new SqliteDialect({ database: new SqliteDatabase(database.databaseUrl.slice('sqlite:'.length)) }) });
  }
  return new Kysely<any>({
    dialect: new PostgresDialect({
      pool: new pg.Pool({ connectionString: database.databaseUrl, options: `-c search_path=${database.pgSchema}`, max: 1 }),
    }),
  });
}
