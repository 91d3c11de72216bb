import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestYonder, describeApi } from '../support/harness.js';
import { createScimUser, patchOp, scimPath } from '../support/scim.js';

/**
 * Provisioning clients run in parallel (Entra and Okta both push many users at once): writes to
 * one user must serialize, and racing creates of one userName must give one user.
 */
describeApi('SCIM: concurrent writes', () => {
  let y: TestYonder;
  beforeAll(async () => {
    y = await TestYonder.start();
  });
  afterAll(async () => y?.close());

  it('concurrent PATCHes of one user all apply, each bumping the version once', async () => {
    const u = await createScimUser(y, { userName: 'race.patch' });
    const fields = ['title', 'nickName', 'locale', 'timezone', 'userType', 'preferredLanguage'];
    const replies = await Promise.all(
      fields.map((f) => y.request('PATCH', scimPath(y, `/Users/${u.id}`), { body: patchOp({ op: 'Add', path: f, value: `v-${f}` }) })),
    );
    expect(replies.map((r) => r.status)).toEqual(fields.map(() => 200));
    const after = (await y.request('GET', scimPath(y, `/Users/${u.id}`))).body;
    for (const f of fields) expect(after[f]).toBe(`v-${f}`);
    expect(after.meta.version).toBe(`W/"${fields.length + 1}"`);
  });

  it('racing creates of one userName (in different cases) give one 201 and 409 uniqueness for the rest', async () => {
    const names = ['Race.Create', 'race.create', 'RACE.CREATE', 'race.CREATE'];
    const replies = await Promise.all(names.map((userName) => y.request('POST', scimPath(y, '/Users'), { body: { userName } })));
    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    expect(replies.filter((r) => r.status === 409 && r.body.scimType === 'uniqueness')).toHaveLength(names.length - 1);
  });
});
