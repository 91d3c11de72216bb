import type { Executor } from '../engine/connection.js';
import type { SigningKeysTable } from '../schema.js';

export type SigningKeyRecord = SigningKeysTable;

/**
 * State every yonder process must share and none may invent on its own: the JWT signing keys, the
 * page-token key, and the one-time bootstrap marker. Private keys and secret values are stored
 * sealed (`domain/access/sealed-secret.ts`); this module stores and returns them as given.
 */
export class SecretStore {
  constructor(private readonly db: Executor) {}

  /** Returns the secret named `name`, storing `candidate` first if nobody has yet. */
  async getOrCreate(name: string, candidate: string, now: string): Promise<string> {
    await this.db
      .insertInto('server_secrets')
      .values({ name, value: candidate, create_time: now })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const row = await this.db.selectFrom('server_secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow();
    return row.value;
  }

  async serverSecrets(): Promise<{ name: string; value: string }[]> {
    return this.db.selectFrom('server_secrets').select(['name', 'value']).orderBy('name').execute();
  }

  /** Replaces a secret's stored form, only if it is still `from` (another process may have done it). */
  async replaceServerSecret(name: string, from: string, to: string): Promise<void> {
    await this.db.updateTable('server_secrets').set({ value: to }).where('name', '=', name).where('value', '=', from).execute();
  }

  /** Replaces a signing key's stored private key, only if it is still `from`. */
  async replacePrivateJwk(kid: string, from: string, to: string): Promise<void> {
    await this.db.updateTable('signing_keys').set({ private_jwk: to }).where('kid', '=', kid).where('private_jwk', '=', from).execute();
  }

  async signingKeys(): Promise<SigningKeyRecord[]> {
    return this.db.selectFrom('signing_keys').selectAll().orderBy('create_time').orderBy('kid').execute();
  }

  async hasSigningKey(kid: string): Promise<boolean> {
    return (await this.db.selectFrom('signing_keys').select('kid').where('kid', '=', kid).executeTakeFirst()) !== undefined;
  }

  async insertSigningKey(key: SigningKeyRecord): Promise<void> {
    await this.db.insertInto('signing_keys').values(key).execute();
  }

  /** Retires every key still signing but `kid`; answers the kids retired. */
  async retireSigningKeysBut(kid: string, now: string): Promise<string[]> {
    const rows = await this.db
      .updateTable('signing_keys')
      .set({ retire_time: now })
      .where('kid', '!=', kid)
      .where('retire_time', 'is', null)
      .returning('kid')
      .execute();
    return rows.map((row) => row.kid);
  }

  /** Deletes keys retired before `cutoff`; answers the kids deleted. */
  async deleteSigningKeysRetiredBefore(cutoff: string): Promise<string[]> {
    const rows = await this.db.deleteFrom('signing_keys').where('retire_time', '<', cutoff).returning('kid').execute();
    return rows.map((row) => row.kid);
  }

  /**
   * Claims a one-time task. Exactly one caller ever gets `true` for a name, even across processes:
   * the insert conflicts for everybody else (on PostgreSQL it waits for the winner to commit).
   */
  async claimOnce(name: string, now: string): Promise<boolean> {
    const result = await this.db
      .insertInto('bootstrap')
      .values({ name, create_time: now })
      .onConflict((oc) => oc.column('name').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  }
}
