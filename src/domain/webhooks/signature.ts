import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures as the Standard Webhooks specification (and Svix) makes them, so a receiver
 * can check them with an off-the-shelf library:
 * - the secret is `whsec_` + base64 of 24 to 64 random bytes; the HMAC key is those bytes;
 * - the signed content is `<webhook-id>.<webhook-timestamp>.<body>`: the id and time are signed
 *   with the body, so neither can be swapped onto another delivery;
 * - `webhook-signature` is `v1,<base64 HMAC-SHA256>` (a space-separated list when keys rotate).
 */
export const SECRET_PREFIX = 'whsec_';

const SECRET_PATTERN = /^whsec_[A-Za-z0-9+/]+={0,2}$/;

export function newWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

/** Why a supplied secret cannot be used, or null when it can. */
export function webhookSecretProblem(secret: string): string | null {
  if (!SECRET_PATTERN.test(secret)) return 'must be whsec_ followed by base64';
  const bytes = Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64').length;
  if (bytes < 24 || bytes > 64) return 'must hold 24 to 64 bytes of key (base64 after whsec_)';
  return null;
}

function key(secret: string): Buffer {
  return Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
}

export interface SignedContent {
  id: string;
  /** Unix seconds. */
  timestamp: number;
  body: string;
}

/** The `webhook-signature` header value for one delivery. */
export function signWebhook(secret: string, content: SignedContent): string {
  const mac = createHmac('sha256', key(secret)).update(`${content.id}.${content.timestamp}.${content.body}`).digest('base64');
  return `v1,${mac}`;
}

/** Whether any `v1,` signature in `header` is the right one for `content` (what a receiver does). */
export function verifyWebhook(secret: string, content: SignedContent, header: string): boolean {
  const expected = Buffer.from(signWebhook(secret, content).slice(3), 'base64');
  return header.split(' ').some((part) => {
    if (!part.startsWith('v1,')) return false;
    const given = Buffer.from(part.slice(3), 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
