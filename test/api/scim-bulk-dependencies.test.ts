import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestYonder, describeApi } from '../support/harness.js';
import { CORE_USER, ENTERPRISE_USER, ERROR, scimPath } from '../support/scim.js';

const BULK_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';

/**
 * Bulk operations that name each other's bulkIds (RFC 7644 §3.7.2) are ordered in one pass over
 * the request: a 1,000-operation chain took 1,000 passes over every waiting operation before.
 */
describeApi('SCIM Bulk: bulkId dependencies', () => {
  let y: TestYonder;
  beforeAll(async () => {
    y = await TestYonder.start();
  });
  afterAll(async () => y?.close());

  const bulk = (Operations: unknown[]) => y.request('POST', scimPath(y, '/Bulk'), { body: { schemas: [BULK_REQUEST], Operations } });
  const count = async (prefix: string) =>
    (await y.request('GET', scimPath(y, `/Users?filter=${encodeURIComponent(`userName sw "${prefix}"`)}&count=0`))).body.totalResults;
  const idOf = (location: string) => location.split('/').pop() as string;

  it("a chain of 1,000 operations, each naming the next one's bulkId, runs every one with the right ids", async () => {
    const Operations = Array.from({ length: 1000 }, (_, i) => ({
      method: 'POST',
      path: '/Users',
      bulkId: `c${i}`,
      data: {
        schemas: [CORE_USER],
        userName: `chain.${String(i).padStart(4, '0')}`,
        ...(i < 999 ? { [ENTERPRISE_USER]: { manager: { value: `bulkId:c${i + 1}` } } } : {}),
      },
    }));
    const r = await bulk(Operations);
    expect(r.status, r.text.slice(0, 300)).toBe(200);
    expect(r.body.Operations).toHaveLength(1000);
    expect(r.body.Operations.every((o: { status: string }) => o.status === '201')).toBe(true);
    // Reported in request order; each user's manager is the next one.
    for (const i of [0, 500, 998]) {
      const user = (await y.request('GET', scimPath(y, `/Users/${idOf(r.body.Operations[i].location)}`))).body;
      expect(user.userName).toBe(`chain.${String(i).padStart(4, '0')}`);
      expect(user[ENTERPRISE_USER].manager.value).toBe(idOf(r.body.Operations[i + 1].location));
    }
  }, 120_000);

  it('operations waiting on a later POST by path run after it; the rest keep request order', async () => {
    const r = await bulk([
      {
        method: 'PATCH',
        path: '/Users/bulkId:late',
        data: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'add', path: 'title', value: 'Patched' }] },
      },
      { method: 'POST', path: '/Users', bulkId: 'early', data: { userName: 'order.early' } },
      { method: 'POST', path: '/Users', bulkId: 'late', data: { userName: 'order.late', [ENTERPRISE_USER]: { manager: { value: 'bulkId:early' } } } },
    ]);
    expect(r.body.Operations.map((o: { status: string }) => o.status)).toEqual(['200', '201', '201']);
    const late = (await y.request('GET', scimPath(y, `/Users/${idOf(r.body.Operations[2].location)}`))).body;
    expect(late.title).toBe('Patched');
    expect(late[ENTERPRISE_USER].manager.value).toBe(idOf(r.body.Operations[1].location));
  });

  it('a cycle of bulkIds is 400 invalidValue and nothing is written', async () => {
    const r = await bulk([
      { method: 'POST', path: '/Users', bulkId: 'a', data: { userName: 'cycle.a', [ENTERPRISE_USER]: { manager: { value: 'bulkId:b' } } } },
      { method: 'POST', path: '/Users', bulkId: 'b', data: { userName: 'cycle.b', [ENTERPRISE_USER]: { manager: { value: 'bulkId:a' } } } },
      { method: 'POST', path: '/Users', bulkId: 'c', data: { userName: 'cycle.c' } },
    ]);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ schemas: [ERROR], scimType: 'invalidValue' });
    expect(r.body.detail).toMatch(/circular bulkId references: "a", "b"/);
    expect(await count('cycle.')).toBe(0);
  });

  it('more bulkId references than the cap is 400 tooMany and nothing is written', async () => {
    const members = Array.from({ length: 10_001 }, (_, i) => ({ value: `bulkId:u${i}` }));
    const r = await bulk([
      { method: 'POST', path: '/Users', bulkId: 'u', data: { userName: 'cap.u' } },
      { method: 'POST', path: '/Groups', bulkId: 'g', data: { displayName: 'cap group', members } },
    ]);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ schemas: [ERROR], scimType: 'tooMany' });
    expect(await count('cap.')).toBe(0);
  });
});
