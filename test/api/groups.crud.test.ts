import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestYonder, describeApi } from '../support/harness.js';

describeApi('groups: create, read, update, delete', () => {
  let y: TestYonder;
  beforeAll(async () => {
    y = await TestYonder.start();
  });
  afterAll(async () => y?.close());

  async function createGroup(display_name: string, description?: string) {
    const reply = await y.request('POST', y.realmPath('/groups'), {
      body: { group: { display_name, ...(description !== undefined ? { description } : {}) } },
    });
    expect(reply.status, reply.text).toBe(200);
    return reply.body as { id: string; display_name: string; description: string };
  }

  it('POST /groups returns 200 with the bare group in the contract shape', async () => {
    const reply = await y.request('POST', y.realmPath('/groups'), {
      body: { group: { display_name: 'Realm Administrators', description: 'A group of realm administrators.' } },
    });
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.body).sort()).toEqual(
      ['create_time', 'description', 'display_name', 'id', 'realm_id', 'tenant_id', 'update_time'].sort(),
    );
    expect(reply.body).toMatchObject({
      realm_id: y.realmId,
      tenant_id: y.tenantId,
      display_name: 'Realm Administrators',
      description: 'A group of realm administrators.',
    });
    expect(reply.body.id).toMatch(/^[0-9a-f]{16}$/);
    expect(reply.body.update_time).toBe(reply.body.create_time);
  });

  it('POST /groups returns 409 "group already exists" when the name differs only by case', async () => {
    await createGroup('Straße Team');
    const reply = await y.request('POST', y.realmPath('/groups'), { body: { group: { display_name: 'STRASSE team' } } });
    expect(reply.status).toBe(409);
    expect(reply.body).toEqual({ code: 'conflict', message: 'group already exists' });
  });

  it('POST /groups refuses an empty name, a forbidden character and a long description with field violations', async () => {
    const empty = await y.request('POST', y.realmPath('/groups'), { body: { group: { display_name: '' } } });
    expect(empty.status).toBe(400);
    expect(empty.body).toEqual({
      code: 'bad_request',
      message: 'invalid parameters',
      details: [{ type: 'FieldViolations', field_violations: [{ field: 'group.display_name', description: 'empty string' }] }],
    });
    const bad = await y.request('POST', y.realmPath('/groups'), {
      body: { group: { display_name: 'ok', description: 'x'.repeat(301) } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field_violations[0].field).toBe('group.description');
    const colon = await y.request('POST', y.realmPath('/groups'), { body: { group: { display_name: 'a:b' } } });
    expect(colon.status).toBe(400);
    const wrongType = await y.request('POST', y.realmPath('/groups'), { body: { group: { display_name: 5 } } });
    expect(wrongType.status).toBe(400);
    const malformed = await y.request('POST', y.realmPath('/groups'), { rawBody: '{"group": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('bad_request');
  });

  it('GET /groups lists groups with total_size and pages them', async () => {
    for (const n of ['p1', 'p2', 'p3']) await createGroup(`page ${n}`);
    const first = await y.request('GET', y.realmPath('/groups?page_size=2'));
    expect(first.status).toBe(200);
    expect(first.body.groups).toHaveLength(2);
    expect(first.body.total_size).toBeGreaterThanOrEqual(5);
    const seen = new Set<string>(first.body.groups.map((g: { id: string }) => g.id));
    let token: string | undefined = first.body.next_page_token;
    while (token) {
      const next = await y.request('GET', y.realmPath(`/groups?page_token=${token}`));
      for (const g of next.body.groups) {
        expect(seen.has(g.id)).toBe(false);
        seen.add(g.id);
      }
      token = next.body.next_page_token;
    }
    expect(seen.size).toBe(first.body.total_size);
  });

  it('GET /groups/{id} returns the group; an unknown id gets the contract 404', async () => {
    const created = await createGroup('getme');
    const reply = await y.request('GET', y.realmPath(`/groups/${created.id}`));
    expect(reply.body).toEqual(created);
    const missing = await y.request('GET', y.realmPath('/groups/4822738be6b7f658'));
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      code: 'not_found',
      message: 'group not found',
      details: [{ type: 'ResourceInfo', resource_type: 'Group', id: '4822738be6b7f658', description: 'group not found' }],
    });
  });

  it('PATCH /groups/{id} changes only the fields given and ignores read-only ones', async () => {
    const created = await createGroup('patchme', 'before');
    const reply = await y.request('PATCH', y.realmPath(`/groups/${created.id}`), {
      body: { group: { ...created, id: 'ffffffffffffffff', description: 'after' } },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ id: created.id, display_name: 'patchme', description: 'after' });
    const taken = await y.request('PATCH', y.realmPath(`/groups/${created.id}`), { body: { group: { display_name: 'GETME' } } });
    expect(taken.status).toBe(409);
  });

  it('DELETE /groups/{id} answers 409 "group has children" while it has members, then 200 and 404', async () => {
    const group = await createGroup('deleteme');
    const member = await y.createIdentity('deleteme-member');
    await y.request('POST', y.realmPath(`/groups/${group.id}:addMembers`), { body: { identity_ids: [member.id] } });
    const refused = await y.request('DELETE', y.realmPath(`/groups/${group.id}`));
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({ code: 'conflict', message: 'group has children' });
    await y.request('POST', y.realmPath(`/groups/${group.id}:deleteMembers`), { body: { identity_ids: [member.id] } });
    const deleted = await y.request('DELETE', y.realmPath(`/groups/${group.id}`));
    expect(deleted.status).toBe(200);
    expect(deleted.text).toBe('');
    expect((await y.request('GET', y.realmPath(`/groups/${group.id}`))).status).toBe(404);
  });

  it('group routes need the groups scopes: a token without them gets 403', async () => {
    const token = await y.mintToken(['identities:read']);
    expect((await y.request('GET', y.realmPath('/groups'), { token })).status).toBe(403);
    const updateOnly = await y.mintToken(['groups:update']);
    const group = await createGroup('scoped');
    const reply = await y.request('POST', y.realmPath(`/groups/${group.id}:addMembers`), {
      token: updateOnly,
      body: { identity_ids: ['0000000000000000'] },
    });
    expect(reply.status).toBe(403);
  });

  it('DELETE /realms/{id} answers 409 "realm has children" while the realm holds a group', async () => {
    const realm = await y.request('POST', `/v1/tenants/${y.tenantId}/realms`, { body: { realm: { display_name: 'With group' } } });
    const path = (rest: string) => y.realmPath(rest, realm.body.id);
    const group = await y.request('POST', path('/groups'), { body: { group: { display_name: 'only' } } });
    expect((await y.request('DELETE', path(''))).status).toBe(409);
    await y.request('DELETE', path(`/groups/${group.body.id}`));
    expect((await y.request('DELETE', path(''))).status).toBe(200);
  });
});
