import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_USER_SORT } from '../../src/domain/directory/user-query.js';
import { parseUserFilter } from '../../src/protocols/scim/filter.js';
import { TestYonder, describeApi, engine } from '../support/harness.js';
import { ERROR, createScimGroup, createScimUser, scimPath } from '../support/scim.js';

const ors = (n: number, term: string) => Array.from({ length: n }, (_, i) => term.replace('#', String(i))).join(' or ');

/**
 * A filter's cost is bounded before it runs (domain/directory/filter-cost.ts): 99 `emails co` terms kept
 * SQLite busy for 43 s on a 200,000-identity realm. What Okta and Entra send stays answered.
 */
describeApi('SCIM filters: a cost budget', () => {
  let y: TestYonder;
  let alice: string;
  beforeAll(async () => {
    y = await TestYonder.start();
    alice = (
      await createScimUser(y, {
        userName: 'budget.alice',
        externalId: 'okta-00u1',
        displayName: 'Budget Alice',
        emails: [
          { value: 'alice@work.example', type: 'work', primary: true },
          { value: 'alice@home.example', type: 'other' },
        ],
      })
    ).id;
    await createScimUser(y, { userName: 'budget.bob', emails: [{ value: 'bob@work.example', type: 'work', primary: true }] });
    await createScimGroup(y, { displayName: 'Budget Staff', externalId: 'entra-g1', members: [{ value: alice }] });
  });
  afterAll(async () => y?.close());

  const list = (resource: string, filter: string) => y.request('GET', scimPath(y, `/${resource}?filter=${encodeURIComponent(filter)}`));
  const names = async (filter: string) => {
    const r = await list('Users', filter);
    expect(r.status, r.text).toBe(200);
    return (r.body.Resources as { userName: string }[]).map((u) => u.userName).sort();
  };

  it('a 99-term emails co filter is 400 tooMany with a SCIM error that says why', async () => {
    const r = await list('Users', ors(99, 'emails co "zq#"'));
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'tooMany' });
    expect(r.body.detail).toMatch(/too expensive.*every identity of the realm.*at most 20.*eq and sw on userName/);
  });

  it('a Groups filter over the budget is refused the same way', async () => {
    const r = await list('Groups', ors(11, 'displayName co "zq#"'));
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ schemas: [ERROR], scimType: 'tooMany' });
  });

  it('what Okta and Entra send is answered: userName, externalId, displayName, emails by type, members', async () => {
    expect(await names('userName eq "budget.alice"')).toEqual(['budget.alice']);
    expect(await names('externalId eq "okta-00u1"')).toEqual(['budget.alice']);
    expect(await names('displayName eq "Budget Alice"')).toEqual(['budget.alice']);
    expect(await names('emails[type eq "work"].value eq "alice@work.example"')).toEqual(['budget.alice']);
    expect(await names('emails[type eq "work" and value eq "bob@work.example"]')).toEqual(['budget.bob']);
    for (const filter of [
      'displayName eq "Budget Staff"',
      'externalId eq "entra-g1"',
      `members[value eq "${alice}"]`,
      `members.value eq "${alice}"`,
    ]) {
      const r = await list('Groups', filter);
      expect(r.status, `${filter}: ${r.text}`).toBe(200);
      expect(
        r.body.Resources.map((g: { displayName: string }) => g.displayName),
        filter,
      ).toEqual(['Budget Staff']);
    }
  });

  it.runIf(engine === 'sqlite')(
    'emails[type eq "work"].value eq and emails.value eq are read from the email indexes, not by a walk of the realm',
    async () => {
      const store = y.yonder.store;
      for (const filter of ['emails[type eq "work"].value eq "alice@work.example"', 'emails.value eq "alice@work.example"']) {
        const parsed = parseUserFilter(filter);
        if (!parsed.ok) throw new Error(parsed.problem.detail);
        const plan = (await store.plans.explain(store.scimUsers.searchQuery(y.realmId, parsed.value, DEFAULT_USER_SORT, 0, 100))).join('\n');
        expect(plan, filter).toMatch(/SEARCH identities USING INDEX identities_realm_email_id_idx \(realm_id=\? AND email_key=\?\)/);
        expect(plan, filter).toMatch(/SEARCH identities USING INDEX identities_realm_secondary_email_idx \(realm_id=\? AND <expr>=\?\)/);
      }
    },
  );

  it('an unfiltered page in creation order, as Okta and Entra page through a realm, is read from an index, not by sorting the realm', async () => {
    const store = y.yonder.store;
    const plan = (await store.plans.explain(store.scimUsers.searchQuery(y.realmId, undefined, DEFAULT_USER_SORT, 0, 100))).join('\n');
    expect(plan).toMatch(/identities_realm_create_time_id_idx/);
    expect(plan).not.toMatch(engine === 'sqlite' ? /TEMP B-TREE/ : /Sort Key/);
  });

  it('a scan within the budget runs as one pass and answers the same as before', async () => {
    expect(await names('emails co "zq" or emails co "home" or emails co "bob@"')).toEqual(['budget.alice', 'budget.bob']);
    expect(await names('userName eq "budget.bob" or emails co "home"')).toEqual(['budget.alice', 'budget.bob']);
    expect(await names(ors(50, 'userName eq "budget.alice#"').replace('"budget.alice0"', '"budget.alice"'))).toEqual(['budget.alice']);
  });

  it('the v1 identity list refuses 25 co terms with a v1 400 on filter, and keeps eq', async () => {
    const refused = await y.request('GET', y.realmPath(`/identities?filter=${encodeURIComponent(ors(25, 'traits.username co "zq#"'))}`));
    expect(refused.status).toBe(400);
    expect(refused.body.details[0].field_violations[0]).toMatchObject({ field: 'filter' });
    expect(refused.body.details[0].field_violations[0].description).toMatch(/too expensive/);
    const kept = await y.request('GET', y.realmPath(`/identities?filter=${encodeURIComponent('traits.username eq "budget.bob"')}`));
    expect(kept.body.identities.map((i: { traits: { username: string } }) => i.traits.username)).toEqual(['budget.bob']);
  });
});
