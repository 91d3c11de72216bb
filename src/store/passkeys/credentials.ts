import type { WebAuthnCredential } from '../../domain/passkeys/passkeys.js';
import type { Executor } from '../engine/connection.js';
import { isUniqueViolation } from '../engine/constraint-errors.js';
import type { CredentialsTable } from '../schema.js';

function toCredential(row: CredentialsTable): WebAuthnCredential {
  return {
    ...row,
    state: row.state as WebAuthnCredential['state'],
    csr_type: 'WEBAUTHN',
    counter: Number(row.counter),
    transports: JSON.parse(row.transports) as string[],
    device_type: row.device_type as WebAuthnCredential['device_type'],
    backed_up: row.backed_up === 1,
  };
}

export class CredentialStore {
  constructor(private readonly db: Executor) {}

  /**
   * Returns false when the realm already has a credential with this WebAuthn id: the unique index
   * decides, so two registrations of one passkey racing through two links bind it once.
   */
  async insert(credential: WebAuthnCredential): Promise<boolean> {
    try {
      await this.db
        .insertInto('credentials')
        .values({ ...credential, transports: JSON.stringify(credential.transports), backed_up: credential.backed_up ? 1 : 0 })
        .execute();
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async get(realmId: string, identityId: string | null, id: string): Promise<WebAuthnCredential | undefined> {
    let query = this.db.selectFrom('credentials').selectAll().where('realm_id', '=', realmId).where('id', '=', id);
    if (identityId !== null) query = query.where('identity_id', '=', identityId);
    const row = await query.executeTakeFirst();
    return row && toCredential(row);
  }

  async byWebAuthnId(realmId: string, webauthnId: string): Promise<WebAuthnCredential | undefined> {
    const row = await this.db
      .selectFrom('credentials')
      .selectAll()
      .where('realm_id', '=', realmId)
      .where('webauthn_id', '=', webauthnId)
      .executeTakeFirst();
    return row && toCredential(row);
  }

  async activeOf(identityId: string): Promise<WebAuthnCredential[]> {
    const rows = await this.db
      .selectFrom('credentials')
      .selectAll()
      .where('identity_id', '=', identityId)
      .where('state', '=', 'ACTIVE')
      .execute();
    return rows.map(toCredential);
  }

  async revoke(id: string, now: string): Promise<void> {
    await this.db.updateTable('credentials').set({ state: 'REVOKED', update_time: now }).where('id', '=', id).execute();
  }

  /**
   * Stores the authenticator's new counter, only if the stored one is still what the verification
   * compared against: a replayed or cloned assertion racing the real one loses.
   */
  async advanceCounter(id: string, expected: number, next: number): Promise<boolean> {
    const result = await this.db
      .updateTable('credentials')
      .set({ counter: next })
      .where('id', '=', id)
      .where('counter', '=', expected)
      .where('state', '=', 'ACTIVE')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async page(realmId: string, identityId: string | null, afterId: string, offset: number, limit: number) {
    let query = this.db.selectFrom('credentials').selectAll().where('realm_id', '=', realmId).where('id', '>', afterId);
    if (identityId !== null) query = query.where('identity_id', '=', identityId);
    const rows = await query.orderBy('id').limit(limit).offset(offset).execute();
    return rows.map(toCredential);
  }

  async count(realmId: string, identityId: string | null): Promise<number> {
    let query = this.db
      .selectFrom('credentials')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('realm_id', '=', realmId);
    if (identityId !== null) query = query.where('identity_id', '=', identityId);
    return Number((await query.executeTakeFirstOrThrow()).n);
  }
}
