import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TestYonder, describeApi, engine } from '../support/harness.js';
import { POSTGRES_URL } from '../support/postgres-url.js';

/**
 * The store going away under a running yonder: /readyz says so with a 503 (a load balancer stops
 * sending traffic), a request while it is gone or whose connection is cut answers 503 with
 * Retry-After in its protocol's error shape rather than a 500, hanging or crashing the process,
 * and once the database is back yonder serves again with no restart.
 */
describeApi('the store lost under a running yonder', () => {
  let y: TestYonder;
  beforeAll(async () => {
    y = await TestYonder.start();
  });
  afterAll(async () => y?.close());

  const readyz = async () => (await y.request('GET', '/readyz', { token: null })).status;

  // SQLite is a file the process opens itself: nothing outside can take it away mid-request, so
  // its loss is the store closed under the app (the last test of this file, as nothing runs after).
  it.skipIf(engine !== 'sqlite')('SQLite: /readyz answers 503 once the store is closed', async () => {
    expect(await readyz()).toBe(200);
    await y.yonder.store.close();
    const reply = await y.request('GET', '/readyz', { token: null });
    expect(reply.status).toBe(503);
    expect(reply.body).toEqual({ code: 'service_unavailable', message: 'store unreachable' });
    const v1 = await y.request('GET', y.realmPath('/identities'));
    expect([v1.status, v1.body.code], v1.text).toEqual([503, 'service_unavailable']);
  });

  describe.runIf(engine === 'postgres')('PostgreSQL', () => {
    /** A connection to another database of the server, from which this file's database is cut off and let back. */
    let admin: pg.Client;
    let database: string;
    // Cutting a database off is only done to this file's own copy, never to one shared with others
    // (the harness falls back to a schema of the shared database when there is no template).
    let ownDatabase = false;
    beforeAll(async () => {
      ownDatabase = y.databaseLocation.pgSchema === 'public';
      database = new URL(y.yonder.config.databaseUrl).pathname.slice(1);
      admin = new pg.Client({ connectionString: POSTGRES_URL });
      await admin.connect();
    });
    afterAll(async () => {
      if (ownDatabase) await admin?.query(`alter database "${database}" allow_connections true`).catch(() => {});
      await admin?.end();
    });
    const cutOff = async () => {
      await admin.query(`alter database "${database}" allow_connections false`);
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [database]);
    };
    const letBack = () => admin.query(`alter database "${database}" allow_connections true`);

    it('PostgreSQL: /readyz answers 503 while the database refuses connections, and 200 once it is back', async (context) => {
      if (!ownDatabase) context.skip();
      expect(await readyz()).toBe(200);
      await cutOff();
      const reply = await y.request('GET', '/readyz', { token: null });
      expect(reply.status).toBe(503);
      expect(reply.body).toEqual({ code: 'service_unavailable', message: 'store unreachable' });
      // Every door answers 503 in its own shape while the database refuses, with Retry-After.
      const v1 = await y.request('GET', y.realmPath('/identities'));
      expect([v1.status, v1.body, v1.headers['retry-after']]).toEqual([
        503,
        { code: 'service_unavailable', message: 'the database is unavailable; try again shortly' },
        '1',
      ]);
      const scim = await y.request('GET', y.realmPath('/scim/v2/Users'));
      expect([scim.status, scim.body.status, scim.headers['retry-after']]).toEqual([503, '503', '1']);
      await letBack();
      await vi.waitFor(async () => expect(await readyz()).toBe(200), { timeout: 20_000, interval: 50 });
    });

    it('PostgreSQL: a create whose connection is cut mid-request answers 503 in the v1 error shape, and the next one is written', async (context) => {
      if (!ownDatabase) context.skip();
      const realm = (await y.request('POST', `/v1/tenants/${y.tenantId}/realms`, { body: { realm: { display_name: 'Lost' } } })).body.id;
      // Held mid-request: the realm's row is locked elsewhere, so the insert waits for it (the
      // foreign key), and then its server process is ended. A batch of creates is one statement,
      // its identities written in a CTE (`with "written" as (insert ...)`).
      const holder = new pg.Client({ connectionString: y.yonder.config.databaseUrl });
      await holder.connect();
      try {
        await holder.query('begin');
        await holder.query('select id from realms where id = $1 for update', [realm]);
        const create = y.request('POST', y.realmPath('/identities', realm), {
          body: { identity: { display_name: 'Lost', traits: { type: 'traits_v0', username: 'lost-mid-request' } } },
        });
        let waiting: number | undefined;
        await vi.waitFor(
          async () => {
            await holder.query('select pg_stat_clear_snapshot()');
            const { rows } = await holder.query<{ pid: number }>(
              "select pid from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and (query like 'insert into%' or query like 'with \"written\"%')",
            );
            waiting = rows[0]?.pid;
            expect(waiting).toBeDefined();
          },
          { timeout: 20_000, interval: 20 },
        );
        await admin.query('select pg_terminate_backend($1)', [waiting]);
        const reply = await create;
        expect(reply.status, reply.text).toBe(503);
        expect(reply.headers['retry-after']).toBe('1');
        expect(reply.body).toEqual({ code: 'service_unavailable', message: 'the database is unavailable; try again shortly' });
      } finally {
        await holder.end();
      }
      const again = await y.request('POST', y.realmPath('/identities', realm), {
        body: { identity: { display_name: 'Lost', traits: { type: 'traits_v0', username: 'lost-mid-request' } } },
      });
      expect(again.status, again.text).toBe(200);
    });
  });
});
