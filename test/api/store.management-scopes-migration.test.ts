import { afterAll, expect, it } from 'vitest';
import * as managementScopes from '../../src/store/migrations/025-management-scopes.js';
import { TestYonder, createTestDatabase, describeApi, rawKyselyOf } from '../support/harness.js';

const ADDED = ['flow-type:read', 'flow-type:create', 'flow-type:update']
  .concat(['webhooks:create', 'webhooks:read', 'webhooks:update', 'webhooks:delete'])
  .concat(['identity-providers:create', 'identity-providers:read', 'identity-providers:update', 'identity-providers:delete']);

/**
 * Migration 025: a store bootstrapped before yonder had launch mechanisms, webhooks and identity
 * providers knew none of their scopes, so its administrators could not use them. After it, the
 * Management API resource server and application allow them and a full administrator's role
 * (the Tenant Administrator) holds them; a role with fewer scopes gains nothing.
 */
describeApi('migration 025: scopes added since a store was bootstrapped', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('gives the Management API and a full administrator the new scopes, and a partial role none', async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const first = await TestYonder.start(database);
    const servers = await first.request('GET', first.realmPath('/resource-servers', first.adminRealmId));
    const management = servers.body.resource_servers.find((s: { identifier: string }) => s.identifier === 'beyondidentity');
    const rolesPath = first.realmPath(`/resource-servers/${management.id}/roles`, first.adminRealmId);
    const roles = (await first.request('GET', rolesPath)).body.roles;
    const tenantAdmin = roles.find((r: { display_name: string }) => r.display_name === 'Tenant Administrator').id;
    const auditor = (await first.request('POST', rolesPath, { body: { role: { display_name: 'Auditor' } } })).body.id;
    expect((await first.request('POST', `${rolesPath}/${auditor}:addScopes`, { body: { scopes: ['events:read', 'identities:read'] } })).status).toBe(
      200,
    );
    await first.stop();

    // The store as a yonder from before these scopes left it.
    const db = rawKyselyOf(database);
    try {
      await db.deleteFrom('role_scopes').where('scope', 'in', ADDED).execute();
      const server = await db.selectFrom('resource_servers').select('scopes').where('id', '=', management.id).executeTakeFirstOrThrow();
      const older = server.scopes.split(' ').filter((s: string) => !ADDED.includes(s));
      await db
        .updateTable('resource_servers')
        .set({ scopes: older.join(' ') })
        .where('id', '=', management.id)
        .execute();
      const app = await db
        .selectFrom('applications')
        .select(['id', 'protocol_config'])
        .where('classification', '=', 'management_api')
        .executeTakeFirstOrThrow();
      const config = JSON.parse(app.protocol_config);
      config.allowed_scopes = config.allowed_scopes.filter((s: string) => !ADDED.includes(s));
      await db
        .updateTable('applications')
        .set({ protocol_config: JSON.stringify(config) })
        .where('id', '=', app.id)
        .execute();

      await managementScopes.up(db);
      await managementScopes.up(db); // twice changes nothing more

      const after = await db.selectFrom('resource_servers').select('scopes').where('id', '=', management.id).executeTakeFirstOrThrow();
      expect(after.scopes.split(' ').sort()).toEqual([...older, ...ADDED].sort());
      const appAfter = await db.selectFrom('applications').select('protocol_config').where('id', '=', app.id).executeTakeFirstOrThrow();
      expect(JSON.parse(appAfter.protocol_config).allowed_scopes).toEqual(expect.arrayContaining(ADDED));
    } finally {
      await db.destroy();
    }

    const second = await TestYonder.start(database);
    try {
      const scopesOf = async (roleId: string) =>
        (await second.request('GET', `${rolesPath}/${roleId}:listScopes?page_size=100`)).body.scopes as string[];
      expect(await scopesOf(tenantAdmin)).toEqual(expect.arrayContaining(ADDED));
      expect((await scopesOf(auditor)).sort()).toEqual(['events:read', 'identities:read']);
    } finally {
      await second.stop();
    }
  });
});
