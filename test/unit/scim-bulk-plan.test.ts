import { describe, expect, it } from 'vitest';
import { MAX_BULK_REFERENCES, planBulk } from '../../src/protocols/scim/bulk-plan.js';

const post = (bulkId: string, ...refs: string[]) => ({ bulkId, path: '/Users', data: { members: refs.map((r) => ({ value: `bulkId:${r}` })) } });

describe('SCIM Bulk run order', () => {
  it('keeps request order when nothing waits', () => {
    expect(planBulk([post('a'), post('b', 'a'), post('c')])).toMatchObject({ ok: true, value: { order: [0, 1, 2] } });
  });

  it('runs an operation right after the later POST it waits for, by path or data', () => {
    const ops = [{ path: '/Users/bulkId:c', data: {} }, post('b'), post('c', 'b'), post('d')];
    expect(planBulk(ops)).toMatchObject({ ok: true, value: { order: [1, 2, 0, 3] } });
  });

  it('orders a 1,000-long chain, each waiting on the next, from its end', () => {
    const chain = Array.from({ length: 1000 }, (_, i) => (i < 999 ? post(`c${i}`, `c${i + 1}`) : post(`c${i}`)));
    const plan = planBulk(chain);
    expect(plan.ok && plan.value.order).toEqual(Array.from({ length: 1000 }, (_, i) => 999 - i));
  });

  it('a reference to itself or to nothing defined is no dependency: the operation fails alone when it runs', () => {
    expect(planBulk([post('a', 'a', 'nowhere'), post('b')])).toMatchObject({ ok: true, value: { order: [0, 1] } });
  });

  it('refuses cycles and too many references before anything runs', () => {
    expect(planBulk([post('a', 'b'), post('b', 'a'), post('c')])).toMatchObject({ ok: false, problem: { status: 400, scimType: 'invalidValue' } });
    const many = post('g', ...Array.from({ length: MAX_BULK_REFERENCES + 1 }, (_, i) => `u${i}`));
    expect(planBulk([many])).toMatchObject({ ok: false, problem: { status: 400, scimType: 'tooMany' } });
  });
});
