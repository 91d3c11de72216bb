import { afterAll, beforeAll, expect, it } from 'vitest';
import { REDACTED } from '../../src/domain/audit/redact.js';
import { TestYonder, describeApi } from '../support/harness.js';
import { dumpDatabase } from '../support/raw-database.js';
import { CORE_GROUP, CORE_USER, patchOp, scimPath } from '../support/scim.js';

/**
 * Every kind of change leaves its event: tenant, realms, groups and their members, applications,
 * policy publish and restore, every policy decision, and SCIM writes (which share the identities'
 * rows). And the list: filters, time range, newest-first paging locked to its filters.
 */
describeApi('events: every change is recorded, and the list filters and pages', () => {
  let y: TestYonder;
  beforeAll(async () => {
    y = await TestYonder.start();
  });
  afterAll(async () => y?.close());

  async function list(query: string, realmId = y.realmId) {
    const reply = await y.request('GET', y.realmPath(`/events?${query}`, realmId));
    expect(reply.status, reply.text).toBe(200);
    return reply.body as { events: any[]; total_size: number; next_page_token?: string };
  }
  const typesOf = async (resourceId: string, realmId = y.realmId) =>
    (await list(`resource_id=${resourceId}`, realmId)).events.map((e) => e.type).reverse();

  it('tenant and realm changes: the tenant and realm lifecycle in the admin realm, realm updates in the realm', async () => {
    expect((await y.request('PATCH', `/v1/tenants/${y.tenantId}`, { body: { tenant: { display_name: 'Audited' } } })).status).toBe(200);
    const [tenantEvent] = (await list(`resource_type=tenant`, y.adminRealmId)).events;
    expect(tenantEvent).toMatchObject({ type: 'tenant.updated', before: { display_name: 'yonder' }, after: { display_name: 'Audited' } });

    const realm = (await y.request('POST', `/v1/tenants/${y.tenantId}/realms`, { body: { realm: { display_name: 'Short Lived' } } })).body;
    expect((await y.request('PATCH', y.realmPath('', realm.id), { body: { realm: { display_name: 'Renamed' } } })).status).toBe(200);
    expect(await typesOf(realm.id, realm.id)).toEqual(['realm.updated']);
    expect((await y.request('DELETE', y.realmPath('', realm.id))).status).toBe(200);
    expect(await typesOf(realm.id, y.adminRealmId)).toEqual(['realm.created', 'realm.deleted']);
    expect(await typesOf(realm.id, realm.id).catch(() => 'realm gone')).toBe('realm gone');
    const deleted = (await list(`type=realm.deleted`, y.adminRealmId)).events[0];
    expect(deleted.before).toMatchObject({ id: realm.id, display_name: 'Renamed' });
  });

  it('groups: create, update, members added and removed, delete', async () => {
    const person = await y.createIdentity('member');
    const group = (await y.request('POST', y.realmPath('/groups'), { body: { group: { display_name: 'Audited Group' } } })).body;
    await y.request('PATCH', y.realmPath(`/groups/${group.id}`), { body: { group: { description: 'now described' } } });
    await y.request('POST', y.realmPath(`/groups/${group.id}:addMembers`), { body: { identity_ids: [person.id] } });
    await y.request('POST', y.realmPath(`/groups/${group.id}:deleteMembers`), { body: { identity_ids: [person.id] } });
    expect((await y.request('DELETE', y.realmPath(`/groups/${group.id}`))).status).toBe(200);
    expect(await typesOf(group.id)).toEqual(['group.created', 'group.updated', 'group.members_added', 'group.members_removed', 'group.deleted']);
    const added = (await list(`resource_id=${group.id}&type=group.members_added`)).events[0];
    expect(added.after).toEqual({ identity_ids: [person.id] });
    // A rejected membership change (an unknown identity) records nothing.
    const again = (await y.request('POST', y.realmPath('/groups'), { body: { group: { display_name: 'Second' } } })).body;
    const bad = await y.request('POST', y.realmPath(`/groups/${again.id}:addMembers`), { body: { identity_ids: ['0000000000000000'] } });
    expect(bad.status).toBe(404);
    expect(await typesOf(again.id)).toEqual(['group.created']);
  });

  it('applications: create, update, delete, with secrets in the configuration redacted', async () => {
    const created = await y.request('POST', y.realmPath('/applications'), {
      body: { application: { display_name: 'Audited App', protocol_config: { type: 'oidc', signing_secret: 'sekrit-value-1' } } },
    });
    expect(created.status).toBe(200);
    const id = created.body.id;
    await y.request('PATCH', y.realmPath(`/applications/${id}`), {
      body: { application: { protocol_config: { type: 'oidc', signing_secret: 'sekrit-value-2', refresh_token: 'rt-value' } } },
    });
    expect((await y.request('DELETE', y.realmPath(`/applications/${id}`))).status).toBe(200);
    const events = (await list(`resource_type=application&resource_id=${id}`)).events.reverse();
    expect(events.map((e) => e.type)).toEqual(['application.created', 'application.updated', 'application.deleted']);
    // yonder fills in the configuration's defaults; the secrets among it are what matters here.
    expect(events[1].before.protocol_config).toMatchObject({ type: 'oidc', signing_secret: REDACTED });
    expect(events[1].after.protocol_config).toMatchObject({ type: 'oidc', signing_secret: REDACTED, refresh_token: REDACTED });
    const trail = (await y.request('GET', y.realmPath('/events?page_size=200'))).text;
    expect(trail).not.toContain('sekrit-value');
    expect(trail).not.toContain('rt-value');
    // The application is gone and its events hold no copy of its secrets.
    const dump = await dumpDatabase(y.databaseLocation);
    expect(dump).not.toContain('sekrit-value');
    expect(dump).not.toContain('rt-value');
  });

  it('policy publish and restore record both versions; every decision is recorded', async () => {
    const rule = { name: 'allow all', transaction: 'authentication', action: 'ALLOW', conditions: {} };
    const put = await y.request('PUT', y.realmPath('/policy'), { body: { policy: { version: 1, rules: [rule] } } });
    expect(put.status).toBe(200);
    const restored = await y.request('POST', y.realmPath('/policy:restore'), { body: { version: 1 } });
    expect(restored.status).toBe(200);
    const stale = await y.request('PUT', y.realmPath('/policy'), { body: { policy: { version: 1, rules: [rule] } } });
    expect(stale.status).toBe(409);
    const events = (await list('resource_type=policy')).events.reverse();
    expect(events.map((e) => [e.type, e.before?.version, e.after.version])).toEqual([
      ['policy.published', 1, 2],
      ['policy.restored', 2, 3],
    ]);
    expect(events[1].after.restored_from).toBe(1);
    expect(events[0].resource_id).toBe(y.realmId);

    const person = await y.createIdentity('decided');
    const decision = await y.request('POST', y.realmPath('/policy:evaluate'), {
      body: { identity_id: person.id, transaction: 'authentication' },
    });
    expect(decision.status).toBe(200);
    const [evaluated] = (await list(`type=policy.evaluated&resource_id=${person.id}`)).events;
    expect(evaluated).toMatchObject({
      resource_type: 'identity',
      before: null,
      after: { decision: decision.body.decision, rule_id: decision.body.rule_id, transaction: 'authentication', policy_version: 3 },
    });
    const unknown = await y.request('POST', y.realmPath('/policy:evaluate'), {
      body: { identity_id: '0000000000000000', transaction: 'authentication' },
    });
    expect(unknown.status).toBe(404);
    expect((await list('type=policy.evaluated')).total_size).toBe(1);

    // Concurrent decisions share commits (store/engine/group-commit.ts); each still answers only with
    // its event written, and each is recorded exactly once with its own request id.
    const others = await Promise.all(Array.from({ length: 4 }, (_, i) => y.createIdentity(`decided-${i}`)));
    const replies = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        y.request('POST', y.realmPath('/policy:evaluate'), {
          body: { identity_id: others[i % others.length]?.id, transaction: 'authentication' },
          headers: { 'x-request-id': `evaluate-${i}` },
        }),
      ),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(40).fill(200));
    const recorded = (await list('type=policy.evaluated&page_size=100')).events;
    expect(recorded).toHaveLength(41);
    expect(new Set(recorded.map((e) => e.request_id)).size).toBe(41);
    for (const person of others) {
      expect((await list(`type=policy.evaluated&resource_id=${person.id}`)).total_size).toBe(10);
    }
  });

  it('SCIM user writes are identity events; a 409 from SCIM records nothing', async () => {
    const created = await y.request('POST', scimPath(y, '/Users'), { body: { schemas: [CORE_USER], userName: 'scim-audited' } });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const conflict = await y.request('POST', scimPath(y, '/Users'), { body: { schemas: [CORE_USER], userName: 'SCIM-AUDITED' } });
    expect(conflict.status).toBe(409);
    await y.request('PATCH', scimPath(y, `/Users/${id}`), { body: patchOp({ op: 'replace', path: 'active', value: false }) });
    expect((await y.request('DELETE', scimPath(y, `/Users/${id}`))).status).toBe(204);
    expect(await typesOf(id)).toEqual(['identity.created', 'identity.updated', 'identity.deleted']);
    const updated = (await list(`resource_id=${id}&type=identity.updated`)).events[0];
    expect([updated.before.status, updated.after.status]).toEqual(['active', 'suspended']);
  });

  it('resource servers and roles: every write is recorded (roles grant scopes), a refused one is not', async () => {
    const person = await y.createIdentity('role-holder');
    const server = (
      await y.request('POST', y.realmPath('/resource-servers'), {
        body: { resource_server: { display_name: 'Audited API', identifier: 'https://audited.example', scopes: ['a:read', 'a:write'] } },
      })
    ).body;
    await y.request('PATCH', y.realmPath(`/resource-servers/${server.id}`), { body: { resource_server: { display_name: 'Audited API 2' } } });
    const roles = y.realmPath(`/resource-servers/${server.id}/roles`);
    const role = (await y.request('POST', roles, { body: { role: { display_name: 'Auditor' } } })).body;
    await y.request('PATCH', `${roles}/${role.id}`, { body: { role: { description: 'reads' } } });
    await y.request('POST', `${roles}/${role.id}:addScopes`, { body: { scopes: ['a:read'] } });
    await y.request('POST', `${roles}/${role.id}:addMembers`, { body: { identity_ids: [person.id] } });
    // Refused: the role still has children; records nothing.
    expect((await y.request('DELETE', `${roles}/${role.id}`)).status).toBe(409);
    await y.request('POST', `${roles}/${role.id}:deleteMembers`, { body: { identity_ids: [person.id] } });
    await y.request('POST', `${roles}/${role.id}:deleteScopes`, { body: { scopes: ['a:read'] } });
    expect((await y.request('DELETE', `${roles}/${role.id}`)).status).toBe(200);
    expect((await y.request('DELETE', y.realmPath(`/resource-servers/${server.id}`))).status).toBe(200);
    expect(await typesOf(server.id)).toEqual(['resource_server.created', 'resource_server.updated', 'resource_server.deleted']);
    expect(await typesOf(role.id)).toEqual([
      'role.created',
      'role.updated',
      'role.scopes_added',
      'role.members_added',
      'role.members_removed',
      'role.scopes_removed',
      'role.deleted',
    ]);
    const added = (await list(`resource_id=${role.id}&type=role.members_added`)).events[0];
    expect(added.after).toEqual({ identity_ids: [person.id], group_ids: [] });
    const scoped = (await list(`resource_id=${role.id}&type=role.scopes_added`)).events[0];
    expect(scoped.after).toEqual({ scopes: ['a:read'] });
  });

  it('deleting a resource server records the deletion of each role that goes with it, members and scopes included', async () => {
    const person = await y.createIdentity('role-goes-with-server');
    const server = (
      await y.request('POST', y.realmPath('/resource-servers'), {
        body: { resource_server: { display_name: 'Doomed API', identifier: 'https://doomed.example', scopes: ['d:read'] } },
      })
    ).body;
    const roles = y.realmPath(`/resource-servers/${server.id}/roles`);
    const held = (await y.request('POST', roles, { body: { role: { display_name: 'Holder' } } })).body;
    const empty = (await y.request('POST', roles, { body: { role: { display_name: 'Empty' } } })).body;
    await y.request('POST', `${roles}/${held.id}:addScopes`, { body: { scopes: ['d:read'] } });
    await y.request('POST', `${roles}/${held.id}:addMembers`, { body: { identity_ids: [person.id] } });
    expect((await y.request('DELETE', y.realmPath(`/resource-servers/${server.id}`))).status).toBe(200);
    expect((await typesOf(held.id)).at(-1)).toBe('role.deleted');
    expect((await typesOf(empty.id)).at(-1)).toBe('role.deleted');
    const deleted = (await list(`resource_id=${held.id}&type=role.deleted`)).events[0];
    expect(deleted.before).toMatchObject({ id: held.id, display_name: 'Holder' });
  });

  it('SCIM group writes leave the events their v1 equivalents leave; a refused one records nothing', async () => {
    const [one, two, three] = [await y.createIdentity('scim-g-1'), await y.createIdentity('scim-g-2'), await y.createIdentity('scim-g-3')];
    const events = async (id: string) => (await list(`resource_id=${id}`)).events.reverse().map((e) => [e.type, e.after?.identity_ids]);
    // POST with members: the group is created, then its members added (v1: create, :addMembers).
    const created = await y.request('POST', scimPath(y, '/Groups'), {
      body: { schemas: [CORE_GROUP], displayName: 'SCIM Audited', members: [{ value: one.id }] },
    });
    expect(created.status, created.text).toBe(201);
    const id = created.body.id;
    expect(await events(id)).toEqual([
      ['group.created', undefined],
      ['group.members_added', [one.id]],
    ]);
    // PATCH: a rename is an update (v1 PATCH); member adds and removes are membership events.
    const patched = await y.request('PATCH', scimPath(y, `/Groups/${id}`), {
      body: patchOp(
        { op: 'replace', path: 'displayName', value: 'SCIM Audited 2' },
        { op: 'add', path: 'members', value: [{ value: two.id }] },
        { op: 'remove', path: `members[value eq "${one.id}"]` },
      ),
    });
    expect(patched.status, patched.text).toBe(200);
    expect((await events(id)).slice(2)).toEqual([
      ['group.updated', undefined],
      ['group.members_removed', [one.id]],
      ['group.members_added', [two.id]],
    ]);
    const renamed = (await list(`resource_id=${id}&type=group.updated`)).events[0];
    expect([renamed.before.display_name, renamed.after.display_name]).toEqual(['SCIM Audited', 'SCIM Audited 2']);
    // PUT: the group is updated, and its member list replaced (the net change only).
    const put = await y.request('PUT', scimPath(y, `/Groups/${id}`), {
      body: { schemas: [CORE_GROUP], displayName: 'SCIM Audited 3', members: [{ value: two.id }, { value: three.id }] },
    });
    expect(put.status, put.text).toBe(200);
    expect((await events(id)).slice(5)).toEqual([
      ['group.updated', undefined],
      ['group.members_added', [three.id]],
    ]);
    // A member PATCH that empties the group names those it removed.
    await y.request('PATCH', scimPath(y, `/Groups/${id}`), { body: patchOp({ op: 'replace', path: 'members', value: [{ value: one.id }] }) });
    const replaced = (await events(id)).slice(7);
    expect(replaced.map(([type]) => type)).toEqual(['group.members_removed', 'group.members_added']);
    expect([(replaced[0]![1] as string[]).sort(), replaced[1]?.[1]]).toEqual([[two.id, three.id].sort(), [one.id]]);
    // A refused write (a member of no realm) records nothing.
    const before = (await list(`resource_id=${id}`)).total_size;
    const refused = await y.request('PATCH', scimPath(y, `/Groups/${id}`), {
      body: patchOp({ op: 'add', path: 'members', value: [{ value: '0000000000000000' }] }),
    });
    expect(refused.status).toBe(400);
    expect((await list(`resource_id=${id}`)).total_size).toBe(before);
    // DELETE with members: they are removed, then the group deleted (v1: :deleteMembers, DELETE).
    expect((await y.request('DELETE', scimPath(y, `/Groups/${id}`))).status).toBe(204);
    expect((await events(id)).slice(9)).toEqual([
      ['group.members_removed', [one.id]],
      ['group.deleted', undefined],
    ]);
  });

  it('filters by actor and time, pages newest first with a token locked to its filters, refuses bad times', async () => {
    const token = await y.mintToken(['identities:create', 'events:read']);
    const jti = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()).jti as string;
    const start = new Date().toISOString();
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      const reply = await y.request('POST', y.realmPath('/identities'), {
        token,
        body: { identity: { display_name: `paged ${i}`, traits: { type: 'traits_v0', username: `paged-${i}` } } },
      });
      made.push(reply.body.id);
    }
    const byActor = await list(`actor=${jti}`);
    expect(byActor.total_size).toBe(5);
    expect(byActor.events.map((e) => e.resource_id)).toEqual([...made].reverse());

    const seen: string[] = [];
    let page = await list(`actor=${jti}&page_size=2`);
    seen.push(...page.events.map((e) => e.resource_id));
    while (page.next_page_token) {
      // A new event meanwhile does not disturb a walk back in time.
      await y.createIdentity(`interloper-${seen.length}`);
      page = await list(`actor=${jti}&page_token=${page.next_page_token}`);
      seen.push(...page.events.map((e) => e.resource_id));
    }
    expect(seen).toEqual([...made].reverse());

    const first = await list(`actor=${jti}&page_size=2`);
    const swapped = await y.request('GET', y.realmPath(`/events?type=identity.created&page_token=${first.next_page_token}`));
    expect(swapped.status).toBe(400);

    expect((await list(`actor=${jti}&since=${start}`)).total_size).toBe(5);
    expect((await list(`actor=${jti}&until=${start}`)).total_size).toBe(0);
    expect((await list(`since=2999-01-01T00:00:00%2B01:00`)).total_size).toBe(0);
    expect((await list(`actor=cli`)).total_size).toBe(0);
    expect((await list(`actor=system`, y.adminRealmId)).total_size).toBeGreaterThan(0); // the bootstrap's group and app
    for (const bad of [
      'since=yesterday',
      'until=2026-13-01T00:00:00Z',
      'since=2026-11-28',
      'since=2026-11-28T10:00:00Z&until=2026-11-28T09:00:00Z',
    ]) {
      const reply = await y.request('GET', y.realmPath(`/events?${bad}`));
      expect(reply.status, bad).toBe(400);
      expect(reply.body.details[0].type).toBe('FieldViolations');
    }
  });
});
