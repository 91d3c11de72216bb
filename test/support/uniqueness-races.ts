import { expect } from 'vitest';
import { type Race, type RaceReply, type Racer, bindingJob, burst, createIdentity, createRealm, expectOneWinner } from './races.js';
import { CORE_GROUP, CORE_USER, PATCH_OP } from './scim.js';
import { SoftAuthenticator } from './soft-authenticator.js';

/**
 * Every uniqueness rule, raced: the writes that would break it arrive at once, through both doors
 * (v1 and SCIM) and spread over apps or processes. Exactly one wins, the others answer 409 (never
 * a 5xx), and exactly one row is left. The rules are the unique indexes of store/migrations:
 * usernames per realm (folded), group names per realm (folded), resource server identifiers per
 * realm, one theme per realm, a passkey's credential id per realm; and the single use of a binding
 * link. (Policy versions race in policy.versions and races.three-processes; client ids and link
 * tokens are random; application, role and resource server names and SCIM externalIds are not
 * unique, so there is nothing to race.)
 */

/** The same name in four spellings that fold to one key. */
const spelling = (name: string, i: number) => [name, name.toUpperCase(), name[0]!.toUpperCase() + name.slice(1), name.toLowerCase()][i % 4]!;
const scim = (r: Racer, rest: string, realmId = r.realmId) => r.realmPath(`/scim/v2${rest}`, realmId);

const createV1Identity = (r: Racer, i: number, username: string, realmId = r.realmId) =>
  r.request(i, 'POST', r.realmPath('/identities', realmId), {
    body: { identity: { display_name: username, traits: { type: 'traits_v0', username } } },
  });
const countUsername = async (r: Racer, username: string, realmId = r.realmId): Promise<number> =>
  (await r.request(0, 'GET', r.realmPath(`/identities?filter=traits.username eq "${username}"`, realmId))).body.total_size;

const createGroup = async (r: Racer, name: string): Promise<string> =>
  (await r.request(0, 'POST', r.realmPath('/groups'), { body: { group: { display_name: name } } })).body.id;
const resourceServer = (r: Racer, i: number, identifier: string) =>
  r.request(i, 'POST', r.realmPath('/resource-servers'), {
    body: { resource_server: { display_name: 'Racing API', identifier, scopes: ['race:read'] } },
  });

/** A binding job with `count` registration challenges begun on it. */
async function registrations(r: Racer, username: string, count: number) {
  const job = await bindingJob(r, username);
  const begun = await burst(count, (i) => r.request(i, 'POST', `${job.hosted}/registration-options`, { token: null, body: { token: job.token } }));
  const challenges = begun.map((reply) => reply.body as { challenge_id: string; options: { challenge: string; user: { id: string } } });
  const register = (i: number, attempt: number, passkey: SoftAuthenticator): Promise<RaceReply> => {
    const challenge = challenges[attempt]!;
    return r.request(i, 'POST', `${job.hosted}/registration`, {
      token: null,
      body: { token: job.token, challenge_id: challenge.challenge_id, response: passkey.register(challenge.options) },
    });
  };
  const credentials = async (): Promise<number> =>
    (await r.request(0, 'GET', r.realmPath(`/identities/${job.identityId}/credentials`))).body.credentials.length;
  return { register, credentials };
}

export const UNIQUENESS_RACES: Race[] = [
  {
    name: '20 concurrent creates of one username in four cases, through v1 and SCIM: one identity, 19 answer 409',
    async run(r) {
      const replies = await burst(20, (i) =>
        i % 4 < 2
          ? createV1Identity(r, i, spelling('racer', i))
          : r.request(i, 'POST', scim(r, '/Users'), { body: { schemas: [CORE_USER], userName: spelling('racer', i) } }),
      );
      expectOneWinner(replies, [200, 201]);
      expect(await countUsername(r, 'racer')).toBe(1);
    },
  },
  {
    name: '20 identities renamed at once to one username in four cases, through v1 and SCIM: one rename wins, 19 answer 409',
    async run(r) {
      const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => createIdentity(r, `renamed-${i}`)));
      const replies = await burst(20, (i) =>
        i % 2 === 0
          ? r.request(i, 'PATCH', r.realmPath(`/identities/${ids[i]}`), {
              body: { identity: { traits: { type: 'traits_v0', username: spelling('taken', i) } } },
            })
          : r.request(i, 'PUT', scim(r, `/Users/${ids[i]}`), { body: { schemas: [CORE_USER], userName: spelling('taken', i) } }),
      );
      expectOneWinner(replies, [200]);
      expect(await countUsername(r, 'taken')).toBe(1);
    },
  },
  {
    name: 'one username created at once in two realms: one identity in each',
    async run(r) {
      const second = await createRealm(r, 'Second');
      const replies = await burst(20, (i) => createV1Identity(r, i, spelling('twin', i), i < 10 ? r.realmId : second));
      expectOneWinner(replies.slice(0, 10), [200]);
      expectOneWinner(replies.slice(10), [200]);
      expect([await countUsername(r, 'twin'), await countUsername(r, 'twin', second)]).toEqual([1, 1]);
    },
  },
  {
    name: '20 concurrent creates of one group name in four cases, through v1 and SCIM: one group, 19 answer 409',
    async run(r) {
      const replies = await burst(20, (i) =>
        i % 4 < 2
          ? r.request(i, 'POST', r.realmPath('/groups'), { body: { group: { display_name: spelling('Crew', i) } } })
          : r.request(i, 'POST', scim(r, '/Groups'), { body: { schemas: [CORE_GROUP], displayName: spelling('Crew', i) } }),
      );
      expectOneWinner(replies, [200, 201]);
      expect((await r.request(0, 'GET', scim(r, '/Groups?filter=displayName eq "crew"'))).body.totalResults).toBe(1);
    },
  },
  {
    name: '20 groups renamed at once to one name in four cases, through v1 and SCIM: one rename wins, 19 answer 409',
    async run(r) {
      const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => createGroup(r, `g-${i}`)));
      const replies = await burst(20, (i) =>
        i % 2 === 0
          ? r.request(i, 'PATCH', r.realmPath(`/groups/${ids[i]}`), { body: { group: { display_name: spelling('Bridge', i) } } })
          : r.request(i, 'PATCH', scim(r, `/Groups/${ids[i]}`), {
              body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'displayName', value: spelling('Bridge', i) }] },
            }),
      );
      // A SCIM PATCH answers 204 or 200 with the group; either way one rename wins.
      expectOneWinner(replies, [200, 204]);
      expect((await r.request(0, 'GET', scim(r, '/Groups?filter=displayName eq "bridge"'))).body.totalResults).toBe(1);
    },
  },
  {
    name: '20 concurrent creates of one resource server identifier: one resource server, 19 answer 409',
    async run(r) {
      expectOneWinner(await burst(20, (i) => resourceServer(r, i, 'https://race.example/api')), [200]);
      const list = await r.request(0, 'GET', r.realmPath('/resource-servers?page_size=200'));
      expect(list.body.resource_servers.filter((s: { identifier: string }) => s.identifier === 'https://race.example/api')).toHaveLength(1);
    },
  },
  {
    name: '20 resource servers moved at once to one identifier: one wins, 19 answer 409',
    async run(r) {
      const ids = await Promise.all(Array.from({ length: 20 }, async (_, i) => (await resourceServer(r, 0, `https://move.example/${i}`)).body.id));
      const replies = await burst(20, (i) =>
        r.request(i, 'PATCH', r.realmPath(`/resource-servers/${ids[i]}`), { body: { resource_server: { identifier: 'https://move.example/one' } } }),
      );
      expectOneWinner(replies, [200]);
    },
  },
  {
    name: '10 concurrent theme creates in one realm: one theme, 9 answer 409',
    async run(r) {
      const realm = await createRealm(r, 'Themed');
      expectOneWinner(
        await burst(10, (i) => r.request(i, 'POST', r.realmPath('/themes', realm), { body: { theme: { email_realm_name: `Theme ${i}` } } })),
        [200],
      );
    },
  },
  {
    name: 'one binding link used by 8 registrations at once binds exactly one passkey; the others answer 410 already_used',
    async run(r) {
      const link = await registrations(r, 'single-use', 8);
      const replies = await burst(8, (i) => link.register(i, i, new SoftAuthenticator(r.origin)));
      expectOneWinner(replies, [200], 410);
      expect(replies.filter((reply) => reply.status === 410).every((reply) => reply.body.reason === 'already_used')).toBe(true);
      expect(await link.credentials()).toBe(1);
    },
  },
  {
    name: 'one passkey (one credential id) registered through 8 links at once is bound once; the others answer 409 credential_exists',
    async run(r) {
      const passkey = new SoftAuthenticator(r.origin);
      const links = await Promise.all(Array.from({ length: 8 }, (_, i) => registrations(r, `same-passkey-${i}`, 2)));
      const replies = await burst(8, (i) => links[i]!.register(i, 0, passkey));
      expectOneWinner(replies, [200]);
      expect(replies.filter((reply) => reply.status === 409).every((reply) => reply.body.reason === 'credential_exists')).toBe(true);
      expect((await Promise.all(links.map((link) => link.credentials()))).reduce((a, b) => a + b, 0)).toBe(1);
      // A refused link is not used up: another passkey still binds through it.
      const loser = links[replies.findIndex((reply) => reply.status === 409)]!;
      expect((await loser.register(0, 1, new SoftAuthenticator(r.origin))).status).toBe(200);
    },
  },
];
