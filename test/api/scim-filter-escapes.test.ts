import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestYonder, describeApi } from '../support/harness.js';
import { createScimGroup, createScimUser, scimPath } from '../support/scim.js';

/**
 * Filter values are JSON strings (RFC 7644 §3.4.2.2): `"back\\slash"` is `back\slash`. And a
 * value's `%`, `_` and `\` match themselves in every substring filter: SCIM Users and Groups, and
 * the v1 identity list.
 */
describeApi('SCIM filters: escapes in values', () => {
  let y: TestYonder;
  beforeAll(async () => {
    y = await TestYonder.start();
    await createScimUser(y, { userName: 'esc.backslash', externalId: 'back\\slash', nickName: 'back\\slash' });
    await createScimUser(y, { userName: 'esc.percent', externalId: '100%', nickName: '100%' });
    await createScimUser(y, { userName: 'esc.underscore', externalId: 'under_score', nickName: 'under_score' });
    await createScimUser(y, { userName: 'esc.plain', externalId: 'backslash', nickName: 'backslash' });
    await createScimGroup(y, { displayName: 'esc one', externalId: '50% off' });
    await createScimGroup(y, { displayName: 'esc two', externalId: '500 off' });
    await createScimGroup(y, { displayName: 'esc three', externalId: 'back\\slash' });
  });
  afterAll(async () => y?.close());

  const users = async (filter: string) => {
    const r = await y.request('GET', scimPath(y, `/Users?filter=${encodeURIComponent(filter)}`));
    expect(r.status, r.text).toBe(200);
    return (r.body.Resources as { userName: string }[]).map((u) => u.userName).sort();
  };
  const groups = async (filter: string) => {
    const r = await y.request('GET', scimPath(y, `/Groups?filter=${encodeURIComponent(filter)}`));
    expect(r.status, r.text).toBe(200);
    return (r.body.Resources as { displayName: string }[]).map((g) => g.displayName).sort();
  };
  const identities = async (filter: string) => {
    const r = await y.request('GET', y.realmPath(`/identities?filter=${encodeURIComponent(filter)}`));
    expect(r.status, r.text).toBe(200);
    return (r.body.identities as { traits: { username: string } }[]).map((i) => i.traits.username).sort();
  };

  it('nickName eq "back\\\\slash" matches the stored back\\slash, and only it', async () => {
    expect(await users(String.raw`nickName eq "back\\slash"`)).toEqual(['esc.backslash']);
    expect(await users(String.raw`externalId eq "back\\slash"`)).toEqual(['esc.backslash']);
  });

  it('sw, co and ew with a backslash at the end or inside are answered and match it literally', async () => {
    expect(await users(String.raw`nickName sw "back\\"`)).toEqual(['esc.backslash']);
    expect(await users(String.raw`nickName co "k\\s"`)).toEqual(['esc.backslash']);
    expect(await users(String.raw`nickName ew "\\slash"`)).toEqual(['esc.backslash']);
    expect(await users(String.raw`externalId sw "back\\"`)).toEqual(['esc.backslash']);
  });

  it('% and _ match only themselves on Users, on Groups and in the v1 identity list', async () => {
    expect(await users('nickName co "%"')).toEqual(['esc.percent']);
    expect(await users('nickName co "_"')).toEqual(['esc.underscore']);
    expect(await users('externalId co "%"')).toEqual(['esc.percent']);
    expect(await groups('externalId co "0%"')).toEqual(['esc one']);
    expect(await groups(String.raw`externalId ew "k\\slash"`)).toEqual(['esc three']);
    expect(await identities('traits.external_id co "%"')).toEqual(['esc.percent']);
    expect(await identities('traits.external_id co "_"')).toEqual(['esc.underscore']);
    expect(await identities(String.raw`traits.external_id sw "back\\"`)).toEqual(['esc.backslash']);
  });
});
