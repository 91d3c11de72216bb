import type { Yonder } from '../../services/context.js';
import { startPeriodicJob } from '../periodic.js';
import type { KeyRotation } from './token-service.js';

/** How often `yonder serve` deletes retired signing keys whose tokens have all expired. */
export const SIGNING_KEY_PRUNE_INTERVAL_MS = 60 * 60 * 1000;

/** `yonder keys rotate`: a new key signs from now on; the others retire (see domain/access/signing-keys.ts). */
export function rotateSigningKey(y: Yonder, now?: string): Promise<KeyRotation> {
  return y.tokens.rotate(now);
}

export function startSigningKeyPruning(y: Yonder, onError: (error: unknown) => void, intervalMs = SIGNING_KEY_PRUNE_INTERVAL_MS): () => void {
  return startPeriodicJob(() => y.tokens.pruneRetiredKeys(), onError, intervalMs);
}
