import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestYonder, describeApi, engine } from '../support/harness.js';

describeApi('identities: usernames are unique per realm, case-insensitively', () => {
  let y: TestYonder;
  let otherRealmId: string;
  beforeAll(async () => {
    y = await TestYonder.start();
    const realm = await y.request('POST', `/v1/tenants/${y.tenantId}/realms`, { body: { realm: { display_name: 'Other' } } });
    otherRealmId = realm.body.id;
  });
  afterAll(async () => y?.close());

  const create = (username: string, realmId?: string) =>
    y.request('POST', y.realmPath('/identities', realmId), {
      body: { identity: { display_name: username, traits: { type: 'traits_v0', username } } },
    });

  it('POST /identities returns 409 when the username differs only by case, and keeps the case the client sent', async () => {
    const first = await create('Alice');
    expect(first.status).toBe(200);
    expect(first.body.traits.username).toBe('Alice');
    const second = await create('alice');
    expect(second.status).toBe(409);
    expect(second.body).toEqual({ code: 'conflict', message: 'username already exists' });
  });

  it('the same usernames succeed in another realm', async () => {
    expect((await create('Alice', otherRealmId)).status).toBe(200);
    expect((await create('ALICE', otherRealmId)).status).toBe(409);
  });

  it('Unicode forms and full case folding count as the same username', async () => {
    expect((await create('Straße')).status).toBe(200);
    expect((await create('STRASSE')).status).toBe(409);
    expect((await create('Ame\u0301lie')).status).toBe(200); // decomposed é
    expect((await create('AM\u00c9LIE')).status).toBe(409); // composed É
  });

  it('PATCH to a username another identity holds (in any case) gets 409 and changes nothing', async () => {
    const bob = (await create('bob')).body;
    const reply = await y.request('PATCH', y.realmPath(`/identities/${bob.id}`), {
      body: { identity: { traits: { type: 'traits_v0', username: 'ALICE' } } },
    });
    expect(reply.status).toBe(409);
    expect(reply.body.message).toBe('username already exists');
    const after = await y.request('GET', y.realmPath(`/identities/${bob.id}`));
    expect(after.body.traits.username).toBe('bob');
  });

  it('an identity may change the case of its own username', async () => {
    const carol = (await create('carol')).body;
    const reply = await y.request('PATCH', y.realmPath(`/identities/${carol.id}`), {
      body: { identity: { traits: { type: 'traits_v0', username: 'Carol' } } },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.traits.username).toBe('Carol');
  });

  it('fifty concurrent creates of one username: exactly one 200, the rest 409', async () => {
    const replies = await Promise.all(Array.from({ length: 50 }, (_, i) => create(i % 2 ? 'RaceUser' : 'raceuser')));
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const list = await y.request('GET', y.realmPath('/identities?filter=traits.username eq "RACEUSER"'));
    expect(list.body.total_size).toBe(1);
  });

  it.runIf(engine === 'postgres')(
    'fifty concurrent creates of one username split over two yonder instances on one PostgreSQL: exactly one wins (PostgreSQL only: two stores in one process on one SQLite file would wait on each other synchronously; test/process races two servers on one file)',
    async () => {
      const second = await TestYonder.start(y.databaseLocation);
      try {
        const replies = await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            (i % 2 ? y : second).request('POST', y.realmPath('/identities'), {
              body: { identity: { display_name: 'x', traits: { type: 'traits_v0', username: i % 3 ? 'TwoProc' : 'twoproc' } } },
            }),
          ),
        );
        expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
        expect(replies.filter((r) => r.status === 409)).toHaveLength(49);
      } finally {
        await second.stop();
      }
    },
  );
});
