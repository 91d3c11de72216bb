import type { Yonder } from '../context.js';
import { deleteInBatches, startPeriodicJob } from '../../platform/periodic.js';

/** Events deleted per statement: small enough that no batch holds the table for long. */
export const PRUNE_BATCH_SIZE = 1000;

/** How often `yonder serve` prunes. Every process does; a second one finds nothing to delete. */
export const PRUNE_INTERVAL_MS = 60 * 60 * 1000;

export interface PruneResult {
  deleted: number;
  /** Events created before this were deleted; null when retention is off (0 days). */
  cutoff: string | null;
}

/**
 * Deletes the events older than the retention period (`AUDIT_RETENTION_DAYS`), in batches, on
 * either engine. Safe to run from several processes at once: each batch is one DELETE, and a row
 * another process deleted first is simply not counted twice.
 */
export async function pruneEvents(y: Yonder, options: { now?: number; batchSize?: number } = {}): Promise<PruneResult> {
  const days = y.config.auditRetentionDays;
  if (days <= 0) return { deleted: 0, cutoff: null };
  const cutoff = new Date((options.now ?? Date.now()) - days * 24 * 3600 * 1000).toISOString();
  const deleted = await deleteInBatches((limit) => y.store.auditEvents.deleteOlderThan(cutoff, limit), options.batchSize ?? PRUNE_BATCH_SIZE);
  return { deleted, cutoff };
}

/** Prunes now and then every `intervalMs` (see `startPeriodicJob`); returns the function that stops it. */
export function startRetentionJob(y: Yonder, onError: (error: unknown) => void, intervalMs: number = PRUNE_INTERVAL_MS): () => void {
  return startPeriodicJob(() => pruneEvents(y), onError, intervalMs);
}
