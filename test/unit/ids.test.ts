import { describe, expect, it } from 'vitest';
import { isId, newId } from '../../src/domain/ids.js';

const timeOf = (id: string) => Number.parseInt(id.slice(0, 11), 16);

describe('resource ids', () => {
  it('are 16 lowercase hex digits that start with the millisecond they were made in', () => {
    const id = newId(1_800_000_000_000);
    expect(isId(id)).toBe(true);
    expect(timeOf(id)).toBe(1_800_000_000_000);
  });

  it('sort in the order they were made, even 100,000 in one millisecond (the counter borrows the next)', () => {
    const ids = Array.from({ length: 100_000 }, () => newId(1_800_000_001_000));
    expect(ids.every(isId)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    // 2^20 values per millisecond, starting below 2^19: 100,000 fit in the first or borrow one more.
    expect(timeOf(ids[ids.length - 1] as string) - 1_800_000_001_000).toBeLessThanOrEqual(1);
  });

  it('made after a clock step back still sort after the last one', () => {
    const a = newId(1_900_000_000_000);
    const b = newId(1_899_999_000_000);
    expect(b > a).toBe(true);
  });

  it('start each millisecond at an unpredictable counter', () => {
    const starts = new Set(Array.from({ length: 50 }, (_, i) => newId(2_000_000_000_000 + i).slice(11)));
    expect(starts.size).toBeGreaterThan(45);
  });
});
