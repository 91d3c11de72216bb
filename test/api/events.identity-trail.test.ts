import { afterAll, beforeAll, expect, it } from 'vitest';
import { MANAGEMENT_SCOPES } from '../../src/domain/access/scopes.js';
import { TestYonder, describeApi } from '../support/harness.js';

/**
 * Issue 9, acceptance 4: creating, updating and deleting an identity yields three events with
 * before and after; a rejected request yields none. Also: who and from where, realm isolation,
 * and the `events:read` scope.
 */
describeApi('events: the audit trail of an identity', () => {
  let y: TestYonder;
  beforeAll(async () => {
    y = await TestYonder.start();
  });
  afterAll(async () => y?.close());

  const jtiOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()).jti as string;

  async function eventsOf(resourceId: string, realmId = y.realmId) {
    const reply = await y.request('GET', y.realmPath(`/events?resource_id=${resourceId}`, realmId));
    expect(reply.status, reply.text).toBe(200);
    return reply.body.events as any[];
  }

  async function allEventCount(realmId = y.realmId): Promise<number> {
    return (await y.request('GET', y.realmPath('/events?page_size=1', realmId))).body.total_size;
  }

  it('create, update and delete of an identity yield three events with before and after, newest first', async () => {
    const created = await y.createIdentity('trail', { traits: { type: 'traits_v0', username: 'trail', title: 'Dr' } });
    const patched = await y.request('PATCH', y.realmPath(`/identities/${created.id}`), {
      body: { identity: { display_name: 'Trail Blazer', traits: { type: 'traits_v0', title: null } } },
    });
    expect(patched.status).toBe(200);
    expect((await y.request('DELETE', y.realmPath(`/identities/${created.id}`))).status).toBe(200);

    const events = await eventsOf(created.id);
    expect(events.map((e) => e.type)).toEqual(['identity.deleted', 'identity.updated', 'identity.created']);
    const [deleted, updated, made] = events;
    expect(made.before).toBeNull();
    expect(made.after).toMatchObject({ id: created.id, display_name: 'trail', traits: { username: 'trail', title: 'Dr' } });
    expect(updated.before).toMatchObject({ display_name: 'trail', traits: { title: 'Dr' } });
    expect(updated.after).toMatchObject({ display_name: 'Trail Blazer' });
    expect(updated.after.traits).toEqual({ type: 'traits_v0', username: 'trail' });
    expect(deleted.before).toMatchObject({ id: created.id, display_name: 'Trail Blazer' });
    expect(deleted.after).toBeNull();
    for (const event of events) {
      expect(event).toMatchObject({
        tenant_id: y.tenantId,
        realm_id: y.realmId,
        resource_type: 'identity',
        resource_id: created.id,
        actor: { type: 'token', jti: jtiOf(y.token), subject: y.bootstrap.tenant.management_application_id },
        address: '127.0.0.1',
      });
      expect(event.request_id).toEqual(expect.any(String));
      expect(event.create_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
    // Ids are time-ordered: newest first is descending id order.
    expect(
      [...events]
        .map((e) => e.id)
        .sort()
        .reverse(),
    ).toEqual(events.map((e) => e.id));
  });

  it('creates committed together are each recorded once, attributed to their own token and request', async () => {
    const tokens = [y.token, await y.mintToken(MANAGEMENT_SCOPES)];
    const replies = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        y.request('POST', y.realmPath('/identities'), {
          token: tokens[i % 2] as string,
          body: { identity: { display_name: `together ${i}`, traits: { type: 'traits_v0', username: `together-${i}` } } },
        }),
      ),
    );
    const requestIds = new Set<string>();
    for (const [i, reply] of replies.entries()) {
      expect(reply.status, reply.text).toBe(200);
      const events = await eventsOf(reply.body.id);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        type: 'identity.created',
        actor: { type: 'token', jti: jtiOf(tokens[i % 2] as string) },
        after: { id: reply.body.id, traits: { username: `together-${i}` } },
      });
      requestIds.add(events[0].request_id);
    }
    expect(requestIds.size).toBe(30);
  });

  it('rejected requests (409 username taken, 400 bad body, 404 unknown id, 404 batch) record nothing', async () => {
    const taken = await y.createIdentity('taken');
    const before = await allEventCount();
    const conflict = await y.request('POST', y.realmPath('/identities'), {
      body: { identity: { display_name: 'x', traits: { type: 'traits_v0', username: 'TAKEN' } } },
    });
    expect(conflict.status).toBe(409);
    const badBody = await y.request('PATCH', y.realmPath(`/identities/${taken.id}`), { body: { identity: { display_name: 7 } } });
    expect(badBody.status).toBe(400);
    const badRule = await y.request('PATCH', y.realmPath(`/identities/${taken.id}`), {
      body: { identity: { traits: { title: 'no type' } } },
    });
    expect(badRule.status).toBe(400);
    expect((await y.request('PATCH', y.realmPath('/identities/0000000000000000'), { body: { identity: { display_name: 'n' } } })).status).toBe(404);
    expect((await y.request('DELETE', y.realmPath('/identities/0000000000000000'))).status).toBe(404);
    const batch = await y.request('POST', y.realmPath('/identities:batchDelete'), { body: { ids: [taken.id, '0000000000000000'] } });
    expect(batch.status).toBe(404);
    const renameConflict = await y.createIdentity('other-name');
    const clash = await y.request('PATCH', y.realmPath(`/identities/${renameConflict.id}`), {
      body: { identity: { traits: { type: 'traits_v0', username: 'Taken' } } },
    });
    expect(clash.status).toBe(409);

    expect(await allEventCount()).toBe(before + 1); // only the create of "other-name"
    expect((await eventsOf(taken.id)).map((e) => e.type)).toEqual(['identity.created']);
  });

  it('a batch delete records one event per identity, each with its before', async () => {
    const a = await y.createIdentity('batch-a');
    const b = await y.createIdentity('batch-b');
    const reply = await y.request('POST', y.realmPath('/identities:batchDelete'), { body: { ids: [a.id, b.id] } });
    expect(reply.status).toBe(200);
    for (const identity of [a, b]) {
      const [last] = await eventsOf(identity.id);
      expect(last).toMatchObject({ type: 'identity.deleted', after: null, before: { id: identity.id } });
    }
  });

  it('events of one realm are not visible from another', async () => {
    const realmB = (await y.request('POST', `/v1/tenants/${y.tenantId}/realms`, { body: { realm: { display_name: 'Events B' } } })).body.id;
    const inB = await y.createIdentity('only-in-b', {}, realmB);
    expect((await eventsOf(inB.id, realmB)).map((e) => e.type)).toEqual(['identity.created']);
    expect(await eventsOf(inB.id)).toEqual([]);
    const all = await y.request('GET', y.realmPath('/events?page_size=200'));
    expect(all.text).not.toContain(inB.id);
    expect(all.text).not.toContain('only-in-b');
    // A token restricted to realm B may read B's trail, not A's.
    const tokenB = await y.mintToken(['events:read'], { realmId: realmB });
    expect((await y.request('GET', y.realmPath('/events', realmB), { token: tokenB })).status).toBe(200);
    expect((await y.request('GET', y.realmPath('/events'), { token: tokenB })).status).toBe(403);
    // The realm's creation is a tenant-wide event, listed under the admin realm.
    const created = await eventsOf(realmB, y.adminRealmId);
    expect(created.map((e) => e.type)).toEqual(['realm.created']);
    expect(created[0].after).toMatchObject({ id: realmB, display_name: 'Events B' });
  });

  it('GET /events without the events:read scope answers 403; an unknown realm 404', async () => {
    const token = await y.mintToken(MANAGEMENT_SCOPES.filter((s) => s !== 'events:read'));
    const reply = await y.request('GET', y.realmPath('/events'), { token });
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual({ code: 'forbidden', message: 'The token lacks the scope this request needs: events:read.' });
    expect((await y.request('GET', y.realmPath('/events', 'ffffffffffffffff'))).status).toBe(404);
  });
});
