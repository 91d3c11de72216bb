import { nowTimestamp } from '../../domain/time.js';
import type { Yonder } from '../context.js';
import { startPeriodicJob } from '../../platform/periodic.js';

/**
 * How often `yonder serve` deletes expired WebAuthn challenges and hosted-page sessions. Expired
 * rows are already refused when read; this only keeps the tables from growing (every sign-in page
 * view leaves a challenge). Every process runs it; a second one finds nothing to delete.
 *
 * Binding jobs are not purged: they are the contract's records (listed, filtered, counted in a
 * batch's results), and an old job's stored token hash is what lets its link say "already used"
 * or "expired" rather than "not valid".
 */
export const CEREMONY_PURGE_INTERVAL_MS = 10 * 60 * 1000;

export async function purgeExpiredCeremonies(y: Yonder, now: string = nowTimestamp()) {
  const purged = await y.store.ceremonies.purgeExpired(now);
  // The OpenID Connect provider's expired codes, sessions and interactions, and SAML's sign-ins, go on the same round.
  await y.store.oidcInstances.purgeExpired(now);
  await y.store.saml.purgeExpired(now);
  // And the trips through upstream identity providers.
  await y.store.idpFlows.purgeExpired(now);
  return purged;
}

export function startCeremonyPurgeJob(y: Yonder, onError: (error: unknown) => void, intervalMs: number = CEREMONY_PURGE_INTERVAL_MS): () => void {
  return startPeriodicJob(() => purgeExpiredCeremonies(y), onError, intervalMs);
}
