import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Page tokens are opaque to clients and tamper-evident: a base64url JSON cursor plus an HMAC over
 * it with a key every yonder process shares through the store. Everything in them is URL-safe,
 * because Beyond Identity's own clients append the token to the next URL without encoding it.
 */
export interface PageCursor {
  /** Which list the token belongs to, e.g. `identities:<realm_id>`; a token for another list is refused. */
  list: string;
  /** The canonical filter the first page was asked with; the contract locks it into the token. */
  filter: string;
  /** The last id returned; the next page starts after it, so paging is stable under inserts. */
  after: string;
  page_size: number;
  /** Issued at (seconds). The contract lets tokens expire after one week. */
  iat: number;
}

const MAX_AGE_SECONDS = 7 * 24 * 3600;

function sign(payload: string, key: Buffer): string {
  return createHmac('sha256', key).update(payload).digest().subarray(0, 16).toString('base64url');
}

export function encodePageToken(cursor: PageCursor, key: Buffer): string {
  const payload = Buffer.from(JSON.stringify(cursor)).toString('base64url');
  return `${payload}.${sign(payload, key)}`;
}

export function decodePageToken(token: string, key: Buffer, nowSeconds: number): PageCursor | null {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(sign(payload, key));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  let cursor: unknown;
  try {
    cursor = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!isCursor(cursor)) return null;
  if (nowSeconds - cursor.iat > MAX_AGE_SECONDS) return null;
  return cursor;
}

function isCursor(value: unknown): value is PageCursor {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  return (
    typeof c.list === 'string' &&
    typeof c.filter === 'string' &&
    typeof c.after === 'string' &&
    typeof c.page_size === 'number' &&
    typeof c.iat === 'number'
  );
}
