import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestYonder, describeApi } from '../support/harness.js';

/**
 * Numbers past what the store can take (SQLite integers are 64-bit, PostgreSQL's LIMIT/OFFSET
 * bigint; JavaScript loses precision past 2^53) are the client's mistake: a 400 in the protocol's
 * error shape, never a store error. Every v1 list taking paging parameters is found in
 * /openapi.json, so a new list is covered without anyone listing it.
 */
const HUGE = ['99999999999999999999', '9007199254740993', '1e400', '18446744073709551616'];

describeApi('numbers beyond range in list parameters', () => {
  let y: TestYonder;
  let lists: string[];
  let identityId: string;
  beforeAll(async () => {
    y = await TestYonder.start();
    identityId = (await y.createIdentity('numbers')).id;
    const doc = (await y.request('GET', '/openapi.json', { token: null })).body;
    lists = [];
    for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
      const params: { name: string; in: string; schema?: { type?: string } }[] = item.get?.parameters ?? [];
      const numeric = params.filter((p) => p.in === 'query' && p.schema?.type === 'integer').map((p) => p.name);
      if (numeric.length === 0) continue;
      const concrete = path
        .replace('{tenant_id}', y.tenantId)
        .replace('{realm_id}', y.realmId)
        .replace(/\{identity_id\}|\{user_id\}/, identityId)
        .replace(/\{[a-z_]+\}/g, '0000000000000000');
      for (const name of numeric) lists.push(`${concrete}?${name}=`);
    }
  });
  afterAll(async () => y?.close());

  it('every v1 list answers 400 bad_request to a paging number beyond range', async () => {
    expect(lists.some((l) => l.includes('/identities?skip='))).toBe(true);
    expect(lists.some((l) => l.includes('page_size='))).toBe(true);
    for (const list of lists) {
      for (const value of HUGE) {
        const reply = await y.request('GET', `${list}${value}`);
        expect(reply.status, `${list}${value}: ${reply.text}`).toBe(400);
        expect(reply.body.code).toBe('bad_request');
      }
    }
  });

  it('GET /identities?skip=99999999999999999999 names the field that is out of range', async () => {
    const reply = await y.request('GET', y.realmPath('/identities?skip=99999999999999999999'));
    expect(reply.status).toBe(400);
    expect(reply.body.details[0].field_violations[0].field).toBe('skip');
  });

  it('a large skip still in range is an empty page, not an error', async () => {
    const reply = await y.request('GET', y.realmPath('/identities?skip=2000000000'));
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body.identities).toEqual([]);
    expect(reply.body.total_size).toBe(1);
  });

  for (const resource of ['Users', 'Groups']) {
    it(`SCIM /${resource}: startIndex or count beyond range is 400 invalidValue`, async () => {
      for (const name of ['startIndex', 'count']) {
        for (const value of [...HUGE, '-99999999999999999999']) {
          const reply = await y.request('GET', y.realmPath(`/scim/v2/${resource}?${name}=${value}`));
          expect(reply.status, `${name}=${value}: ${reply.text}`).toBe(400);
          expect(reply.body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
          expect(reply.body.scimType).toBe('invalidValue');
        }
      }
    });

    it(`SCIM /${resource}: startIndex below 1 is read as 1, and a large one in range is an empty page (RFC 7644 §3.4.2.4)`, async () => {
      const first = await y.request('GET', y.realmPath(`/scim/v2/${resource}?startIndex=-5`));
      expect(first.status, first.text).toBe(200);
      expect(first.body.startIndex).toBe(1);
      const far = await y.request('GET', y.realmPath(`/scim/v2/${resource}?startIndex=2000000000&count=1000000`));
      expect(far.status, far.text).toBe(200);
      expect(far.body.Resources ?? []).toEqual([]);
    });
  }
});
