import { startPeriodicJob } from '../periodic.js';
import type { KeyRotation, TokenService } from './token-service.js';

/** What these jobs need of the running yonder: its token service (the CLI passes the whole `Yonder`). */
interface WithTokens {
  tokens: TokenService;
}

/** How often `yonder serve` deletes retired signing keys whose tokens have all expired. */
export const SIGNING_KEY_PRUNE_INTERVAL_MS = 60 * 60 * 1000;

/** `yonder keys rotate`: a new key signs from now on; the others retire (see domain/access/signing-keys.ts). */
export function rotateSigningKey(y: WithTokens, now?: string): Promise<KeyRotation> {
  return y.tokens.rotate(now);
}

export function startSigningKeyPruning(y: WithTokens, onError: (error: unknown) => void, intervalMs = SIGNING_KEY_PRUNE_INTERVAL_MS): () => void {
  return startPeriodicJob(() => y.tokens.pruneRetiredKeys(), onError, intervalMs);
}
