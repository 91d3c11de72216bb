import { type Kysely, Migrator, sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MANAGEMENT_SCOPES } from '../../src/domain/access/scopes.js';
import { type Connection, connect } from '../../src/store/engine/connection.js';
import { migrationProvider } from '../../src/store/migrations/index.js';
import { type TestDatabase, TestYonder, createTestDatabase, describeApi } from '../support/harness.js';
import { CORE_USER } from '../support/scim.js';

/**
 * A store written by an older yonder, upgraded. It is created at the first schema and filled with
 * what that schema holds, then taken through every later migration one at a time (so each one runs
 * on a populated store, as on an upgrade from that version), with more data added where a
 * migration brings new tables; then yonder opens it and serves what it holds through the API:
 * the filters whose indexes came later, the versions added to existing rows, memberships.
 */
const T = {
  tenant: '0000000000000a01',
  adminRealm: '0000000000000a02',
  realm: '0000000000000a03',
  alice: '0000000000000a04',
  bob: '0000000000000a05',
  group: '0000000000000a06',
};
const NOW = '2025-01-01T00:00:00.000Z';
const MANAGEMENT_APPLICATION = '00000000-0000-4000-8000-00000000a001';

/** Rows as the first schema (001-core) stores them. */
async function fillCoreSchema(db: Kysely<any>): Promise<void> {
  await db
    .insertInto('tenants')
    .values({
      id: T.tenant,
      display_name: 'Old Tenant',
      admin_realm_id: T.adminRealm,
      management_application_id: MANAGEMENT_APPLICATION,
      create_time: NOW,
      update_time: NOW,
    })
    .execute();
  for (const [id, name] of [
    [T.adminRealm, 'Admin'],
    [T.realm, 'Old Realm'],
  ] as const) {
    await db
      .insertInto('realms')
      .values({ id, tenant_id: T.tenant, display_name: name, classification: 'Secure Customer', create_time: NOW, update_time: NOW })
      .execute();
  }
  const identity = (id: string, username: string, traits: Record<string, string>, emailKey: string | null, externalId: string | null) => ({
    id,
    tenant_id: T.tenant,
    realm_id: T.realm,
    display_name: `Old ${username}`,
    display_name_key: `old ${username}`,
    status: 'active',
    traits: JSON.stringify({ type: 'traits_v0', username, ...traits }),
    username_key: username,
    email_key: emailKey,
    external_id: externalId,
    create_time: NOW,
    update_time: NOW,
  });
  await db
    .insertInto('identities')
    .values([
      identity(
        T.alice,
        'alice',
        { primary_email_address: 'alice@old.example', secondary_email_address: 'Alice.Home@old.example', external_id: 'ext-alice' },
        'alice@old.example',
        'ext-alice',
      ),
      identity(T.bob, 'bob', {}, null, null),
    ])
    .execute();
}

/** Rows of the tables 002-groups-policy brings: a group with a member, and the tenant's management application. */
async function fillGroupsSchema(db: Kysely<any>): Promise<void> {
  await db
    .insertInto('applications')
    .values({
      id: MANAGEMENT_APPLICATION,
      tenant_id: T.tenant,
      realm_id: T.adminRealm,
      display_name: 'Management API',
      is_managed: 1,
      classification: 'management_api',
      resource_server_id: null,
      authenticator_config_id: null,
      protocol_config: JSON.stringify({ type: 'oauth2' }),
      create_time: NOW,
      update_time: NOW,
    })
    .execute();
  await db
    .insertInto('groups')
    .values({
      id: T.group,
      tenant_id: T.tenant,
      realm_id: T.realm,
      display_name: 'Old Group',
      display_name_key: 'old group',
      description: '',
      create_time: NOW,
      update_time: NOW,
    })
    .execute();
  await db.insertInto('group_members').values({ group_id: T.group, identity_id: T.alice }).execute();
}

/** An event as 007-audit-events stores it. */
const OLD_EVENT = '01940000-0000-7000-8000-00000000a001';
async function fillAuditSchema(db: Kysely<any>): Promise<void> {
  const actor = { type: 'cli' };
  await db
    .insertInto('audit_events')
    .values({
      id: OLD_EVENT,
      tenant_id: T.tenant,
      realm_id: T.realm,
      type: 'identity.updated',
      resource_type: 'identity',
      resource_id: T.bob,
      actor_type: 'cli',
      actor_id: 'cli',
      actor_subject: null,
      actor: JSON.stringify(actor),
      address: null,
      request_id: null,
      state_before: JSON.stringify({ id: T.bob }),
      state_after: JSON.stringify({ id: T.bob }),
      create_time: NOW,
    })
    .execute();
}

const FILL_AFTER: Record<string, (db: Kysely<any>) => Promise<void>> = {
  '001-core': fillCoreSchema,
  '002-groups-policy': fillGroupsSchema,
  '007-audit-events': fillAuditSchema,
};

describeApi('store migrations: a populated store from the first schema, through every migration, still serves its data', () => {
  let database: TestDatabase;
  let y: TestYonder;
  let token: string;
  const migrated: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase({ empty: true });
    const connection: Connection = connect(database.databaseUrl, database.pgSchema ? { pgSchema: database.pgSchema } : {});
    try {
      const migrator = new Migrator({
        db: connection.db,
        provider: migrationProvider,
        ...(database.pgSchema ? { migrationTableSchema: database.pgSchema } : {}),
      });
      const db = connection.db as unknown as Kysely<any>;
      const counts = async () => {
        const row = async (table: string) => Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]?.n);
        return { identities: await row('identities'), groups: migrated.includes('002-groups-policy') ? await row('group_members') : 0 };
      };
      for (const name of Object.keys(await migrationProvider.getMigrations())) {
        const before = migrated.length > 0 ? await counts() : null;
        const { error, results } = await migrator.migrateTo(name);
        if (error) throw error;
        expect(results?.map((r) => `${r.migrationName} ${r.status}`)).toEqual([`${name} Success`]);
        migrated.push(name);
        // Each migration keeps every row it found.
        if (before) expect(await counts(), name).toEqual(before);
        await FILL_AFTER[name]?.(db);
      }
    } finally {
      await connection.close();
    }
    y = await TestYonder.start(database);
    const tenant = await y.yonder.store.tenants.get(T.tenant);
    if (!tenant) throw new Error('the old tenant is gone');
    token = (await y.yonder.tokens.mint(y.yonder.store, { tenant, scopes: MANAGEMENT_SCOPES, ttlSeconds: 600, displayName: 'upgrade check' })).token;
  }, 60_000);
  afterAll(async () => y?.close());

  const path = (rest: string) => `/v1/tenants/${T.tenant}/realms/${T.realm}${rest}`;
  const get = (rest: string) => y.request('GET', path(rest), { token });

  it('ran every migration, each on a populated store', () => {
    expect(migrated.length).toBeGreaterThan(2);
    expect(migrated[0]).toBe('001-core');
  });

  it('the old identities read back, and the filters whose indexes came later find them', async () => {
    const alice = await get(`/identities/${T.alice}`);
    expect(alice.status, alice.text).toBe(200);
    expect(alice.body).toMatchObject({ display_name: 'Old alice', traits: { username: 'alice', primary_email_address: 'alice@old.example' } });
    for (const filter of [
      'traits.primary_email_address eq "alice@old.example"',
      'traits.external_id eq "ext-alice"',
      'display_name eq "Old alice"',
    ]) {
      const list = await get(`/identities?filter=${encodeURIComponent(filter)}`);
      expect(
        list.body.identities.map((i: { id: string }) => i.id),
        filter,
      ).toEqual([T.alice]);
    }
    const scim = await get(`/scim/v2/Users?filter=${encodeURIComponent('emails.value eq "alice.home@old.example"')}`);
    expect(scim.body.Resources.map((u: { id: string }) => u.id)).toEqual([T.alice]);
  });

  it('rows that existed before a version column start at version 1 and count up from there', async () => {
    const user = await get(`/scim/v2/Users/${T.bob}`);
    expect(user.body.meta.version).toBe('W/"1"');
    const replaced = await y.request('PUT', path(`/scim/v2/Users/${T.bob}`), {
      token,
      body: { schemas: [CORE_USER], userName: 'bob', displayName: 'Bob Again' },
    });
    expect(replaced.status, replaced.text).toBe(200);
    expect(replaced.body.meta.version).toBe('W/"2"');
    const group = await get(`/scim/v2/Groups/${T.group}`);
    expect(group.body.meta.version).toBe('W/"1"');
  });

  it('the old audit trail lists, with the events written since', async () => {
    const events = await get(`/events?filter=${encodeURIComponent(`resource_id eq "${T.bob}"`)}`);
    expect(events.status, events.text).toBe(200);
    expect(events.body.events.map((e: { id: string }) => e.id)).toContain(OLD_EVENT);
  });

  it('old memberships and the old unique username hold', async () => {
    const members = await get(`/groups/${T.group}:listMembers`);
    expect(members.body.identities.map((i: { id: string }) => i.id)).toEqual([T.alice]);
    const taken = await y.request('POST', path('/identities'), {
      token,
      body: { identity: { display_name: 'x', traits: { type: 'traits_v0', username: 'ALICE' } } },
    });
    expect(taken.status).toBe(409);
  });
});
