/**
 * Rate limits: what is counted, how many per window, and the key a count is kept under. The
 * counters themselves live in the store (one table shared by every process); this module only
 * names them.
 *
 * Each limit is a fixed window: the first hit opens a window of `windowSeconds`, and once `limit`
 * hits are in it, further requests are refused with 429 and `Retry-After` (the seconds left in the
 * window) until it ends.
 *
 * Why these keys:
 * - Failed client authentications count per client *and address*, never per client alone: client
 *   ids are not secret, and a per-client count would let a stranger lock the real client out
 *   from anywhere. Guessing a 256-bit secret from many addresses is hopeless anyway. Per address
 *   across clients, a second limit stops one address trying many clients.
 * - Passkey enrollment counts every request per address and per binding job (the job id is in the
 *   link, which only its recipient has); sign-in counts every request per address. There is no
 *   per-credential count: an assertion cannot be guessed, so it would only let whoever knows a
 *   credential id lock its owner out.
 */
export interface RateLimitRule {
  /** The key prefix, and the rule's name in logs and docs. */
  readonly name: string;
  readonly limit: number;
  readonly windowSeconds: number;
}

const rule = (name: string, limit: number, windowSeconds: number): RateLimitRule => ({ name, limit, windowSeconds });

export const RATE_LIMITS = {
  /** Failed client authentications of one client from one address. */
  clientFailuresPerAddress: rule('oauth-client-address', 20, 300),
  /** Failed client authentications from one address, whatever the client. */
  clientFailuresFromAddress: rule('oauth-address', 100, 300),
  /** Requests to the enrollment link and its ceremony, from one address. */
  enrollmentFromAddress: rule('enroll-address', 300, 300),
  /** Requests to the enrollment link and its ceremony, for one binding job. */
  enrollmentPerJob: rule('enroll-job', 30, 300),
  /** Requests to the sign-in ceremony, from one address. */
  signInFromAddress: rule('sign-in-address', 300, 300),
} as const;

/** Subjects are cut to this length: attacker-chosen text (a client id) must not make big keys. */
const MAX_SUBJECT_LENGTH = 200;

/** One count to take or check: the rule and what it counts (an address, a client id and address...). */
export interface RateLimitCheck {
  rule: RateLimitRule;
  key: string;
}

export function rateLimitCheck(rule: RateLimitRule, ...subject: string[]): RateLimitCheck {
  return { rule, key: `${rule.name}:${subject.join('|').slice(0, MAX_SUBJECT_LENGTH)}` };
}

/** The seconds until a window ending at `expiresAt` is over; at least 1, as `Retry-After` wants. */
export function retryAfterSeconds(expiresAt: number, nowSeconds: number): number {
  return Math.max(1, expiresAt - nowSeconds);
}

/** A refused request: how long to wait. */
export interface RateLimited {
  retryAfterSeconds: number;
}
