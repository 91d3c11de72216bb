import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Client credentials of applications. A client secret is 256 random bits, so it cannot be guessed
 * and needs no slow password hash: its SHA-256 is stored, and a presented secret is hashed and
 * compared in constant time. The hash is all a check needs; a copy kept for `applications:read-secrets`
 * is sealed with the master key (services/access/client-secrets.ts), so a copy of the database alone still
 * holds nothing that authenticates.
 */
export function newClientId(): string {
  return randomBytes(18).toString('base64url');
}

export function newClientSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function hashClientSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Constant-time: both sides are hashed to the same length before comparing. */
export function clientSecretMatches(presented: string, storedHash: string | null): boolean {
  const expected = Buffer.from(storedHash ?? '0'.repeat(64), 'hex');
  const actual = Buffer.from(hashClientSecret(presented), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual) && storedHash !== null;
}
