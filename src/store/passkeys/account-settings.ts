import type { Executor } from '../engine/connection.js';

/** What a realm lets its people do on their account page; a realm without a row has the defaults. */
export interface AccountSettings {
  allow_removing_last_passkey: boolean;
  /** The realm's identity providers its sign-in pages offer ("Sign in with ..."); none by default. */
  sign_in_identity_providers: string[];
}

export const DEFAULT_ACCOUNT_SETTINGS: AccountSettings = { allow_removing_last_passkey: false, sign_in_identity_providers: [] };

export class AccountSettingsStore {
  constructor(private readonly db: Executor) {}

  async get(realmId: string): Promise<AccountSettings> {
    const row = await this.db.selectFrom('realm_account_settings').selectAll().where('realm_id', '=', realmId).executeTakeFirst();
    if (!row) return { ...DEFAULT_ACCOUNT_SETTINGS, sign_in_identity_providers: [] };
    return {
      allow_removing_last_passkey: Number(row.allow_removing_last_passkey) === 1,
      sign_in_identity_providers: JSON.parse(row.sign_in_identity_providers ?? '[]') as string[],
    };
  }

  async put(tenantId: string, realmId: string, settings: AccountSettings, now: string): Promise<void> {
    const values = {
      allow_removing_last_passkey: settings.allow_removing_last_passkey ? 1 : 0,
      sign_in_identity_providers: JSON.stringify(settings.sign_in_identity_providers),
      update_time: now,
    };
    await this.db
      .insertInto('realm_account_settings')
      .values({ realm_id: realmId, tenant_id: tenantId, ...values })
      .onConflict((oc) => oc.column('realm_id').doUpdateSet(values))
      .execute();
  }
}
