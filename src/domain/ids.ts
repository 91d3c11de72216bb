import { randomFillSync, randomUUID } from 'node:crypto';

/**
 * Tenants, realms, identities, groups, roles, credentials and binding jobs use 16 lowercase hex
 * digits (64 bits), as Beyond Identity does; applications and other configuration resources use
 * UUIDs.
 *
 * The 64 bits are time-ordered, like a UUIDv7: 44 bits of Unix milliseconds, then 20 bits that
 * start at a random value each millisecond and count up within it. Random ids scattered every new
 * row over every index keyed by id (the primary key, the realm's id order, the list indexes that
 * end with id), so each create dirtied a page per index; ids that grow with time append to the
 * same few pages instead. That halved the SQLite page writes of a create. Ids are not secrets:
 * every read is authorized, so a guessable id gives nobody anything, and `create_time` already
 * says what the id's time says.
 *
 * Within a process ids are strictly increasing (a millisecond that runs out of counter borrows the
 * next, as RFC 9562 §6.2 does). Two processes can draw the same id only within the same
 * millisecond from overlapping counter runs (about one in a million for a pair of same-millisecond
 * creates); writers of high-rate resources catch the primary-key violation and draw again.
 */
export function newId(nowMs: number = Date.now()): string {
  if (nowMs > lastMs) {
    lastMs = nowMs;
    // Start in the lower half, so a busy millisecond has room to count before borrowing.
    counter = randomCounterStart();
  } else if (++counter > COUNTER_MAX) {
    lastMs++;
    counter = randomCounterStart();
  }
  return lastMs.toString(16).padStart(11, '0') + counter.toString(16).padStart(5, '0');
}

const COUNTER_MAX = 0xfffff;
let lastMs = 0;
let counter = 0;

// One call into the CSPRNG per 1,365 starts instead of one per millisecond: the call, not the
// bytes, is what costs (it showed as an eighth of a bulk import's time).
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

function randomCounterStart(): number {
  if (poolOffset + 3 > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  // 19 bits from three bytes.
  const value = ((pool[poolOffset] ?? 0) << 11) | ((pool[poolOffset + 1] ?? 0) << 3) | ((pool[poolOffset + 2] ?? 0) & 0x7);
  poolOffset += 3;
  return value;
}

export function newUuid(): string {
  return randomUUID();
}

const HEX_ID = /^[0-9a-f]{16}$/;

export function isId(value: string): boolean {
  return HEX_ID.test(value);
}
