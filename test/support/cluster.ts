import { afterAll, beforeAll, describe, it } from 'vitest';
import { ServerProcess, bannerExports, processEngines } from './process.js';
import type { Race, RaceReply, RaceRequest, Racer } from './races.js';

/** The origin every server of a cluster is reached at, so tokens and passkey ceremonies work on each. */
export const CLUSTER_ORIGIN = 'http://localhost:8080';

/**
 * Several `yonder serve` processes on one store, as behind a load balancer: the first start
 * bootstraps the store, the others join it. Request `i` goes to server `i mod n`. The servers
 * trust X-Forwarded-For from loopback (TRUST_PROXY), so a request's `clientAddress` is sent as
 * that header and a test can speak for many client addresses.
 */
export class Cluster implements Racer {
  readonly origin = CLUSTER_ORIGIN;

  private constructor(
    readonly servers: ServerProcess[],
    /** The first start's banner: TENANT_ID, REALM_ID, ADMIN_REALM_ID, YONDER_TOKEN, CLIENT_ID... */
    readonly vars: Record<string, string>,
  ) {}

  static async start(databaseUrl: string, count: number): Promise<Cluster> {
    const env = { DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', PUBLIC_URL: CLUSTER_ORIGIN, TRUST_PROXY: '127.0.0.1,::1' };
    const first = await ServerProcess.start(env);
    const rest = await Promise.all(Array.from({ length: count - 1 }, () => ServerProcess.start(env)));
    return new Cluster([first, ...rest], bannerExports(first.banner()));
  }

  get tenantId(): string {
    return this.vars.TENANT_ID ?? '';
  }
  get realmId(): string {
    return this.vars.REALM_ID ?? '';
  }
  get adminRealmId(): string {
    return this.vars.ADMIN_REALM_ID ?? '';
  }

  /** `/v1/tenants/{t}/realms/{r}` + rest, for the Default realm unless another is given. */
  realmPath(rest = '', realmId = this.realmId): string {
    return `/v1/tenants/${this.tenantId}/realms/${realmId}${rest}`;
  }

  /** `/hosted/tenants/{t}/realms/{r}` + rest. */
  hostedPath(rest: string, realmId = this.realmId): string {
    return `/hosted/tenants/${this.tenantId}/realms/${realmId}${rest}`;
  }

  async request(i: number, method: string, path: string, options: RaceRequest = {}): Promise<RaceReply> {
    const server = this.servers[i % this.servers.length]!;
    const token = options.token === undefined ? this.vars.YONDER_TOKEN : options.token;
    const headers: Record<string, string> = {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(options.clientAddress ? { 'x-forwarded-for': options.clientAddress } : {}),
      ...options.headers,
    };
    const body = options.rawBody ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined);
    const response = await fetch(`${server.url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: response.status, body: parsed, text };
  }

  async stop(): Promise<void> {
    await Promise.all(this.servers.map((server) => server.stop()));
  }
}

/**
 * Runs `races` on either engine against real processes: two `yonder serve` on one SQLite file (WAL;
 * transactions take the write lock at once, see store/engine/connection.ts), and two on one PostgreSQL
 * database. Without PostgreSQL its half is skipped with a line that says so (under CI it fails).
 */
export function describeClusterRaces(what: string, races: readonly Race[]): void {
  const { engines, cleanup } = processEngines();
  afterAll(cleanup);
  for (const engine of engines) {
    describe(`${what} across two yonder processes on one ${engine.name === 'sqlite' ? 'SQLite file' : 'PostgreSQL database'}`, () => {
      let cluster: Cluster | undefined;
      beforeAll(async () => {
        if (!(await engine.available())) {
          process.stdout.write(`SKIPPING ${what} on ${engine.name}: the engine is unreachable\n`);
          return;
        }
        cluster = await Cluster.start(await engine.database(), 2);
      }, 120_000);
      afterAll(async () => cluster?.stop());
      for (const race of races) {
        it(race.name, async (context) => {
          if (!cluster) return context.skip();
          await race.run(cluster);
        });
      }
    });
  }
}
