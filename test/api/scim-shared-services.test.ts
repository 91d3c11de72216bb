import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestYonder, describeApi } from '../support/harness.js';
import { ERROR, createScimGroup, createScimUser, patchOp, scimPath } from '../support/scim.js';

/**
 * SCIM writes go through the services v1 uses (services/directory/identities.ts, groups.ts); the
 * SCIM error mapper turns their typed errors into SCIM's words. These pin the SCIM wording of
 * errors that now come from the shared services.
 */
describeApi('SCIM writes through the shared services', () => {
  let y: TestYonder;
  beforeAll(async () => {
    y = await TestYonder.start();
  });
  afterAll(async () => y?.close());

  it('a missing User is a 404 that names the User; a stale If-Match a 412 that names the current ETag', async () => {
    const missing = await y.request('PATCH', scimPath(y, '/Users/0000000000000000'), {
      body: patchOp({ op: 'replace', path: 'displayName', value: 'x' }),
    });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ schemas: [ERROR], status: '404', detail: 'User 0000000000000000 not found' });
    const user = await createScimUser(y, { userName: 'shared.stale' });
    const stale = await y.request('DELETE', scimPath(y, `/Users/${user.id}`), { headers: { 'if-match': 'W/"99"' } });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({
      schemas: [ERROR],
      status: '412',
      detail: `the User has changed; its version is W/"${user.meta.version.replace(/^W\/"|"$/g, '')}"`,
    });
  });

  it('a group a policy rule names is refused alike by v1 and SCIM: one rule, one message', async () => {
    const g = await createScimGroup(y, { displayName: 'Shared Policy Group' });
    const current = await y.request('GET', y.realmPath('/policy'));
    const rules = [{ id: 'shared-rule', name: 'shared rule', transaction: 'authentication', action: 'ALLOW', conditions: { groups: [g.id] } }];
    expect((await y.request('PUT', y.realmPath('/policy'), { body: { policy: { version: current.body.version, rules } } })).status).toBe(200);
    const v1 = await y.request('DELETE', y.realmPath(`/groups/${g.id}`));
    const scim = await y.request('DELETE', scimPath(y, `/Groups/${g.id}`));
    expect([v1.status, scim.status]).toEqual([409, 409]);
    expect(scim.body).not.toHaveProperty('scimType');
    expect(scim.body.detail).toBe(`${v1.body.message}; change the policy first`);
  });
});
