import { sql } from 'kysely';
import type { Executor } from '../engine/connection.js';
import { CompiledOnce } from '../engine/precompiled.js';
import type { RateLimitsTable } from '../schema.js';

export interface RateLimitCounter {
  key: string;
  hits: number;
  /** Unix seconds at which the counter's window ends. */
  expiresAt: number;
}

/**
 * Fixed-window counters shared by every process through the database (see migration 009). A hit
 * is one upsert, atomic on both engines (INSERT ... ON CONFLICT DO UPDATE ... RETURNING): it
 * starts a new window when the old one is over, else adds one, and answers the count it left.
 */
export class RateLimitStore {
  /** `current`'s read by how many keys it asks for (a request checks one to three limits), compiled once each. */
  private readonly currentOf = new Map<number, CompiledOnce<RateLimitsTable, unknown[]>>();

  constructor(private readonly db: Executor) {}

  async hit(key: string, nowSeconds: number, windowSeconds: number): Promise<RateLimitCounter> {
    const over = sql<boolean>`rate_limits.expires_at <= ${nowSeconds}`;
    const row = await this.db
      .insertInto('rate_limits')
      .values({ key, expires_at: nowSeconds + windowSeconds, hits: 1 })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          hits: sql<number>`case when ${over} then 1 else rate_limits.hits + 1 end`,
          expires_at: sql<number>`case when ${over} then ${nowSeconds + windowSeconds} else rate_limits.expires_at end`,
        }),
      )
      .returning(['key', 'hits', 'expires_at'])
      .executeTakeFirstOrThrow();
    return { key: row.key, hits: Number(row.hits), expiresAt: Number(row.expires_at) };
  }

  /** The counters of `keys` whose window is still open. */
  async current(keys: readonly string[], nowSeconds: number): Promise<RateLimitCounter[]> {
    if (keys.length === 0) return [];
    let read = this.currentOf.get(keys.length);
    if (!read) {
      read = new CompiledOnce(this.db, (now, ...keyPlaceholders) =>
        this.db.selectFrom('rate_limits').selectAll().where('key', 'in', keyPlaceholders).where('expires_at', '>', now),
      );
      this.currentOf.set(keys.length, read);
    }
    const rows = await read.run(nowSeconds, ...keys);
    return rows.map((r) => ({ key: r.key, hits: Number(r.hits), expiresAt: Number(r.expires_at) }));
  }

  /** Deletes at most `limit` counters whose window is over; answers how many it deleted. */
  async deleteExpired(nowSeconds: number, limit: number): Promise<number> {
    const result = await this.db
      .deleteFrom('rate_limits')
      .where('key', 'in', (eb) => eb.selectFrom('rate_limits').select('key').where('expires_at', '<=', nowSeconds).limit(limit))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
