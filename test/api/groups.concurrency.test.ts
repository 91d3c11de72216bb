import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestYonder, describeApi, engine } from '../support/harness.js';

/**
 * Many admins (scripts, SCIM clients) change one group's members at the same time. Whatever the
 * interleaving, the end state must be one some serial order of the calls gives: no add or remove
 * may be lost, as a read-modify-write of the whole member list would lose them.
 */
describeApi(
  'groups: concurrent membership changes (through two app instances on PostgreSQL; one on SQLite, where two stores in one process would wait on each other synchronously)',
  () => {
    let y: TestYonder;
    /** On PostgreSQL, a second app instance on the same schema: a second process's view. */
    let other: TestYonder | undefined;
    beforeAll(async () => {
      y = await TestYonder.start();
      if (engine === 'postgres') other = await TestYonder.start(y.databaseLocation);
    });
    afterAll(async () => {
      await other?.stop();
      await y?.close();
    });

    it('20 clients adding and removing members of one group end with exactly the expected members', async () => {
      const group = await y.request('POST', y.realmPath('/groups'), { body: { group: { display_name: 'contended' } } });
      const groupId: string = group.body.id;
      const CLIENTS = 20;
      const PER_CLIENT = 5;
      const identity = async (name: string) => (await y.createIdentity(name)).id;
      // Each client: adds its own identities one call at a time, removes some of the group's
      // starting members, and adds then removes a transient one. The expected end state does not
      // depend on the order the clients' calls interleave in.
      const initial: string[] = [];
      for (let i = 0; i < CLIENTS * 2; i++) initial.push(await identity(`initial-${i}`));
      expect((await y.request('POST', y.realmPath(`/groups/${groupId}:addMembers`), { body: { identity_ids: initial } })).status).toBe(200);
      const plans = [];
      for (let c = 0; c < CLIENTS; c++) {
        const adds: string[] = [];
        for (let k = 0; k < PER_CLIENT; k++) adds.push(await identity(`client-${c}-${k}`));
        plans.push({ adds, removes: [initial[c * 2]!], transient: await identity(`transient-${c}`) });
      }

      await Promise.all(
        plans.map(async (plan, c) => {
          const via = other && c % 2 === 1 ? other : y;
          const call = async (verb: string, identity_ids: string[]) => {
            const reply = await via.request('POST', via.realmPath(`/groups/${groupId}:${verb}`), { body: { identity_ids } });
            expect(reply.status, reply.text).toBe(200);
          };
          await call('addMembers', [plan.transient]);
          for (const id of plan.adds) {
            await call('addMembers', [id]);
            // Shared ids: every client also (re)adds one of another client's starting members that
            // nobody removes, so adds of the same row race each other.
            await call('addMembers', [initial[((c + 1) % CLIENTS) * 2 + 1]!]);
          }
          await call('deleteMembers', plan.removes);
          await call('deleteMembers', [plan.transient]);
        }),
      );

      const expected = new Set<string>(initial);
      for (const plan of plans) {
        for (const id of plan.removes) expected.delete(id);
        for (const id of plan.adds) expected.add(id);
      }
      const members: string[] = [];
      let token: string | undefined;
      do {
        const reply = await y.request('GET', y.realmPath(`/groups/${groupId}:listMembers?page_size=200${token ? `&page_token=${token}` : ''}`));
        members.push(...reply.body.identities.map((i: { id: string }) => i.id));
        token = reply.body.next_page_token;
      } while (token);
      expect(members).toHaveLength(expected.size);
      expect(new Set(members)).toEqual(expected);
    });
  },
);
