import { sql } from 'kysely';
import type { Executor } from './connection.js';

/**
 * Fixed-window counters of failed client authentications, shared by every process through the
 * database. One upsert per failure: it starts a new window when the old one is over, else adds
 * one, atomically on both engines (INSERT ... ON CONFLICT DO UPDATE).
 */
export class AuthFailureStore {
  constructor(private readonly db: Executor) {}

  async record(key: string, nowSeconds: number, windowSeconds: number): Promise<void> {
    const stale = nowSeconds - windowSeconds;
    await this.db
      .insertInto('auth_failures')
      .values({ key, window_start: nowSeconds, failures: 1 })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          failures: sql<number>`case when auth_failures.window_start <= ${stale} then 1 else auth_failures.failures + 1 end`,
          window_start: sql<number>`case when auth_failures.window_start <= ${stale} then ${nowSeconds} else auth_failures.window_start end`,
        }),
      )
      .execute();
  }

  /** The counters of `keys` whose window is still open. */
  async current(keys: readonly string[], nowSeconds: number, windowSeconds: number): Promise<{ key: string; windowStart: number; failures: number }[]> {
    if (keys.length === 0) return [];
    const rows = await this.db
      .selectFrom('auth_failures')
      .selectAll()
      .where('key', 'in', keys)
      .where('window_start', '>', nowSeconds - windowSeconds)
      .execute();
    return rows.map((r) => ({ key: r.key, windowStart: Number(r.window_start), failures: Number(r.failures) }));
  }
}
