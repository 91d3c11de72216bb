import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestYonder, describeApi } from '../support/harness.js';

describeApi('policy: versions, references and bad input', () => {
  let y: TestYonder;
  beforeAll(async () => {
    y = await TestYonder.start();
  });
  afterAll(async () => y?.close());

  /** A realm of its own per test, so versions count from 1. */
  async function freshRealm(name: string) {
    const realm = await y.request('POST', `/v1/tenants/${y.tenantId}/realms`, { body: { realm: { display_name: name } } });
    expect(realm.status).toBe(200);
    return (rest: string) => y.realmPath(rest, realm.body.id);
  }

  const allowRule = (name: string, conditions: Record<string, string[]> = {}) => ({
    name,
    transaction: 'authentication',
    action: 'ALLOW',
    conditions,
  });

  it('a new realm starts with the published default policy, version 1', async () => {
    const path = await freshRealm('Defaults');
    const reply = await y.request('GET', path('/policy'));
    expect(reply.status).toBe(200);
    expect(reply.body.version).toBe(1);
    expect(reply.body.rules.map((r: { id: string; transaction: string; action: string }) => [r.id, r.transaction, r.action])).toEqual([
      ['allow-credential-enrollment', 'credential_enrollment', 'ALLOW'],
      ['allow-authentication', 'authentication', 'ALLOW'],
    ]);
    expect(reply.body.rules[0].conditions).toEqual({ groups: [], applications: [], identities: [] });
  });

  it('PUT /policy publishes the next version; a PUT carrying a stale version gets 409 and publishes nothing', async () => {
    const path = await freshRealm('Stale');
    const first = await y.request('PUT', path('/policy'), { body: { policy: { version: 1, rules: [allowRule('one')] } } });
    expect(first.status, first.text).toBe(200);
    expect(first.body.version).toBe(2);
    expect(first.body.rules[0]).toMatchObject({ name: 'one', description: '', deny_message: '' });
    expect(first.body.rules[0].id).toMatch(/^[0-9a-f]{16}$/);
    const stale = await y.request('PUT', path('/policy'), { body: { policy: { version: 1, rules: [allowRule('two')] } } });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('conflict');
    const current = await y.request('GET', path('/policy'));
    expect(current.body.version).toBe(2);
    expect(current.body.rules[0].name).toBe('one');
  });

  it('of two admins publishing on the same version at once, exactly one wins', async () => {
    const path = await freshRealm('Race');
    const replies = await Promise.all(
      Array.from({ length: 8 }, (_, i) => y.request('PUT', path('/policy'), { body: { policy: { version: 1, rules: [allowRule(`admin ${i}`)] } } })),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    expect((await y.request('GET', path('/policy'))).body.version).toBe(2);
  });

  it('POST /policy:restore publishes a new version with the rules of an old one', async () => {
    const path = await freshRealm('Restore');
    const v1 = (await y.request('GET', path('/policy'))).body;
    await y.request('PUT', path('/policy'), { body: { policy: { version: 1, rules: [] } } });
    const restored = await y.request('POST', path('/policy:restore'), { body: { version: 1 } });
    expect(restored.status, restored.text).toBe(200);
    expect(restored.body.version).toBe(3);
    expect(restored.body.rules).toEqual(v1.rules);
    const missing = await y.request('POST', path('/policy:restore'), { body: { version: 42 } });
    expect(missing.status).toBe(404);
    const bad = await y.request('POST', path('/policy:restore'), { body: { version: 'one' } });
    expect(bad.status).toBe(400);
  });

  it('GET /policy:listVersions pages every published version, oldest first', async () => {
    const path = await freshRealm('Versions');
    for (let v = 1; v <= 4; v++) {
      expect((await y.request('PUT', path('/policy'), { body: { policy: { version: v, rules: [] } } })).status).toBe(200);
    }
    const first = await y.request('GET', path('/policy:listVersions?page_size=3'));
    expect(first.status).toBe(200);
    expect(first.body.total_size).toBe(5);
    expect(first.body.policies.map((p: { version: number }) => p.version)).toEqual([1, 2, 3]);
    const second = await y.request('GET', path(`/policy:listVersions?page_token=${first.body.next_page_token}`));
    expect(second.body.policies.map((p: { version: number }) => p.version)).toEqual([4, 5]);
    expect(second.body.next_page_token).toBeUndefined();
  });

  it("rules naming another realm's group, application or identity get 400 naming the field", async () => {
    const path = await freshRealm('Refs');
    const group = (await y.request('POST', y.realmPath('/groups'), { body: { group: { display_name: 'elsewhere' } } })).body;
    const identity = await y.createIdentity('elsewhere-identity');
    const app = (
      await y.request('POST', y.realmPath('/applications'), {
        body: { application: { display_name: 'elsewhere', protocol_config: { type: 'oauth2' } } },
      })
    ).body;
    const reply = await y.request('PUT', path('/policy'), {
      body: {
        policy: {
          version: 1,
          rules: [
            allowRule('fine'),
            allowRule('bad app', { applications: [app.id] }),
            allowRule('bad group', { groups: [group.id] }),
            allowRule('bad identity', { identities: [identity.id, 'nonsense'] }),
          ],
        },
      },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe('bad_request');
    expect(reply.body.details[0].field_violations).toEqual([
      { field: 'policy.rules[2].conditions.groups', description: `unknown group ids: ${group.id}` },
      { field: 'policy.rules[1].conditions.applications', description: `unknown application ids: ${app.id}` },
      { field: 'policy.rules[3].conditions.identities', description: `unknown identity ids: ${identity.id}, nonsense` },
    ]);
    expect((await y.request('GET', path('/policy'))).body.version).toBe(1);
  });

  it('PUT /policy refuses wrong types, unknown actions, repeated rule ids and malformed JSON', async () => {
    const path = await freshRealm('Bad input');
    const put = (body: unknown) => y.request('PUT', path('/policy'), { body });
    expect((await put({ policy: { rules: [] } })).status).toBe(400);
    expect((await put({ policy: { version: '1', rules: [] } })).status).toBe(400);
    const action = await put({ policy: { version: 1, rules: [{ ...allowRule('x'), action: 'PERMIT' }] } });
    expect(action.status).toBe(400);
    expect(action.body.details[0].field_violations[0].field).toBe('policy.rules.0.action');
    const conditions = await put({ policy: { version: 1, rules: [allowRule('x', { groups: 'g' as unknown as string[] })] } });
    expect(conditions.status).toBe(400);
    const repeated = await put({
      policy: {
        version: 1,
        rules: [
          { ...allowRule('a'), id: 'same' },
          { ...allowRule('b'), id: 'same' },
        ],
      },
    });
    expect(repeated.status).toBe(400);
    expect(repeated.body.details[0].field_violations).toEqual([{ field: 'policy.rules[1].id', description: 'duplicate rule id' }]);
    expect((await y.request('PUT', path('/policy'), { rawBody: '{"policy": {' })).status).toBe(400);
    expect((await y.request('GET', path('/policy'))).body.version).toBe(1);
  });

  it('deleting a group or application a current rule names gets 409 naming the rule; after the rule goes, it can be deleted', async () => {
    const path = await freshRealm('Referenced');
    const group = (await y.request('POST', path('/groups'), { body: { group: { display_name: 'Referenced' } } })).body;
    const app = (
      await y.request('POST', path('/applications'), {
        body: { application: { display_name: 'Referenced App', protocol_config: { type: 'oidc' } } },
      })
    ).body;
    const put = await y.request('PUT', path('/policy'), {
      body: { policy: { version: 1, rules: [{ ...allowRule('uses both', { groups: [group.id], applications: [app.id] }), id: 'uses-both' }] } },
    });
    expect(put.status).toBe(200);
    const groupDelete = await y.request('DELETE', path(`/groups/${group.id}`));
    expect(groupDelete.status).toBe(409);
    expect(groupDelete.body).toEqual({ code: 'conflict', message: 'group is referenced by policy rules: "uses both" (uses-both)' });
    const appDelete = await y.request('DELETE', path(`/applications/${app.id}`));
    expect(appDelete.status).toBe(409);
    expect(appDelete.body.message).toContain('uses both');
    await y.request('PUT', path('/policy'), { body: { policy: { version: 2, rules: [] } } });
    expect((await y.request('DELETE', path(`/groups/${group.id}`))).status).toBe(200);
    expect((await y.request('DELETE', path(`/applications/${app.id}`))).status).toBe(200);
    // Version 2 named them; restoring it now would publish dangling references.
    const restore = await y.request('POST', path('/policy:restore'), { body: { version: 2 } });
    expect(restore.status).toBe(409);
  });

  it('policy routes need policy:read and policy:update', async () => {
    const read = await y.mintToken(['policy:read']);
    expect((await y.request('GET', y.realmPath('/policy'), { token: read })).status).toBe(200);
    expect((await y.request('PUT', y.realmPath('/policy'), { token: read, body: { policy: { version: 1, rules: [] } } })).status).toBe(403);
    const none = await y.mintToken(['identities:read']);
    expect((await y.request('GET', y.realmPath('/policy:listVersions'), { token: none })).status).toBe(403);
  });
});
