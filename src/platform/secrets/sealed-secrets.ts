import { randomBytes } from 'node:crypto';
import { type MasterKey, isSealed, seal, unseal } from '../../domain/access/sealed-secret.js';
import { nowTimestamp } from '../../domain/time.js';
import type { Store } from '../../store/index.js';

/** Where a server secret is bound when sealed: a sealed value moved to another name does not open. */
export function serverSecretContext(name: string): string {
  return `server_secrets:${name}`;
}

export function privateJwkContext(kid: string): string {
  return `signing_keys:${kid}`;
}

/**
 * Seals what an older yonder stored in clear (private signing keys, server secrets), in place. Each
 * row is replaced only if it still holds the clear value, so processes starting together on one
 * store each seal at most once and never overwrite one another.
 */
export async function sealClearSecrets(store: Store, master: MasterKey): Promise<void> {
  for (const { name, value } of await store.secrets.serverSecrets()) {
    if (!isSealed(value)) await store.secrets.replaceServerSecret(name, value, seal(master, value, serverSecretContext(name)));
  }
  for (const key of await store.secrets.signingKeys()) {
    if (!isSealed(key.private_jwk)) {
      await store.secrets.replacePrivateJwk(key.kid, key.private_jwk, seal(master, key.private_jwk, privateJwkContext(key.kid)));
    }
  }
}

/** Whether the store holds anything sealed, i.e. a master key already belongs to it. */
export async function holdsSealedSecrets(store: Store): Promise<boolean> {
  const keys = await store.secrets.signingKeys();
  const secrets = await store.secrets.serverSecrets();
  return keys.some((key) => isSealed(key.private_jwk)) || secrets.some((secret) => isSealed(secret.value));
}

/** The page-token HMAC key every process shares: made and sealed by the first to start. */
export async function loadPageTokenKey(store: Store, master: MasterKey): Promise<Buffer> {
  const name = 'page_token_key';
  const candidate = seal(master, randomBytes(32).toString('base64'), serverSecretContext(name));
  const stored = await store.secrets.getOrCreate(name, candidate, nowTimestamp());
  return Buffer.from(unseal(master, stored, serverSecretContext(name)), 'base64');
}
