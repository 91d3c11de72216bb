/**
 * Rate limits: what is counted, how many per window, and the key a count is kept under. The
 * counters themselves live in the store (one table shared by every process); this module only
 * names them and decides on their counts.
 *
 * Each limit is a fixed window: the first hit opens a window of `windowSeconds`, and once `limit`
 * hits are in it, further requests are refused with 429 and `Retry-After` (the seconds left in the
 * window) until it ends.
 *
 * Counting is atomic: a hit is one upsert that answers the count it left, and the request is
 * decided on that count, never on a count read before and written after. Read-then-count lets a
 * burst of parallel requests (or several processes) all read "below the limit" before any of
 * them counts; count-then-decide lets exactly `limit` through, on either engine, in any number of
 * processes.
 *
 * A limit must not be a lever against someone else: whatever a stranger sends, a real client or
 * realm keeps working. Hence these keys.
 *
 * Client authentication (token, revoke, introspect) counts failures only, and a right secret is
 * never counted:
 * - A client id that names no client of the realm counts per address alone
 *   (`unknownClientsFromAddress`), and that count refuses only such made-up ids: an address
 *   spraying random client ids cannot lock out any real client, from there or anywhere.
 * - A wrong secret of a real client counts per client and address (`clientFailuresPerAddress`)
 *   and per realm and address (`clientFailuresFromAddress`), never per client alone: client ids
 *   are not secret, and a per-client count would let a stranger lock the client out from anywhere.
 *   Past either limit the failure answers 429 instead of 401.
 * - A right secret is refused only when its client has failed from that same address in the
 *   window (`refusalOfSuccess`) and a limit is full. So a right secret from an address that never
 *   failed for its client is never refused, however many failures others caused there.
 * - Guessing stays bounded: a client and address gets `limit` wrong guesses per window, and once
 *   the realm's count for an address is full, a client gets one guess there at most (its first
 *   failure makes it one that failed). A right secret is let in only if fewer than `limit`
 *   failures of its client and address were counted before it (the counts it reads are committed
 *   upserts, each one atomic), so sending the guesses all at once tests no more of them than
 *   sending them one by one. (Secrets are 256 random bits; the bound is defence in depth, and it
 *   keeps failed work cheap.)
 * - The price: an address shared with an attacker (a NAT, or a reverse proxy yonder was not told
 *   about, see TRUST_PROXY) that failed `limit` times for a client is refused for it until the
 *   window ends, the right secret included. That is what bounds guessing; from any other address
 *   the client is unaffected.
 *
 * The hosted passkey pages count every request (an assertion cannot be guessed; the counts bound
 * the work a page and its stored challenges cost):
 * - per realm and address (`enrollmentFromAddress`, `signInFromAddress`), so one realm's flood
 *   leaves every other realm (the console's admin realm included) open from the same address;
 * - per binding job (the job id is in the link, which only its recipient has);
 * - a path naming no realm of its tenant counts per address alone (`unknownRealmsFromAddress`),
 *   so made-up realm ids neither touch a real realm nor make counters without end.
 * The hosted sign-out counts with the sign-in ceremony of its realm. The Admin Console's token and
 * sign-out endpoints name no realm and count per address (`consoleFromAddress`): only that address
 * waits, and only for the console's own endpoints.
 * There is no per-credential count: an assertion cannot be guessed, so it would only let whoever
 * knows a credential id lock its owner out.
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
  /** Failed client authentications of the clients of one realm from one address. */
  clientFailuresFromAddress: rule('oauth-realm-address', 100, 300),
  /** Client authentications naming no client of the realm, from one address. */
  unknownClientsFromAddress: rule('oauth-unknown-address', 100, 300),
  /** Requests to the enrollment links of one realm and their ceremony, from one address. */
  enrollmentFromAddress: rule('enroll-realm-address', 300, 300),
  /** Requests to the enrollment link and its ceremony, for one binding job. */
  enrollmentPerJob: rule('enroll-job', 30, 300),
  /** Requests to the sign-in ceremony of one realm, from one address. */
  signInFromAddress: rule('sign-in-realm-address', 300, 300),
  /** Requests to hosted pages naming no realm of their tenant, from one address. */
  unknownRealmsFromAddress: rule('hosted-unknown-realm-address', 100, 300),
  /**
   * Requests to the Admin Console's token and sign-out endpoints from one address. Unauthenticated
   * until their cookie is checked; an open console asks for a token every few minutes per tab.
   */
  consoleFromAddress: rule('console-address', 300, 300),
  /** "Send me a new link" requests to one realm from one address (answered 429 past it). */
  recoveryFromAddress: rule('recovery-realm-address', 10, 3600),
  /** Recovery links made for one identity, whoever asks (past it, silently none: asking reveals nothing). */
  recoveryPerIdentity: rule('recovery-identity', 3, 3600),
  /** The account page's calls of one realm from one address. */
  accountFromAddress: rule('account-realm-address', 300, 300),
} as const;

/** Subjects are cut to this length: attacker-chosen text (a job id) must not make big keys. */
const MAX_SUBJECT_LENGTH = 200;

/** One count to take or check: the rule and what it counts (an address, a client id and address...). */
export interface RateLimitCheck {
  rule: RateLimitRule;
  key: string;
}

export function rateLimitCheck(rule: RateLimitRule, ...subject: string[]): RateLimitCheck {
  return { rule, key: `${rule.name}:${subject.join('|').slice(0, MAX_SUBJECT_LENGTH)}` };
}

/** A failed authentication of a real client: the client from this address first, then its realm from this address. */
export function clientFailureChecks(realmId: string, clientId: string, address: string): RateLimitCheck[] {
  return [
    rateLimitCheck(RATE_LIMITS.clientFailuresPerAddress, clientId, address),
    rateLimitCheck(RATE_LIMITS.clientFailuresFromAddress, realmId, address),
  ];
}

/** A client authentication naming no client of the realm. */
export function unknownClientChecks(address: string): RateLimitCheck[] {
  return [rateLimitCheck(RATE_LIMITS.unknownClientsFromAddress, address)];
}

/** A request to an enrollment link or its ceremony, in a realm of its tenant. */
export function enrollmentChecks(realmId: string, jobId: string, address: string): RateLimitCheck[] {
  return [rateLimitCheck(RATE_LIMITS.enrollmentFromAddress, realmId, address), rateLimitCheck(RATE_LIMITS.enrollmentPerJob, realmId, jobId)];
}

/** A request to the sign-in ceremony of a realm of its tenant. */
export function signInChecks(realmId: string, address: string): RateLimitCheck[] {
  return [rateLimitCheck(RATE_LIMITS.signInFromAddress, realmId, address)];
}

/** A "send me a new link" request in a realm of its tenant. */
export function recoveryChecks(realmId: string, address: string): RateLimitCheck[] {
  return [rateLimitCheck(RATE_LIMITS.recoveryFromAddress, realmId, address)];
}

/** A call of the account page in a realm of its tenant. */
export function accountChecks(realmId: string, address: string): RateLimitCheck[] {
  return [rateLimitCheck(RATE_LIMITS.accountFromAddress, realmId, address)];
}

/** A request to the Admin Console's token or sign-out endpoint. */
export function consoleChecks(address: string): RateLimitCheck[] {
  return [rateLimitCheck(RATE_LIMITS.consoleFromAddress, address)];
}

/** A request to a hosted page whose path names no realm of its tenant. */
export function unknownRealmChecks(address: string): RateLimitCheck[] {
  return [rateLimitCheck(RATE_LIMITS.unknownRealmsFromAddress, address)];
}

/** The seconds until a window ending at `expiresAt` is over; at least 1, as `Retry-After` wants. */
export function retryAfterSeconds(expiresAt: number, nowSeconds: number): number {
  return Math.max(1, expiresAt - nowSeconds);
}

/** A refused request: how long to wait. */
export interface RateLimited {
  retryAfterSeconds: number;
}

/** A counter's hits in its open window, and when the window ends (Unix seconds). */
export interface RateLimitCount {
  hits: number;
  expiresAt: number;
}

/**
 * Whether a request that succeeded (a right secret) is refused all the same, from the open counts
 * of its checks. Only when its first check's subject (this client from this address) has failed
 * in its window and some check is full: a subject that never failed is never refused, so nobody
 * else's failures can lock it out.
 */
export function refusalOfSuccess(
  checks: readonly RateLimitCheck[],
  countOf: (key: string) => RateLimitCount | undefined,
  nowSeconds: number,
): RateLimited | null {
  const [own] = checks;
  if (!own || (countOf(own.key)?.hits ?? 0) === 0) return null;
  for (const check of checks) {
    const count = countOf(check.key);
    if (count && count.hits >= check.rule.limit) return { retryAfterSeconds: retryAfterSeconds(count.expiresAt, nowSeconds) };
  }
  return null;
}
