import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestYonder, describeApi } from '../support/harness.js';

describeApi('identities: listing, paging and filters', () => {
  let y: TestYonder;
  const seeded = new Set<string>();

  beforeAll(async () => {
    y = await TestYonder.start();
    for (let batch = 0; batch < 20; batch++) {
      const created = await Promise.all(
        Array.from({ length: 50 }, (_, i) => {
          const n = batch * 50 + i;
          return y.createIdentity(`user${String(n).padStart(4, '0')}`, {
            traits: {
              type: 'traits_v0',
              username: `user${String(n).padStart(4, '0')}`,
              primary_email_address: `User${n}@Example.com`,
              external_id: `ext-${n}`,
            },
          });
        }),
      );
      for (const identity of created) seeded.add(identity.id);
    }
  }, 120_000);
  afterAll(async () => y?.close());

  async function walk(query: string, onPage?: (page: number) => Promise<void>) {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const sep = query.includes('?') ? '&' : '?';
      const url = y.realmPath(`/identities${query}${token ? `${sep}page_token=${token}` : ''}`);
      const reply = await y.request('GET', url);
      expect(reply.status, reply.text).toBe(200);
      seen.push(...reply.body.identities.map((i: { id: string }) => i.id));
      expect(reply.body).not.toHaveProperty('next_page_token', '');
      token = reply.body.next_page_token;
      pages++;
      if (onPage) await onPage(pages);
    } while (token);
    return { seen, pages };
  }

  it('paging 1,000 identities with page_size=7 returns each exactly once, even while identities are created', async () => {
    let extra = 0;
    const { seen, pages } = await walk('?page_size=7', async (page) => {
      if (page % 10 === 0) await y.createIdentity(`late${extra++}`);
    });
    const seededSeen = seen.filter((id) => seeded.has(id));
    expect(seededSeen).toHaveLength(1000);
    expect(new Set(seededSeen).size).toBe(1000);
    expect(new Set(seen).size).toBe(seen.length);
    expect(pages).toBeGreaterThanOrEqual(143);
  });

  it('the default page is 20 items, total_size counts all matches, and the last page has no token', async () => {
    const first = await y.request('GET', y.realmPath('/identities?filter=traits.username sw "user00"'));
    expect(first.body.identities).toHaveLength(20);
    expect(first.body.total_size).toBe(100);
    const last = await y.request('GET', y.realmPath('/identities?filter=traits.username sw "user00"&skip=80&page_size=50'));
    expect(last.body.identities).toHaveLength(20);
    expect(last.body).not.toHaveProperty('next_page_token');
    // A page that reaches the end knows the total without counting; the total is the same either way.
    expect(last.body.total_size).toBe(100);
    const one = await y.request('GET', y.realmPath('/identities?filter=traits.username eq "user0042"'));
    expect([one.body.identities.length, one.body.total_size]).toEqual([1, 1]);
    const none = await y.request('GET', y.realmPath('/identities?filter=traits.username eq "nobody-here"'));
    expect([none.body.identities.length, none.body.total_size]).toEqual([0, 0]);
    const beyond = await y.request('GET', y.realmPath('/identities?filter=traits.username sw "user00"&skip=150'));
    expect([beyond.body.identities.length, beyond.body.total_size]).toEqual([0, 100]);
    const lastOne = await y.request('GET', y.realmPath('/identities?filter=traits.username sw "user00"&skip=99'));
    expect([lastOne.body.identities.length, lastOne.body.total_size]).toEqual([1, 100]);
  });

  it('page_size above the maximum is capped at 200, not rejected', async () => {
    const reply = await y.request('GET', y.realmPath('/identities?page_size=500'));
    expect(reply.status).toBe(200);
    expect(reply.body.identities).toHaveLength(200);
    expect(reply.body.next_page_token).toMatch(/^[A-Za-z0-9_.-]+$/);
  });

  it('traits.username eq "ALICE" finds alice (case-insensitive), spaces encoded as +', async () => {
    await y.createIdentity('alice');
    const reply = await y.request('GET', y.realmPath('/identities?filter=traits.username+eq+%22ALICE%22'));
    expect(reply.status).toBe(200);
    expect(reply.body.total_size).toBe(1);
    expect(reply.body.identities[0].traits.username).toBe('alice');
  });

  it('filters on email, external id, id and display name, with and / or', async () => {
    const byEmail = await y.request('GET', y.realmPath('/identities?filter=traits.primary_email_address eq "user7@example.COM"'));
    expect(byEmail.body.identities.map((i: any) => i.traits.username)).toEqual(['user0007']);
    const byExternal = await y.request('GET', y.realmPath('/identities?filter=traits.external_id eq "ext-12"'));
    expect(byExternal.body.total_size).toBe(1);
    const externalIsExact = await y.request('GET', y.realmPath('/identities?filter=traits.external_id eq "EXT-12"'));
    expect(externalIsExact.body.total_size).toBe(0);
    const id = byExternal.body.identities[0].id;
    const byId = await y.request('GET', y.realmPath(`/identities?filter=id eq "${id}"`));
    expect(byId.body.identities[0].id).toBe(id);
    const either = await y.request(
      'GET',
      y.realmPath('/identities?filter=traits.username eq "user0001" or (display_name co "0999" and traits.external_id sw "ext-9")'),
    );
    expect(either.body.identities.map((i: any) => i.traits.username).sort()).toEqual(['user0001', 'user0999']);
  });

  it('LIKE wildcards in a filter value match literally', async () => {
    await y.createIdentity('pct_user');
    const reply = await y.request('GET', y.realmPath('/identities?filter=traits.username co "_"'));
    expect(reply.body.identities.map((i: any) => i.traits.username)).toEqual(['pct_user']);
  });

  it('an unsupported filter gets 400 FieldViolations on filter', async () => {
    for (const filter of ['traits.title eq "x"', 'traits.username gt "a"', 'traits.username eq', 'not (id eq "a")', 'id eq 5']) {
      const reply = await y.request('GET', y.realmPath(`/identities?filter=${encodeURIComponent(filter)}`));
      expect(reply.status, filter).toBe(400);
      expect(reply.body.details[0].field_violations[0].field).toBe('filter');
    }
  });

  it('the filter is locked into the page token: another filter with the token gets 400', async () => {
    const first = await y.request('GET', y.realmPath('/identities?filter=traits.username sw "user"&page_size=5'));
    const token = first.body.next_page_token;
    const same = await y.request('GET', y.realmPath(`/identities?filter=traits.username sw "user"&page_token=${token}`));
    expect(same.status).toBe(200);
    expect(same.body.identities).toHaveLength(5);
    const other = await y.request('GET', y.realmPath(`/identities?filter=traits.username sw "late"&page_token=${token}`));
    expect(other.status).toBe(400);
    expect(other.body.details[0].field_violations[0].field).toBe('filter');
  });

  it('a tampered or foreign page token gets 400 invalid page token', async () => {
    const first = await y.request('GET', y.realmPath('/identities?page_size=5'));
    const token: string = first.body.next_page_token;
    const [payload, sig] = token.split('.');
    const cursor = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString());
    cursor.after = '';
    const tampered = `${Buffer.from(JSON.stringify(cursor)).toString('base64url')}.${sig}`;
    for (const bad of [tampered, 'garbage', `${token}x`]) {
      const reply = await y.request('GET', y.realmPath(`/identities?page_token=${bad}`));
      expect(reply.status).toBe(400);
      expect(reply.body.details[0].field_violations[0]).toEqual({ field: 'page_token', description: 'invalid page token' });
    }
    const realms = await y.request('GET', `/v1/tenants/${y.tenantId}/realms?page_token=${token}`);
    expect(realms.status).toBe(400);
  });

  it('a lookup in a realm that is not there is a 404, before any complaint about its page token, on v1 and SCIM', async () => {
    const missing = '0123456789abcdef';
    const lookup = encodeURIComponent('traits.username eq "user0001"');
    for (const query of [`filter=${lookup}`, `filter=${lookup}&page_token=not-a-token`]) {
      const reply = await y.request('GET', y.realmPath(`/identities?${query}`, missing));
      expect(reply.status, reply.text).toBe(404);
    }
    const scim = await y.request('GET', y.realmPath(`/scim/v2/Users?filter=${encodeURIComponent('userName eq "user0001"')}`, missing));
    expect(scim.status, scim.text).toBe(404);
    // The same lookups in the realm find the identity.
    const found = await y.request('GET', y.realmPath(`/identities?filter=${lookup}`));
    expect(found.body.identities.map((i: { traits: { username: string } }) => i.traits.username)).toEqual(['user0001']);
  });
});
