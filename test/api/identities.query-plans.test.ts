import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseIdentityFilter } from '../../src/domain/identity-filter.js';
import { OPERATOR } from '../../src/domain/scopes.js';
import { DEFAULT_USER_SORT } from '../../src/domain/user-query.js';
import { parseUserFilter } from '../../src/scim/filter.js';
import { seedGroups, seedIdentities } from '../../src/services/bulk.js';
import { addMembers } from '../../src/services/groups.js';
import { TestYonder, describeApi, engine } from '../support/harness.js';

/**
 * The hot filters must be answered from an index at any realm size: a plan that scans the realm is
 * fine at a thousand identities and a multi-second list at a million. Each case checks both
 * queries a list runs (the page and its total_size count).
 * Group membership lists (a group's members, an identity's groups) and the SCIM filters Okta and
 * Entra send (userName, emails.value, externalId) are checked the same way.
 */
const HOT_FILTERS: { filter: string; index: string }[] = [
  { filter: 'traits.username eq "Alice"', index: 'identities_realm_username_key_uq' },
  { filter: 'traits.primary_email_address eq "alice@example.com"', index: 'identities_realm_email_id_idx' },
  { filter: 'traits.external_id eq "00u1"', index: 'identities_realm_external_id_id_idx' },
  { filter: 'display_name eq "Alice Smith"', index: 'identities_realm_display_name_id_idx' },
];

describeApi('identities: the hot list filters use an index', () => {
  let y: TestYonder;
  let groupIds: string[] = [];
  let identityIds: string[] = [];
  beforeAll(async () => {
    y = await TestYonder.start();
    // Enough rows that the planners choose as they would on a real directory. PostgreSQL's
    // autovacuum keeps statistics, so analyze there; SQLite never gathers any unless told, so its
    // plans are checked as production would see them, without.
    const ref = { tenantId: y.tenantId, realmId: y.realmId };
    await seedIdentities(y.yonder, ref, 3000);
    // 100 groups; each identity in two of them.
    await seedGroups(y.yonder, ref, 100);
    groupIds = (await y.yonder.store.groups.page(y.realmId, '', 0, 100)).map((g) => g.id);
    identityIds = (await y.yonder.store.identities.page(y.realmId, undefined, '', 0, 3000)).map((i) => i.id);
    for (const [g, groupId] of groupIds.entries()) {
      const members = identityIds.filter((_, i) => i % 50 === g % 50);
      await addMembers(y.yonder, ref, groupId, members, OPERATOR);
    }
    if (engine === 'postgres') await y.yonder.store.plans.analyze();
  });
  afterAll(async () => y?.close());

  for (const { filter, index } of HOT_FILTERS) {
    it(`list with ${filter} reads ${index}, for the page and for the count`, async () => {
      const parsed = parseIdentityFilter(filter);
      if (!parsed.ok) throw new Error(parsed.description);
      const store = y.yonder.store;
      const pagePlan = await store.plans.explain(store.identities.pageQuery(y.realmId, parsed.filter, '', 0, 21));
      const countPlan = await store.plans.explain(store.identities.countQuery(y.realmId, parsed.filter));
      for (const plan of [pagePlan, countPlan]) {
        const text = plan.join('\n');
        expect(text, text).toContain(index);
        if (engine === 'sqlite') expect(text, text).not.toMatch(/\bSCAN identities\b(?! USING)/);
        else expect(text, text).not.toContain('Seq Scan');
      }
    });
  }

  it('getting one identity by id reads the primary key', async () => {
    const store = y.yonder.store;
    const parsed = parseIdentityFilter('id eq "0123456789abcdef"');
    if (!parsed.ok) throw new Error(parsed.description);
    const plan = (await store.plans.explain(store.identities.pageQuery(y.realmId, parsed.filter, '', 0, 2))).join('\n');
    expect(plan, plan).toMatch(engine === 'sqlite' ? /sqlite_autoindex_identities_1|identities_realm_id_idx/ : /identities_pkey|identities_realm_id_idx/);
  });

  /** Every plan of `queries` reads `index` and none scans the named table. */
  async function expectIndexed(queries: Parameters<TestYonder['yonder']['store']['plans']['explain']>[0][], index: RegExp, table: string) {
    for (const query of queries) {
      const text = (await y.yonder.store.plans.explain(query)).join('\n');
      expect(text, text).toMatch(index);
      if (engine === 'sqlite') expect(text, text).not.toMatch(new RegExp(`\\bSCAN ${table}\\b(?! USING)`));
      else expect(text, text).not.toMatch(new RegExp(`Seq Scan on ${table}\\b`));
    }
  }

  it("a group's members page and count read the membership primary key (group_id, identity_id)", async () => {
    const groups = y.yonder.store.groups;
    const groupId = groupIds[7] as string;
    await expectIndexed([groups.memberPageQuery(groupId, '', 0, 21), groups.memberCountQuery(groupId)], /group_members_pk|sqlite_autoindex_group_members_1/, 'group_members');
  });

  it("an identity's groups page and count read the membership index (identity_id, group_id)", async () => {
    const groups = y.yonder.store.groups;
    const identityId = identityIds[42] as string;
    await expectIndexed([groups.pageOfIdentityQuery(identityId, '', 0, 21), groups.countOfIdentityQuery(identityId)], /group_members_identity_idx/, 'group_members');
  });

  for (const { filter, index } of [
    { filter: 'userName eq "Alice"', index: 'identities_realm_username_key_uq' },
    { filter: 'emails.value eq "alice@example.com"', index: 'identities_realm_email_id_idx.*\n(.*\n)*.*identities_realm_secondary_email_idx' },
    { filter: 'externalId eq "00u1"', index: 'identities_realm_external_id_id_idx' },
  ]) {
    it(`SCIM ${filter} reads ${index}, for the page and the count`, async () => {
      const parsed = parseUserFilter(filter);
      if (!parsed.ok) throw new Error(parsed.problem.detail);
      const scim = y.yonder.store.scimUsers;
      await expectIndexed(
        [scim.searchQuery(y.realmId, parsed.value, DEFAULT_USER_SORT, 0, 100), scim.countQuery(y.realmId, parsed.value)],
        new RegExp(index),
        'identities',
      );
    });
  }
});
