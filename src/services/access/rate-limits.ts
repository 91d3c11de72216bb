import { type RateLimitCheck, type RateLimited, refusalOfSuccess, retryAfterSeconds, unknownRealmChecks } from '../../domain/access/rate-limit.js';
import type { Yonder } from '../context.js';
import type { RealmRef } from '../directory/identities.js';
import { deleteInBatches, startPeriodicJob } from '../../platform/periodic.js';

/**
 * Rate limits over the store's shared counters (`rate_limits`), so a limit holds across every
 * process on one database (the rules and why: domain/access/rate-limit.ts). Two ways to count:
 * - `takeAttempt` counts a request (hosted pages) or a failure (client authentication) and decides
 *   on the counts the atomic upserts answered, so a burst gets exactly `limit` through;
 * - `refusedDespiteSuccess` decides on a request that succeeded, without counting it: refused only
 *   when its own subject has failed in the window and a limit is full.
 * Counting happens outside any transaction on purpose: a refused request must still count.
 */
const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * Counts this request against each check in order and refuses it past a limit. It stops at the
 * first refusal, so a refused subject does not add to wider counts, and a refused address cannot
 * create counters for more subjects (made-up job ids).
 */
export async function takeAttempt(y: Yonder, checks: readonly RateLimitCheck[]): Promise<RateLimited | null> {
  const now = nowSeconds();
  for (const check of checks) {
    const counter = await y.store.rateLimits.hit(check.key, now, check.rule.windowSeconds);
    if (counter.hits > check.rule.limit) return { retryAfterSeconds: retryAfterSeconds(counter.expiresAt, now) };
  }
  return null;
}

/** For a request that succeeded: refused only if its own subject failed in the window and a check is full. */
export async function refusedDespiteSuccess(y: Yonder, checks: readonly RateLimitCheck[]): Promise<RateLimited | null> {
  const now = nowSeconds();
  const counters = new Map(
    (
      await y.store.rateLimits.current(
        checks.map((c) => c.key),
        now,
      )
    ).map((c) => [c.key, c]),
  );
  return refusalOfSuccess(checks, (key) => counters.get(key), now);
}

/**
 * Counts a request to a realm's hosted pages: against `checks` when the path names a realm of its
 * tenant, else per address alone, so made-up realm ids never count against a real realm.
 */
export async function takeRealmAttempt(y: Yonder, ref: RealmRef, address: string, checks: RateLimitCheck[]): Promise<RateLimited | null> {
  const realm = await y.store.realms.get(ref.tenantId, ref.realmId);
  return takeAttempt(y, realm ? checks : unknownRealmChecks(address));
}

/** Counters deleted per statement. */
export const RATE_LIMIT_PRUNE_BATCH_SIZE = 1000;
/** How often `yonder serve` deletes counters whose window is over. */
export const RATE_LIMIT_PRUNE_INTERVAL_MS = 10 * 60 * 1000;

/**
 * Deletes the counters whose window is over, in batches, on either engine. An expired counter
 * already counts as zero, so this only keeps the table small; several processes may run it at
 * once (each batch is one DELETE).
 */
export async function pruneRateLimits(y: Yonder, options: { now?: number; batchSize?: number } = {}): Promise<number> {
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  return deleteInBatches((limit) => y.store.rateLimits.deleteExpired(now, limit), options.batchSize ?? RATE_LIMIT_PRUNE_BATCH_SIZE);
}

export function startRateLimitPruning(y: Yonder, onError: (error: unknown) => void, intervalMs: number = RATE_LIMIT_PRUNE_INTERVAL_MS): () => void {
  return startPeriodicJob(() => pruneRateLimits(y), onError, intervalMs);
}
