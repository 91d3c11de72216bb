import { afterAll, beforeAll, expect, it } from 'vitest';
import { newTraits } from '../../src/domain/directory/identity.js';
import { newId } from '../../src/domain/ids.js';
import { nowTimestamp } from '../../src/domain/time.js';
import { TestYonder, describeApi } from '../support/harness.js';

describeApi('groups: membership', () => {
  let y: TestYonder;
  beforeAll(async () => {
    y = await TestYonder.start();
  });
  afterAll(async () => y?.close());

  async function createGroup(display_name: string, realmId = y.realmId) {
    const reply = await y.request('POST', y.realmPath('/groups', realmId), { body: { group: { display_name } } });
    expect(reply.status, reply.text).toBe(200);
    return reply.body as { id: string; display_name: string };
  }

  /** Many identities in one transaction, straight through the store: the API is not under test here. */
  async function bulkIdentities(prefix: string, count: number): Promise<string[]> {
    const now = nowTimestamp();
    const ids: string[] = [];
    await y.yonder.store.transaction(async (tx) => {
      for (let i = 0; i < count; i++) {
        const id = newId();
        const username = `${prefix}-${i}`;
        await tx.identities.insert({
          id,
          realm_id: y.realmId,
          tenant_id: y.tenantId,
          display_name: username,
          status: 'active',
          traits: newTraits({ type: 'traits_v0', username }),
          enrollment_status: 'UNENROLLED',
          create_time: now,
          update_time: now,
          version: 1,
        });
        ids.push(id);
      }
    });
    return ids;
  }

  async function memberIds(groupId: string): Promise<string[]> {
    const ids: string[] = [];
    let token: string | undefined;
    do {
      const query = token ? `page_size=200&page_token=${token}` : 'page_size=200';
      const reply = await y.request('GET', y.realmPath(`/groups/${groupId}:listMembers?${query}`));
      expect(reply.status, reply.text).toBe(200);
      ids.push(...reply.body.identities.map((i: { id: string }) => i.id));
      token = reply.body.next_page_token;
    } while (token);
    return ids;
  }

  const add = (groupId: string, identity_ids: string[], via = y) =>
    via.request('POST', via.realmPath(`/groups/${groupId}:addMembers`), { body: { identity_ids } });
  const remove = (groupId: string, identity_ids: string[], via = y) =>
    via.request('POST', via.realmPath(`/groups/${groupId}:deleteMembers`), { body: { identity_ids } });

  it(':addMembers and :deleteMembers return the group; adding twice or removing a non-member is not an error', async () => {
    const group = await createGroup('idempotent');
    const a = await y.createIdentity('idem-a');
    const b = await y.createIdentity('idem-b');
    const first = await add(group.id, [a.id, b.id]);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id: group.id, display_name: 'idempotent', realm_id: y.realmId });
    expect((await add(group.id, [a.id, a.id])).status).toBe(200);
    expect((await remove(group.id, [b.id])).status).toBe(200);
    expect((await remove(group.id, [b.id])).status).toBe(200);
    expect(await memberIds(group.id)).toEqual([a.id]);
  });

  it('GET :listMembers returns full identities in the contract shape', async () => {
    const group = await createGroup('shape');
    const member = await y.createIdentity('shape-member');
    await add(group.id, [member.id]);
    const reply = await y.request('GET', y.realmPath(`/groups/${group.id}:listMembers`));
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ identities: [member], total_size: 1 });
  });

  it('an identity in 3 groups lists exactly those 3 groups', async () => {
    const identity = await y.createIdentity('three-groups');
    const groups = [await createGroup('g-one'), await createGroup('g-two'), await createGroup('g-three')];
    await createGroup('g-not-mine');
    for (const group of groups) expect((await add(group.id, [identity.id])).status).toBe(200);
    const reply = await y.request('GET', y.realmPath(`/identities/${identity.id}:listGroups`));
    expect(reply.status).toBe(200);
    expect(reply.body.total_size).toBe(3);
    expect(reply.body.next_page_token).toBeUndefined();
    expect(reply.body.groups.map((g: { id: string }) => g.id).sort()).toEqual(groups.map((g) => g.id).sort());
    expect(reply.body.groups[0]).toEqual(groups.find((g) => g.id === reply.body.groups[0].id));
    const paged = await y.request('GET', y.realmPath(`/identities/${identity.id}:listGroups?page_size=2`));
    expect(paged.body.groups).toHaveLength(2);
    expect(paged.body.next_page_token).toMatch(/^[A-Za-z0-9_.-]+$/);
  });

  it('a group with 1,000 members pages them exactly once at page_size 200', async () => {
    const group = await createGroup('thousand');
    const ids = await bulkIdentities('thousand', 1000);
    expect((await add(group.id, ids)).status).toBe(200);
    const first = await y.request('GET', y.realmPath(`/groups/${group.id}:listMembers?page_size=200`));
    expect(first.body.total_size).toBe(1000);
    const listed = await memberIds(group.id);
    expect(listed).toHaveLength(1000);
    expect(new Set(listed)).toEqual(new Set(ids));
  });

  it(':addMembers with one unknown id returns 404 naming it and adds nothing', async () => {
    const group = await createGroup('all-or-nothing');
    const known = await y.createIdentity('aon-known');
    const reply = await add(group.id, [known.id, 'abcdefabcdefabcd']);
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({
      code: 'not_found',
      message: 'identity not found',
      details: [{ type: 'ResourceInfo', resource_type: 'Identity', id: 'abcdefabcdefabcd', description: 'identity not found' }],
    });
    expect(await memberIds(group.id)).toEqual([]);
  });

  it("another realm's identity id is treated as unknown by :addMembers and :deleteMembers", async () => {
    const realm = await y.request('POST', `/v1/tenants/${y.tenantId}/realms`, { body: { realm: { display_name: 'Other' } } });
    const stranger = await y.createIdentity('stranger', {}, realm.body.id);
    const group = await createGroup('home');
    const local = await y.createIdentity('home-local');
    await add(group.id, [local.id]);
    const added = await add(group.id, [stranger.id]);
    expect(added.status).toBe(404);
    expect(added.body.details[0]).toMatchObject({ resource_type: 'Identity', id: stranger.id });
    const removed = await remove(group.id, [local.id, stranger.id]);
    expect(removed.status).toBe(404);
    expect(await memberIds(group.id)).toEqual([local.id]);
    // And a group of another realm is not found through this realm's path.
    const foreignGroup = await createGroup('foreign', realm.body.id);
    expect((await add(foreignGroup.id, [local.id])).status).toBe(404);
  });

  it(':addMembers refuses an empty list, more than 1000 ids, wrong types and malformed JSON, changing nothing', async () => {
    const group = await createGroup('bad-input');
    const empty = await add(group.id, []);
    expect(empty.status).toBe(400);
    expect(empty.body.details[0].field_violations[0].field).toBe('identity_ids');
    const tooMany = await add(
      group.id,
      Array.from({ length: 1001 }, () => newId()),
    );
    expect(tooMany.status).toBe(400);
    const wrong = await y.request('POST', y.realmPath(`/groups/${group.id}:addMembers`), { body: { identity_ids: [1, 2] } });
    expect(wrong.status).toBe(400);
    const notArray = await y.request('POST', y.realmPath(`/groups/${group.id}:addMembers`), { body: { identity_ids: 'x' } });
    expect(notArray.status).toBe(400);
    const malformed = await y.request('POST', y.realmPath(`/groups/${group.id}:addMembers`), { rawBody: '{"identity_ids": [' });
    expect(malformed.status).toBe(400);
    const unknownGroup = await add('0123456789abcdef', [newId()]);
    expect(unknownGroup.status).toBe(404);
    expect(unknownGroup.body.details[0]).toMatchObject({ resource_type: 'Group' });
    expect(await memberIds(group.id)).toEqual([]);
  });

  it('deleting an identity drops its memberships; batch delete too', async () => {
    const group = await createGroup('leavers');
    const [one, two, three] = [await y.createIdentity('leaver-1'), await y.createIdentity('leaver-2'), await y.createIdentity('stayer')];
    await add(group.id, [one!.id, two!.id, three!.id]);
    expect((await y.request('DELETE', y.realmPath(`/identities/${one!.id}`))).status).toBe(200);
    expect((await y.request('POST', y.realmPath('/identities:batchDelete'), { body: { ids: [two!.id] } })).status).toBe(200);
    expect(await memberIds(group.id)).toEqual([three!.id]);
    const listed = await y.request('GET', y.realmPath(`/groups/${group.id}:listMembers`));
    expect(listed.body.total_size).toBe(1);
    // The group can now be emptied and deleted.
    await remove(group.id, [three!.id]);
    expect((await y.request('DELETE', y.realmPath(`/groups/${group.id}`))).status).toBe(200);
  });

  it(':listGroups of an unknown identity is a 404 with the contract shape', async () => {
    const reply = await y.request('GET', y.realmPath('/identities/0123456789abcdef:listGroups'));
    expect(reply.status).toBe(404);
    expect(reply.body.details[0]).toMatchObject({ resource_type: 'Identity', id: '0123456789abcdef' });
  });
});
