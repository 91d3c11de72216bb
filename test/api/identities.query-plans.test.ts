import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseIdentityFilter } from '../../src/domain/identity-filter.js';
import { seedIdentities } from '../../src/services/bulk.js';
import { TestYonder, describeApi, engine } from '../support/harness.js';

/**
 * The hot filters must be answered from an index at any realm size: a plan that scans the realm is
 * fine at a thousand identities and a multi-second list at a million. Each case checks both
 * queries a list runs (the page and its total_size count).
 *
 * TODO when groups land: group membership (`GET /groups/{id}:listMembers`, and identities of a
 * group) must use the membership table's (group_id, identity_id) index; SCIM `filter` on
 * userName / emails.value / externalId maps onto the same three indexes below.
 */
const HOT_FILTERS: { filter: string; index: string }[] = [
  { filter: 'traits.username eq "Alice"', index: 'identities_realm_username_key_uq' },
  { filter: 'traits.primary_email_address eq "alice@example.com"', index: 'identities_realm_email_id_idx' },
  { filter: 'traits.external_id eq "00u1"', index: 'identities_realm_external_id_id_idx' },
  { filter: 'display_name eq "Alice Smith"', index: 'identities_realm_display_name_id_idx' },
];

describeApi('identities: the hot list filters use an index', () => {
  let y: TestYonder;
  beforeAll(async () => {
    y = await TestYonder.start();
    // Enough rows that the planners choose as they would on a real directory. PostgreSQL's
    // autovacuum keeps statistics, so analyze there; SQLite never gathers any unless told, so its
    // plans are checked as production would see them, without.
    await seedIdentities(y.yonder, { tenantId: y.tenantId, realmId: y.realmId }, 3000);
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
});
