import type { Executor } from '../engine/connection.js';
import type { SamlIdpKeysTable, SamlRequestsTable } from '../schema.js';

export type SamlIdpKeyRecord = SamlIdpKeysTable;
export type SamlRequestRecord = SamlRequestsTable;

/** SAML's rows: the realms' signing keys and the sign-ins in progress (see migration 023). */
export class SamlStore {
  constructor(private readonly db: Executor) {}

  idpKey(realmId: string): Promise<SamlIdpKeyRecord | undefined> {
    return this.db.selectFrom('saml_idp_keys').selectAll().where('realm_id', '=', realmId).executeTakeFirst();
  }

  /** Keeps `key` unless the realm has one already; answers the one kept (the first written wins a race). */
  async keepIdpKey(key: SamlIdpKeyRecord): Promise<SamlIdpKeyRecord> {
    await this.db
      .insertInto('saml_idp_keys')
      .values(key)
      .onConflict((oc) => oc.column('realm_id').doNothing())
      .execute();
    const kept = await this.idpKey(key.realm_id);
    if (!kept) throw new Error('the SAML signing key just kept cannot be read');
    return kept;
  }

  async deleteIdpKey(realmId: string): Promise<void> {
    await this.db.deleteFrom('saml_idp_keys').where('realm_id', '=', realmId).execute();
  }

  /** False when the application already has a request of that ID on record: a replay. */
  async insertRequest(record: SamlRequestRecord): Promise<boolean> {
    const result = await this.db
      .insertInto('saml_requests')
      .values(record)
      .onConflict((oc) => oc.columns(['application_id', 'request_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  /** The request, while it lives and is unanswered. */
  request(id: string, now: string): Promise<SamlRequestRecord | undefined> {
    return this.db
      .selectFrom('saml_requests')
      .selectAll()
      .where('id', '=', id)
      .where('expire_time', '>', now)
      .where('answer_time', 'is', null)
      .executeTakeFirst();
  }

  /** Marks the request answered; false when another request got there first (one response per request). */
  async answer(id: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('saml_requests')
      .set({ answer_time: at })
      .where('id', '=', id)
      .where('answer_time', 'is', null)
      .where('expire_time', '>', at)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async purgeExpired(now: string): Promise<number> {
    const result = await this.db.deleteFrom('saml_requests').where('expire_time', '<=', now).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
