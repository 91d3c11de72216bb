import { MAX_TOKEN_LIFETIME_SECONDS } from './application.js';
import { addSeconds } from '../time.js';

/**
 * Signing-key rotation. A rotation adds a key that signs from then on and retires the one before:
 * a retired key signs nothing new but stays in the JWKS, and keeps verifying, until every token it
 * can have signed has expired. Then it leaves (the periodic cleanup, or the next rotation).
 *
 * How long that is: no token lives longer than `MAX_TOKEN_LIFETIME_SECONDS`, and a process learns
 * of a rotation made elsewhere within `SIGNING_KEY_REFRESH_SECONDS` (it may sign with the retired
 * key until then), so a retired key leaves that long, plus that refresh, after its retirement.
 */
export const SIGNING_KEY_REFRESH_SECONDS = 60;

export function retiredKeyLeavesAt(retireTime: string): string {
  return addSeconds(retireTime, MAX_TOKEN_LIFETIME_SECONDS + SIGNING_KEY_REFRESH_SECONDS);
}

/** Keys retired before this time have no unexpired token left: they may be deleted at `now`. */
export function retiredKeyCutoff(now: string): string {
  return addSeconds(now, -(MAX_TOKEN_LIFETIME_SECONDS + SIGNING_KEY_REFRESH_SECONDS));
}

/**
 * The key that signs: the oldest one not retired, so processes that raced to create the first key
 * still agree on one. Null only when every key is retired (a rotation half seen), and then the
 * newest signs.
 */
export function signingKeyOf<K extends { kid: string; create_time: string; retire_time: string | null }>(keys: readonly K[]): K | null {
  const byAge = [...keys].sort((a, b) => (a.create_time === b.create_time ? a.kid.localeCompare(b.kid) : a.create_time < b.create_time ? -1 : 1));
  return byAge.find((key) => key.retire_time === null) ?? byAge.at(-1) ?? null;
}
