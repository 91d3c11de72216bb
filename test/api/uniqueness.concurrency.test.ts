import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Reply, TestYonder, describeApi } from '../support/harness.js';
import { burst, createRealm, tally } from '../support/rate-limits.js';
import { CORE_GROUP, CORE_USER, scimPath } from '../support/scim.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';

/**
 * Every uniqueness rule holds when the writes that would break it arrive at once, through both
 * doors (v1 and SCIM) and through two apps on one store (a second process's view): exactly one
 * wins, the others answer 409 (never a 5xx), and exactly one row is left. The rules are the unique
 * indexes of store/migrations: usernames per realm (folded), group names per realm (folded),
 * resource server identifiers per realm, one theme per realm, a passkey's credential id per realm;
 * and the single use of a binding link. (Policy versions race in policy.versions; client ids and
 * link tokens are random; application, role and resource server names and SCIM externalIds are
 * not unique, so there is nothing to race.)
 */
describeApi('uniqueness rules under bursts of parallel writes', () => {
  let y: TestYonder;
  let other: TestYonder;

  beforeAll(async () => {
    y = await TestYonder.start();
    other = await TestYonder.start(y.databaseLocation);
  });
  afterAll(async () => {
    await other?.stop();
    await y?.close();
  });

  const via = (i: number) => (i % 2 === 0 ? y : other);
  /** The same name in four spellings that fold to one key. */
  const spelling = (name: string, i: number) => [name, name.toUpperCase(), name[0]!.toUpperCase() + name.slice(1), name.toLowerCase()][i % 4]!;
  const statuses = (replies: Reply[]) => tally(replies.map((r) => r.status));

  function expectOneWinner(replies: Reply[], won: number) {
    const counts = statuses(replies);
    expect(counts, JSON.stringify(replies.filter((r) => r.status !== won && r.status !== 409).map((r) => r.text))).toEqual({
      [won]: 1,
      409: replies.length - 1,
    });
  }

  const createV1Identity = (on: TestYonder, username: string, realmId = y.realmId) =>
    on.request('POST', on.realmPath('/identities', realmId), {
      body: { identity: { display_name: username, traits: { type: 'traits_v0', username } } },
    });
  const countUsername = async (username: string, realmId = y.realmId) =>
    (await y.request('GET', y.realmPath(`/identities?filter=traits.username eq "${username}"`, realmId))).body.total_size;

  it('20 concurrent creates of one username in four cases, through v1 and SCIM: one identity, 19 answer 409', async () => {
    const replies = await burst(20, (i) =>
      i % 4 < 2
        ? createV1Identity(via(i), spelling('racer', i))
        : via(i).request('POST', scimPath(via(i), '/Users'), { body: { schemas: [CORE_USER], userName: spelling('racer', i) } }),
    );
    expect(replies.filter((r) => r.status === 200 || r.status === 201)).toHaveLength(1);
    expect(replies.filter((r) => r.status === 409)).toHaveLength(19);
    expect(await countUsername('racer')).toBe(1);
  });

  it('20 identities renamed at once to one username in four cases: one rename wins, 19 answer 409', async () => {
    const ids = await Promise.all(Array.from({ length: 20 }, async (_, i) => (await y.createIdentity(`renamed-${i}`)).id));
    const replies = await burst(20, (i) =>
      i % 2 === 0
        ? via(i).request('PATCH', y.realmPath(`/identities/${ids[i]}`), { body: { identity: { traits: { type: 'traits_v0', username: spelling('taken', i) } } } })
        : via(i).request('PUT', scimPath(y, `/Users/${ids[i]}`), { body: { schemas: [CORE_USER], userName: spelling('taken', i) } }),
    );
    expectOneWinner(replies, 200);
    expect(await countUsername('taken')).toBe(1);
  });

  it('one username created at once in two realms: one identity in each', async () => {
    const second = await createRealm(y, 'Second');
    const replies = await burst(20, (i) => createV1Identity(via(i), spelling('twin', i), i < 10 ? y.realmId : second));
    expectOneWinner(replies.slice(0, 10), 200);
    expectOneWinner(replies.slice(10), 200);
    expect([await countUsername('twin'), await countUsername('twin', second)]).toEqual([1, 1]);
  });

  it('20 concurrent creates of one group name in four cases, through v1 and SCIM: one group, 19 answer 409', async () => {
    const replies = await burst(20, (i) =>
      i % 4 < 2
        ? via(i).request('POST', y.realmPath('/groups'), { body: { group: { display_name: spelling('Crew', i) } } })
        : via(i).request('POST', scimPath(y, '/Groups'), { body: { schemas: [CORE_GROUP], displayName: spelling('Crew', i) } }),
    );
    expect(replies.filter((r) => r.status === 200 || r.status === 201)).toHaveLength(1);
    expect(replies.filter((r) => r.status === 409)).toHaveLength(19);
    const groups = await y.request('GET', scimPath(y, '/Groups?filter=displayName eq "crew"'));
    expect(groups.body.totalResults).toBe(1);
  });

  it('20 groups renamed at once to one name in four cases: one rename wins, 19 answer 409', async () => {
    const ids = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => (await y.request('POST', y.realmPath('/groups'), { body: { group: { display_name: `g-${i}` } } })).body.id),
    );
    const replies = await burst(20, (i) =>
      i % 2 === 0
        ? via(i).request('PATCH', y.realmPath(`/groups/${ids[i]}`), { body: { group: { display_name: spelling('Bridge', i) } } })
        : via(i).request('PATCH', scimPath(y, `/Groups/${ids[i]}`), {
            body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'displayName', value: spelling('Bridge', i) }] },
          }),
    );
    // A SCIM PATCH may answer 204 or 200 with the group; either way one rename wins.
    expect(replies.filter((r) => r.status === 200 || r.status === 204)).toHaveLength(1);
    expect(replies.filter((r) => r.status === 409)).toHaveLength(19);
  });

  const resourceServer = (on: TestYonder, identifier: string, name = 'Racing API') =>
    on.request('POST', y.realmPath('/resource-servers'), { body: { resource_server: { display_name: name, identifier, scopes: ['race:read'] } } });

  it('20 concurrent creates of one resource server identifier: one resource server, 19 answer 409', async () => {
    expectOneWinner(await burst(20, (i) => resourceServer(via(i), 'https://race.example/api')), 200);
    const list = await y.request('GET', y.realmPath('/resource-servers?page_size=200'));
    expect(list.body.resource_servers.filter((s: { identifier: string }) => s.identifier === 'https://race.example/api')).toHaveLength(1);
  });

  it('20 resource servers moved at once to one identifier: one wins, 19 answer 409', async () => {
    const ids = await Promise.all(Array.from({ length: 20 }, async (_, i) => (await resourceServer(y, `https://move.example/${i}`)).body.id));
    const replies = await burst(20, (i) =>
      via(i).request('PATCH', y.realmPath(`/resource-servers/${ids[i]}`), { body: { resource_server: { identifier: 'https://move.example/one' } } }),
    );
    expectOneWinner(replies, 200);
  });

  it('10 concurrent theme creates in one realm: one theme, 9 answer 409', async () => {
    const realm = await createRealm(y, 'Themed');
    const replies = await burst(10, (i) => via(i).request('POST', y.realmPath('/themes', realm), { body: { theme: { email_realm_name: `Theme ${i}` } } }));
    expectOneWinner(replies, 200);
  });

  /** A binding job for a new identity, with `count` registration challenges begun on it. */
  async function registrations(username: string, count: number) {
    const identity = await y.createIdentity(username);
    const created = await y.request('POST', y.realmPath(`/identities/${identity.id}/credential-binding-jobs`), { body: { job: { delivery_method: 'RETURN' } } });
    const token = new URL(created.body.credential_binding_link).searchParams.get('token');
    const base = `/hosted/tenants/${y.tenantId}/realms/${y.realmId}/identities/${identity.id}/credential-binding-jobs/${created.body.credential_binding_job.id}`;
    const begun = await burst(count, () => y.request('POST', `${base}/registration-options`, { token: null, body: { token } }));
    return { identity, token, base, challenges: begun.map((r) => r.body as { challenge_id: string; options: { challenge: string; user: { id: string } } }) };
  }

  const credentialsOf = async (identityId: string) =>
    (await y.request('GET', y.realmPath(`/identities/${identityId}/credentials`))).body.credentials as { id: string }[];

  it('one binding link used by 8 registrations at once binds exactly one passkey; the others answer 410 already_used', async () => {
    const { identity, token, base, challenges } = await registrations('single-use', 8);
    const replies = await burst(8, (i) =>
      via(i).request('POST', `${base}/registration`, {
        token: null,
        body: { token, challenge_id: challenges[i]!.challenge_id, response: new SoftAuthenticator('http://localhost:8080').register(challenges[i]!.options) },
      }),
    );
    expect(statuses(replies)).toEqual({ 200: 1, 410: 7 });
    expect(replies.filter((r) => r.status === 410).every((r) => r.body.reason === 'already_used')).toBe(true);
    expect(await credentialsOf(identity.id)).toHaveLength(1);
  });

  it('one passkey (one credential id) registered through 8 links at once is bound once; the others answer 409 credential_exists', async () => {
    const passkey = new SoftAuthenticator('http://localhost:8080');
    const links = await Promise.all(Array.from({ length: 8 }, (_, i) => registrations(`same-passkey-${i}`, 2)));
    const register = (on: TestYonder, link: (typeof links)[number], attempt: number, authenticator: SoftAuthenticator) =>
      on.request('POST', `${link.base}/registration`, {
        token: null,
        body: { token: link.token, challenge_id: link.challenges[attempt]!.challenge_id, response: authenticator.register(link.challenges[attempt]!.options) },
      });
    const replies = await burst(8, (i) => register(via(i), links[i]!, 0, passkey));
    expect(statuses(replies), replies.map((r) => r.text).join('\n')).toEqual({ 200: 1, 409: 7 });
    expect(replies.filter((r) => r.status === 409).every((r) => r.body.reason === 'credential_exists')).toBe(true);
    const bound = await Promise.all(links.map(async (link) => (await credentialsOf(link.identity.id)).length));
    expect(bound.reduce((a, b) => a + b, 0)).toBe(1);
    // A refused link is not used up: another passkey still binds through it.
    const loser = links[replies.findIndex((r) => r.status === 409)]!;
    expect((await register(y, loser, 1, new SoftAuthenticator('http://localhost:8080'))).status).toBe(200);
  });
});
