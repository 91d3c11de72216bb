import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Config } from '../../config.js';
import { MASTER_KEY_BYTES, type MasterKey, parseMasterKey } from '../../domain/access/sealed-secret.js';

/**
 * The master key that seals the store's secrets: `YONDER_MASTER_KEY` when set, else the key file,
 * which a start creates when the store holds nothing sealed yet (`mayCreate`; 0600, only if absent:
 * `wx` makes a second process starting at the same moment read the winner's key instead of writing
 * its own).
 */
export function loadMasterKey(config: Pick<Config, 'masterKey' | 'masterKeyFile'>, options: { mayCreate: boolean }): MasterKey {
  if (config.masterKey !== null) return parseMasterKey(config.masterKey, 'YONDER_MASTER_KEY');
  const file = config.masterKeyFile;
  try {
    return parseMasterKey(readFileSync(file, 'utf8'), `the master key file ${file}`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  // A new key would open nothing the store holds, and would then sit at the path where the right
  // one belongs: say what is missing instead.
  if (!options.mayCreate) {
    throw new Error(
      `this store's secrets are sealed with a master key, but YONDER_MASTER_KEY is unset and there is no key file at ${file}: ` +
        'start yonder with the master key that sealed the store',
    );
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, `${randomBytes(MASTER_KEY_BYTES).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
    // The mode given at creation is narrowed by the umask, never widened; this says it exactly.
    chmodSync(file, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return parseMasterKey(readFileSync(file, 'utf8'), `the master key file ${file}`);
}
