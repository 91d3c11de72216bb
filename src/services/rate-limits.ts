import { type RateLimitCheck, type RateLimited, retryAfterSeconds } from '../domain/rate-limit.js';
import type { Yonder } from './context.js';
import { deleteInBatches, startPeriodicJob } from './periodic.js';

/**
 * Rate limits over the store's shared counters (`rate_limits`), so a limit holds across every
 * process on one database. Two ways to count:
 * - `takeAttempt` counts every request and refuses the one past the limit (passkey pages and
 *   ceremonies);
 * - `currentlyLimited` + `recordHits` count only failures: check before doing the work, record
 *   only when it failed (client authentication), so a client that authenticates is never slowed.
 * Counting happens outside any transaction on purpose: a refused request must still count.
 */
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Refused by the first check whose window is full; null when every check has room. */
export async function currentlyLimited(y: Yonder, checks: readonly RateLimitCheck[]): Promise<RateLimited | null> {
  const now = nowSeconds();
  const counters = new Map((await y.store.rateLimits.current(checks.map((c) => c.key), now)).map((c) => [c.key, c]));
  for (const check of checks) {
    const counter = counters.get(check.key);
    if (counter && counter.hits >= check.rule.limit) return { retryAfterSeconds: retryAfterSeconds(counter.expiresAt, now) };
  }
  return null;
}

/** Adds one to each check's counter. */
export async function recordHits(y: Yonder, checks: readonly RateLimitCheck[]): Promise<void> {
  const now = nowSeconds();
  for (const check of checks) await y.store.rateLimits.hit(check.key, now, check.rule.windowSeconds);
}

/**
 * Counts this request against each check in order and refuses it past a limit. It stops at the
 * first refusal, so a refused address cannot create counters for more subjects (made-up job ids).
 */
export async function takeAttempt(y: Yonder, checks: readonly RateLimitCheck[]): Promise<RateLimited | null> {
  const now = nowSeconds();
  for (const check of checks) {
    const counter = await y.store.rateLimits.hit(check.key, now, check.rule.windowSeconds);
    if (counter.hits > check.rule.limit) return { retryAfterSeconds: retryAfterSeconds(counter.expiresAt, now) };
  }
  return null;
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

export function startRateLimitPruning(
  y: Yonder,
  onError: (error: unknown) => void,
  intervalMs: number = RATE_LIMIT_PRUNE_INTERVAL_MS,
): () => void {
  return startPeriodicJob(() => pruneRateLimits(y), onError, intervalMs);
}
