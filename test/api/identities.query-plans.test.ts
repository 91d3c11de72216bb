import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseIdentityFilter } from '../../src/domain/directory/identity-filter.js';
import { OPERATOR } from '../../src/domain/access/scopes.js';
import { DEFAULT_USER_SORT } from '../../src/domain/directory/user-query.js';
import { parseUserFilter } from '../../src/protocols/scim/filter.js';
import { seedGroups, seedIdentities } from '../../src/services/directory/bulk.js';
import { addMembers } from '../../src/services/directory/groups.js';
import { TestYonder, describeApi, engine } from '../support/harness.js';

/**
 * The hot filters must be answered from an index at any realm size: a plan that scans the realm is
 * fine at a thousand identities and a multi-second list at a million. Each case checks both
 * queries a list runs (the page and its total_size count).
 * Group membership lists (a group's members, an identity's groups) and the SCIM filters Okta and
 * Entra send (userName, emails.value, externalId) are checked the same way.
 */
const HOT_FILTERS: { filter: string; search: KeySearch }[] = [
  { filter: 'traits.username eq "Alice"', search: { index: 'identities_realm_username_key_uq', key: 'username_key' } },
  { filter: 'traits.primary_email_address eq "alice@example.com"', search: { index: 'identities_realm_email_id_idx', key: 'email_key' } },
  { filter: 'traits.external_id eq "00u1"', search: { index: 'identities_realm_external_id_id_idx', key: 'external_id' } },
  { filter: 'display_name eq "Alice Smith"', search: { index: 'identities_realm_display_name_id_idx', key: 'display_name_key' } },
];

/**
 * An index search on the realm and the filtered key: on SQLite `SEARCH identities USING INDEX i
 * (realm_id=? AND key=?`, on PostgreSQL a scan of the index whose `Index Cond` holds both. A walk
 * of the realm through an index (`SCAN identities USING INDEX`, or a search on `realm_id` alone
 * with the key as a filter) reads every identity of the realm, so it is refused.
 */
interface KeySearch {
  index: string;
  /** The key column as the plan names it (`<expr>` on SQLite for an expression index). */
  key: string;
  /** How PostgreSQL names an expression key, when it is one. */
  pgKey?: string;
}

/**
 * No table of the plan is walked: on SQLite no `SCAN` (with or without an index); on PostgreSQL no
 * sequential scan and no index scan without an `Index Cond` (one read in index order from the start).
 */
function expectNoWalk(plan: string): void {
  if (engine === 'sqlite') {
    expect(plan, plan).not.toMatch(/^\s*SCAN /m);
    return;
  }
  expect(plan, plan).not.toContain('Seq Scan');
  const lines = plan.split('\n');
  const walks = lines.filter((line, i) => /Index (Only )?Scan (using|on) /.test(line) && !/^\s*Index Cond: /.test(lines[i + 1] ?? ''));
  expect(walks, plan).toEqual([]);
}

function expectRealmKeySearch(plan: string, { index, key, pgKey }: KeySearch): void {
  expectNoWalk(plan);
  if (engine === 'sqlite') {
    expect(plan, plan).toContain(
      `SEARCH identities USING ${plan.includes(`COVERING INDEX ${index} `) ? 'COVERING ' : ''}INDEX ${index} (realm_id=? AND ${key}=?`,
    );
    return;
  }
  const lines = plan.split('\n');
  const at = lines.findIndex((line) => new RegExp(`(Scan using|Bitmap Index Scan on) ${index}\\b`).test(line));
  expect(at, plan).toBeGreaterThanOrEqual(0);
  const condition = lines[at + 1] ?? '';
  expect(condition, plan).toMatch(/^\s*Index Cond: \(\(realm_id = '[0-9a-f]+'::text\) AND /);
  expect(condition, plan).toContain(`(${pgKey ?? key} = `);
}

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

  for (const { filter, search } of HOT_FILTERS) {
    it(`list with ${filter} searches ${search.index} on the realm and ${search.key}, for the page and for the count`, async () => {
      const parsed = parseIdentityFilter(filter);
      if (!parsed.ok) throw new Error(parsed.description);
      const store = y.yonder.store;
      const pagePlan = await store.plans.explain(store.identities.pageQuery(y.realmId, parsed.filter, '', 0, 21));
      const countPlan = await store.plans.explain(store.identities.countQuery(y.realmId, parsed.filter));
      for (const plan of [pagePlan, countPlan]) expectRealmKeySearch(plan.join('\n'), search);
    });
  }

  it('the check refuses a walk of the realm through an index, which a plain "uses an index" check let pass', async () => {
    const store = y.yonder.store;
    const parsed = parseIdentityFilter('display_name eq "Alice Smith"');
    if (!parsed.ok) throw new Error(parsed.description);
    // The same list with its condition on an expression no index has: every identity is read.
    const walk = store.identities.pageQuery(y.realmId, parsed.filter, '', 0, 21).clearWhere().where(sql`lower(display_name)`, '=', 'alice smith');
    const plan = (await store.plans.explain(walk)).join('\n');
    expect(() => expectRealmKeySearch(plan, HOT_FILTERS[3]!.search), plan).toThrow();
  });

  it('getting one identity by id searches the primary key, or the realm and id', async () => {
    const store = y.yonder.store;
    const parsed = parseIdentityFilter('id eq "0123456789abcdef"');
    if (!parsed.ok) throw new Error(parsed.description);
    const plan = (await store.plans.explain(store.identities.pageQuery(y.realmId, parsed.filter, '', 0, 2))).join('\n');
    if (engine === 'sqlite') {
      expect(plan, plan).not.toMatch(/\bSCAN identities\b/);
      expect(plan, plan).toMatch(
        /SEARCH identities USING INDEX (sqlite_autoindex_identities_1 \(id=\?\)|identities_realm_id_idx \(realm_id=\? AND id=\?)/,
      );
    } else {
      expect(plan, plan).toMatch(/(identities_pkey|identities_realm_id_idx) on identities.*\n\s*Index Cond: .*\(id = '0123456789abcdef'::text\)/);
    }
  });

  /** Every plan of `queries` searches `index` on `key` (the group or the identity), and none walks the table. */
  async function expectIndexed(
    queries: Parameters<TestYonder['yonder']['store']['plans']['explain']>[0][],
    index: RegExp,
    table: string,
    key: string,
  ) {
    for (const query of queries) {
      const text = (await y.yonder.store.plans.explain(query)).join('\n');
      expect(text, text).toMatch(index);
      expectNoWalk(text);
      expect(text, text).toMatch(
        engine === 'sqlite' ? new RegExp(`SEARCH ${table} USING (COVERING )?INDEX \\w+ \\(${key}=\\?`) : new RegExp(`Index Cond: \\(\\(?${key} = '`),
      );
    }
  }

  it("a group's members page and count read the membership primary key (group_id, identity_id)", async () => {
    const groups = y.yonder.store.groups;
    const groupId = groupIds[7] as string;
    await expectIndexed(
      [groups.memberPageQuery(groupId, '', 0, 21), groups.memberCountQuery(groupId)],
      /group_members_pk|sqlite_autoindex_group_members_1/,
      'group_members',
      'group_id',
    );
  });

  it("an identity's groups page and count read the membership index (identity_id, group_id)", async () => {
    const groups = y.yonder.store.groups;
    const identityId = identityIds[42] as string;
    await expectIndexed(
      [groups.pageOfIdentityQuery(identityId, '', 0, 21), groups.countOfIdentityQuery(identityId)],
      /group_members_identity_idx/,
      'group_members',
      'identity_id',
    );
  });

  const SECONDARY_EMAIL: KeySearch = {
    index: 'identities_realm_secondary_email_idx',
    key: '<expr>',
    pgKey: "lower(((traits)::jsonb ->> 'secondary_email_address'::text))",
  };
  for (const { filter, searches } of [
    { filter: 'userName eq "Alice"', searches: [{ index: 'identities_realm_username_key_uq', key: 'username_key' }] },
    { filter: 'emails.value eq "alice@example.com"', searches: [{ index: 'identities_realm_email_id_idx', key: 'email_key' }, SECONDARY_EMAIL] },
    { filter: 'externalId eq "00u1"', searches: [{ index: 'identities_realm_external_id_id_idx', key: 'external_id' }] },
  ]) {
    it(`SCIM ${filter} searches ${searches.map((s) => s.index).join(' and ')} on the realm and the key, for the page and the count`, async () => {
      const parsed = parseUserFilter(filter);
      if (!parsed.ok) throw new Error(parsed.problem.detail);
      const scim = y.yonder.store.scimUsers;
      for (const query of [scim.searchQuery(y.realmId, parsed.value, DEFAULT_USER_SORT, 0, 100), scim.countQuery(y.realmId, parsed.value)]) {
        const plan = (await y.yonder.store.plans.explain(query)).join('\n');
        for (const search of searches) expectRealmKeySearch(plan, search);
      }
    });

    it(`SCIM ${filter} with the users' groups reads them, in the same query, from the membership index (identity_id, group_id)`, async () => {
      const parsed = parseUserFilter(filter);
      if (!parsed.ok) throw new Error(parsed.problem.detail);
      const query = y.yonder.store.scimUsers.searchQuery(y.realmId, parsed.value, DEFAULT_USER_SORT, 0, 100, true);
      const plan = (await y.yonder.store.plans.explain(query)).join('\n');
      for (const search of searches) expectRealmKeySearch(plan, search);
      expect(plan, plan).toMatch(/group_members_identity_idx/);
    });
  }
});
