import type { Executor } from './connection.js';
import type { SigningKeysTable } from './schema.js';

export type SigningKeyRecord = SigningKeysTable;

/**
 * State every yonder process must share and none may invent on its own: the JWT signing keys, the
 * page-token key, and the one-time bootstrap marker.
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

  async signingKeys(): Promise<SigningKeyRecord[]> {
    return this.db.selectFrom('signing_keys').selectAll().orderBy('create_time').orderBy('kid').execute();
  }

  async insertSigningKey(key: SigningKeyRecord): Promise<void> {
    await this.db.insertInto('signing_keys').values(key).execute();
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
