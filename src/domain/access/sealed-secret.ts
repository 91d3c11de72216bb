import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Secrets the store must give back (private signing keys, the page-token key, client secrets) are
 * kept sealed: AES-256-GCM under a master key that never enters the database. A copy of the
 * database alone therefore holds no key that signs a token.
 *
 * A sealed value reads `ysealed:v1:<key id>:<base64url(iv ‖ ciphertext ‖ tag)>`. The version says
 * how it was sealed and the key id which master key sealed it, so the scheme or the key can change
 * later while older values still name what opens them. Each value is bound to its place (`context`,
 * e.g. `signing_keys:<kid>`) as additional authenticated data: a sealed value copied into another
 * row does not open there.
 */
export interface MasterKey {
  /** Names the key in sealed values: the first 8 bytes of its SHA-256, hex. Not secret. */
  id: string;
  key: Buffer;
}

const PREFIX = 'ysealed';
const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const MASTER_KEY_BYTES = 32;

export function masterKeyFrom(key: Buffer): MasterKey {
  if (key.length !== MASTER_KEY_BYTES) throw new Error(`the master key must be ${MASTER_KEY_BYTES} bytes (got ${key.length})`);
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 16), key };
}

/** Reads a master key written as base64 (or base64url) text, as in `YONDER_MASTER_KEY` and the key file. */
export function parseMasterKey(text: string, source: string): MasterKey {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) throw new Error(`${source} must be base64 of ${MASTER_KEY_BYTES} random bytes`);
  const key = Buffer.from(trimmed, 'base64');
  if (key.length !== MASTER_KEY_BYTES) {
    throw new Error(`${source} must be base64 of ${MASTER_KEY_BYTES} random bytes (got ${key.length} bytes; make one with: openssl rand -base64 32)`);
  }
  return masterKeyFrom(key);
}

export function isSealed(value: string): boolean {
  return value.startsWith(`${PREFIX}:`);
}

/** The id of the master key that sealed `value` (not secret), or null when it is not sealed. */
export function sealingKeyId(value: string): string | null {
  const [prefix, , keyId] = value.split(':');
  return prefix === PREFIX && keyId ? keyId : null;
}

export function seal(master: MasterKey, plaintext: string, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', master.key, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${PREFIX}:${VERSION}:${master.id}:${body.toString('base64url')}`;
}

/** Why a sealed value would not open: the caller decides whether that stops the start. */
export class UnsealError extends Error {}

export function unseal(master: MasterKey, sealed: string, context: string): string {
  const [prefix, version, keyId, body, extra] = sealed.split(':');
  if (prefix !== PREFIX || version !== VERSION || !keyId || !body || extra !== undefined) {
    throw new UnsealError(`${context} is not a sealed value this yonder reads`);
  }
  if (keyId !== master.id) {
    throw new UnsealError(
      `${context} was sealed with master key ${keyId}, but this yonder has master key ${master.id}: ` +
        'start it with the master key that sealed the store (YONDER_MASTER_KEY or YONDER_MASTER_KEY_FILE)',
    );
  }
  const bytes = Buffer.from(body, 'base64url');
  if (bytes.length < IV_BYTES + TAG_BYTES) throw new UnsealError(`${context} is truncated`);
  const decipher = createDecipheriv('aes-256-gcm', master.key, bytes.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new UnsealError(`${context} does not open with master key ${master.id}: it was altered or moved from another row`);
  }
}
