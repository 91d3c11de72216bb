import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestYonder, describeApi, engine } from '../support/harness.js';
import { createScimGroup, createScimUser, patchOp, scimMemberIds, scimPath } from '../support/scim.js';

/**
 * Okta and Entra push membership changes for one group from many workers at once (Okta's group
 * push sends a PATCH per change; Entra's provisioning cycle runs in parallel). Whatever the
 * interleaving, one group's end state must be the one the same PATCHes give when sent one after
 * another: no member add or remove may be lost, as a read-modify-write of the member list would.
 */
describeApi(
  'SCIM: concurrent group membership changes (through two app instances on PostgreSQL; one on SQLite, where two stores in one process would wait on each other synchronously)',
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

    it('20 concurrent PATCHes adding and removing members end with the serial result, each bumping the version once', async () => {
      const CLIENTS = 20;
      const initial: string[] = [];
      for (let i = 0; i < CLIENTS * 2; i++) initial.push((await createScimUser(y, { userName: `gc.initial.${i}` })).id);
      const group = await createScimGroup(y, { displayName: 'Contended', members: initial.map((value) => ({ value })) });
      // Client c, in one PATCH: adds a transient user, removes its own starting member with Okta's
      // filter form, adds two new users plus (again) a neighbour's starting member that nobody
      // removes (so adds of one row race), and removes the transient one with Entra's value form.
      // Which order the PATCHes run in does not change the serial result.
      const plans: { remove: string; keep: string; adds: string[]; transient: string }[] = [];
      for (let c = 0; c < CLIENTS; c++) {
        plans.push({
          remove: initial[c * 2]!,
          keep: initial[((c + 1) % CLIENTS) * 2 + 1]!,
          adds: [(await createScimUser(y, { userName: `gc.add.${c}.a` })).id, (await createScimUser(y, { userName: `gc.add.${c}.b` })).id],
          transient: (await createScimUser(y, { userName: `gc.transient.${c}` })).id,
        });
      }
      const body = (plan: (typeof plans)[number]) =>
        patchOp(
          { op: 'add', path: 'members', value: [{ value: plan.transient }] },
          { op: 'remove', path: `members[value eq "${plan.remove}"]` },
          { op: 'Add', path: 'members', value: [...plan.adds.map((value) => ({ value })), { value: plan.keep }] },
          { op: 'Remove', path: 'members', value: [{ value: plan.transient }] },
        );

      const replies = await Promise.all(
        plans.map((plan, c) => {
          const via = other && c % 2 === 1 ? other : y;
          return via.request('PATCH', scimPath(via, `/Groups/${group.id}`), { body: body(plan) });
        }),
      );
      expect(replies.map((r) => r.status)).toEqual(plans.map(() => 200));

      // The serial result: the same PATCHes applied one after another, in request order.
      const serial = new Set(initial);
      for (const plan of plans) {
        serial.add(plan.transient);
        serial.delete(plan.remove);
        for (const id of [...plan.adds, plan.keep]) serial.add(id);
        serial.delete(plan.transient);
      }
      expect(await scimMemberIds(y, group.id)).toEqual([...serial].sort());
      // And v1 sees the same members.
      const v1 = await y.request('GET', y.realmPath(`/groups/${group.id}:listMembers?page_size=200`));
      expect(v1.body.identities.map((i: { id: string }) => i.id).sort()).toEqual([...serial].sort());
      const version = (await y.request('GET', scimPath(y, `/Groups/${group.id}`))).body.meta.version;
      expect(version).toBe(`W/"${CLIENTS + 1}"`);
    });

    it('a DELETE racing member adds either wins (the adds then get 404) or waits for them; never a 500, no member left behind', async () => {
      const users: string[] = [];
      for (let i = 0; i < 10; i++) users.push((await createScimUser(y, { userName: `gc.race.${i}` })).id);
      const group = await createScimGroup(y, { displayName: 'Raced Delete', members: [{ value: users[0]! }] });
      const adds = users.slice(1).map((value, i) => {
        const via = other && i % 2 === 1 ? other : y;
        return via.request('PATCH', scimPath(via, `/Groups/${group.id}`), { body: patchOp({ op: 'add', path: 'members', value: [{ value }] }) });
      });
      const deletion = y.request('DELETE', scimPath(y, `/Groups/${group.id}`));
      const [deleted, ...added] = await Promise.all([deletion, ...adds]);
      expect(deleted!.status).toBe(204);
      for (const r of added) expect([200, 404], r.text).toContain(r.status);
      expect((await y.request('GET', scimPath(y, `/Groups/${group.id}`))).status).toBe(404);
      for (const id of users) expect((await y.request('GET', scimPath(y, `/Users/${id}`))).body).not.toHaveProperty('groups');
    });
  },
);
