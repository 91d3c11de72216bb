import type { WebAuthnCredential } from '../../domain/passkeys/passkeys.js';
import type { Executor } from '../engine/connection.js';
import { isUniqueViolation } from '../engine/constraint-errors.js';
import { CompiledOnce } from '../engine/precompiled.js';
import { RealmTable } from '../engine/realm-table.js';
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

function ofIdentity(identityId: string | null): { identity_id?: string } {
  return identityId === null ? {} : { identity_id: identityId };
}

export class CredentialStore {
  private readonly table: RealmTable<'credentials'>;
  /** A person's passkey, read by every OpenID Connect code exchange and userinfo: compiled once. */
  private readonly ofIdentity: CompiledOnce<CredentialsTable, [string, string, string]>;

  constructor(private readonly db: Executor) {
    this.table = new RealmTable(db, 'credentials');
    this.ofIdentity = new CompiledOnce(db, (realmId, id, identityId) =>
      db.selectFrom('credentials').selectAll().where('realm_id', '=', realmId).where('id', '=', id).where('identity_id', '=', identityId),
    );
  }

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
    const [row] = identityId === null ? [await this.table.get(realmId, id)] : await this.ofIdentity.run(realmId, id, identityId);
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
    const rows = await this.db.selectFrom('credentials').selectAll().where('identity_id', '=', identityId).where('state', '=', 'ACTIVE').execute();
    return rows.map(toCredential);
  }

  /** The name its person gave it. */
  async rename(id: string, displayName: string, now: string): Promise<void> {
    await this.db.updateTable('credentials').set({ display_name: displayName, update_time: now }).where('id', '=', id).execute();
  }

  async revoke(id: string, now: string): Promise<void> {
    await this.db.updateTable('credentials').set({ state: 'REVOKED', update_time: now }).where('id', '=', id).execute();
  }

  /**
   * Stores the authenticator's new counter (and the use's time), only if the stored one is still what the verification
   * compared against: a replayed or cloned assertion racing the real one loses.
   */
  async advanceCounter(id: string, expected: number, next: number, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('credentials')
      .set({ counter: next, last_used_time: now })
      .where('id', '=', id)
      .where('counter', '=', expected)
      .where('state', '=', 'ACTIVE')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** The realm's credentials, or one identity's when `identityId` is given. */
  async page(realmId: string, identityId: string | null, afterId: string, offset: number, limit: number): Promise<WebAuthnCredential[]> {
    return (await this.table.page(realmId, afterId, offset, limit, ofIdentity(identityId))).map(toCredential);
  }

  count(realmId: string, identityId: string | null): Promise<number> {
    return this.table.count(realmId, ofIdentity(identityId));
  }
}
