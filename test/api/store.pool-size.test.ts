import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { TestYonder, describeApi, engine } from '../support/harness.js';

/**
 * `PG_POOL_SIZE` bounds the PostgreSQL connections one process opens (N processes on one server
 * need N times it): more requests than connections wait for one, none fails.
 */
describeApi('PG_POOL_SIZE', () => {
  let y: TestYonder;
  beforeAll(async () => {
    y = await TestYonder.start(undefined, { config: { pgPoolSize: 2 } });
  });
  afterAll(async () => y?.close());

  it('is 10 unless set, a whole number from 1 to 1000', () => {
    expect(loadConfig({}).pgPoolSize).toBe(10);
    expect(loadConfig({ PG_POOL_SIZE: '40' }).pgPoolSize).toBe(40);
    for (const bad of ['0', '2.5', 'many', '1001']) expect(() => loadConfig({ PG_POOL_SIZE: bad })).toThrow(/PG_POOL_SIZE/);
  });

  it.runIf(engine === 'postgres')('twenty requests at once on a pool of two: every one answered, never more than two connections', async () => {
    let most = 0;
    const watch = setInterval(() => {
      most = Math.max(most, y.yonder.store.poolUsage()?.total ?? 0);
    }, 1);
    try {
      const replies = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          i % 2 === 0 ? y.request('GET', y.realmPath('/identities')) : y.createIdentity(`pool-${i}`).then(() => ({ status: 200 })),
        ),
      );
      expect(replies.map((r) => r.status)).toEqual(Array(20).fill(200));
    } finally {
      clearInterval(watch);
    }
    most = Math.max(most, y.yonder.store.poolUsage()?.total ?? 0);
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(2);
  });
});
