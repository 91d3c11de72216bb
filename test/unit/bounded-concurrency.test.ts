import { describe, expect, it } from 'vitest';
import { boundedConcurrency } from '../../src/platform/concurrency.js';

/** A work that finishes when the test says so, recording when it started. */
function gate(started: string[], name: string) {
  let open!: () => void;
  const done = new Promise<void>((resolve) => {
    open = resolve;
  });
  return {
    work: async () => {
      started.push(name);
      await done;
      return name;
    },
    open: () => open(),
  };
}

describe('boundedConcurrency', () => {
  it('runs two at once, queues two in order, refuses the fifth at once, and frees every slot after', async () => {
    const limit = boundedConcurrency(2, 2, () => new Error('busy'));
    const started: string[] = [];
    const gates = ['a', 'b', 'c', 'd'].map((name) => gate(started, name));
    const results = gates.map((g) => limit(g.work));
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(['a', 'b']);
    await expect(limit(async () => 'e')).rejects.toThrow('busy');

    gates[1]?.open();
    expect(await results[1]).toBe('b');
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(['a', 'b', 'c']);
    for (const g of gates) g.open();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd']);

    // Every slot is free again: two start at once, and a failing work frees its slot too.
    await expect(limit(async () => Promise.reject(new Error('failed')))).rejects.toThrow('failed');
    const again = [gate(started, 'f'), gate(started, 'g')];
    const more = again.map((g) => limit(g.work));
    await new Promise((resolve) => setImmediate(resolve));
    expect(started.slice(-2)).toEqual(['f', 'g']);
    for (const g of again) g.open();
    expect(await Promise.all(more)).toEqual(['f', 'g']);
  });
});
