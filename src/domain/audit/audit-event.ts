import { randomFillSync } from 'node:crypto';

/**
 * Audit events: who changed what in a realm, when, from where, and how (before and after).
 *
 * The actor is whoever the change is attributed to:
 * - `token`: a management API call; `subject` is the token's `sub`, `jti` names the very token;
 * - `console`: a person signed in to the admin console (their identity, in its realm);
 * - `client`: an application authenticated by its client credentials (token endpoint, RFC 7009
 *   revocation); `application_id` names it, and is also the `sub` of the tokens it obtains;
 * - `cli`: the `yonder` command line, run by whoever can reach the store;
 * - `system`: yonder itself (the first-start bootstrap, the retention job);
 * - `anonymous`: a public route (a sign-in ceremony before anyone is known).
 */
export type Actor =
  | { type: 'token'; subject: string; jti: string }
  | { type: 'console'; identity_id: string; realm_id: string; session_id?: string }
  /** A person on their own account page (signed in with a passkey of the realm). */
  | { type: 'account'; identity_id: string; realm_id: string }
  | { type: 'client'; application_id: string }
  | { type: 'cli' }
  | { type: 'system' }
  | { type: 'anonymous' };

export const SYSTEM_ACTOR: Actor = { type: 'system' };
export const CLI_ACTOR: Actor = { type: 'cli' };

/**
 * The one value the `actor` filter matches: the token's jti, the console or account page identity's id, the
 * client's application id, or the type itself for `cli`, `system` and `anonymous`. (A token's subject is the tenant's management application
 * for every token, so it could not tell two callers apart; the filter also accepts it.)
 */
export function actorKey(actor: Actor): { id: string; subject: string | null } {
  switch (actor.type) {
    case 'token':
      return { id: actor.jti, subject: actor.subject };
    case 'console':
    case 'account':
      return { id: actor.identity_id, subject: actor.identity_id };
    case 'client':
      return { id: actor.application_id, subject: actor.application_id };
    default:
      return { id: actor.type, subject: null };
  }
}

export type JsonObject = { [key: string]: unknown };

export interface AuditEvent {
  /** Time-ordered (see `newEventId`): newer events have greater ids. */
  id: string;
  tenant_id: string;
  realm_id: string;
  /** `<resource>.<what happened>`, e.g. `identity.updated`, `group.members_added`, `policy.evaluated`. */
  type: string;
  resource_type: string;
  resource_id: string;
  actor: Actor;
  /** The caller's IP address as the server saw it; null outside HTTP. */
  address: string | null;
  request_id: string | null;
  /** The resource before and after the change, secrets redacted; null where there is none. */
  before: JsonObject | null;
  after: JsonObject | null;
  create_time: string;
}

let lastMs = 0;
let sequence = 0;
// One CSPRNG call per 512 events: the call, not the bytes, is what costs (see domain/ids.ts).
const randomPool = Buffer.alloc(4096);
let randomOffset = randomPool.length;

/**
 * A UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then a 12-bit counter, then 62 random bits,
 * in lowercase hex. Text order is time order, so keyset paging on the id walks events in time
 * order. Within one process ids are strictly increasing even within one millisecond (the counter,
 * RFC 9562 §6.2 method 1, borrowing the next millisecond when 4096 are not enough); across
 * processes events of the same millisecond order by their random bits.
 */
export function newEventId(nowMs: number = Date.now()): string {
  let ms = nowMs;
  if (ms <= lastMs) {
    ms = lastMs;
    sequence++;
    if (sequence > 0xfff) {
      ms++;
      sequence = 0;
    }
  } else {
    sequence = 0;
  }
  lastMs = ms;
  const time = ms.toString(16).padStart(12, '0');
  if (randomOffset + 8 > randomPool.length) {
    randomFillSync(randomPool);
    randomOffset = 0;
  }
  randomPool[randomOffset] = ((randomPool[randomOffset] ?? 0) & 0x3f) | 0x80;
  const tail = randomPool.toString('hex', randomOffset, randomOffset + 8);
  randomOffset += 8;
  const seq = sequence.toString(16).padStart(3, '0');
  return `${time.slice(0, 8)}-${time.slice(8)}-7${seq}-${tail.slice(0, 4)}-${tail.slice(4)}`;
}

const EVENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function isEventId(value: string): boolean {
  return EVENT_ID.test(value);
}

/** The millisecond an event id was made in. */
export function eventIdTime(id: string): number {
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

/**
 * Below every event id made in millisecond `ms` or later, and above every one made before it: an
 * id's time is never earlier than its event's `create_time` (the time is read first), so
 * `id < eventIdFloor(t)` finds events created before t in the primary key's order.
 */
export function eventIdFloor(ms: number): string {
  const time = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0');
  return `${time.slice(0, 8)}-${time.slice(8)}`;
}
