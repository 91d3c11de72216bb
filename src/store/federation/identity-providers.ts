import type { IdentityProvider, OidcIdpSettings } from '../../domain/federation/identity-provider.js';
import { notFound } from '../../domain/errors.js';
import type { Executor } from '../engine/connection.js';
import { isForeignKeyViolation } from '../engine/constraint-errors.js';
import { RealmTable } from '../engine/realm-table.js';
import type { IdentityProvidersTable } from '../schema.js';

/** A provider as stored: its settings, and its client secret still sealed. */
export interface StoredIdentityProvider extends IdentityProvider {
  client_secret_sealed: string;
}

function toProvider(row: IdentityProvidersTable): StoredIdentityProvider {
  return { ...row, protocol_config: JSON.parse(row.protocol_config) as OidcIdpSettings };
}

function providerRow(idp: StoredIdentityProvider): IdentityProvidersTable {
  return { ...idp, protocol_config: JSON.stringify(idp.protocol_config) };
}

export class IdentityProviderStore {
  private readonly table: RealmTable<'identity_providers'>;

  constructor(private readonly db: Executor) {
    this.table = new RealmTable(db, 'identity_providers');
  }

  async insert(idp: StoredIdentityProvider): Promise<void> {
    try {
      await this.db.insertInto('identity_providers').values(providerRow(idp)).execute();
    } catch (error) {
      if (isForeignKeyViolation(error)) throw notFound('Realm', idp.realm_id);
      throw error;
    }
  }

  async get(realmId: string, id: string): Promise<StoredIdentityProvider | undefined> {
    const row = await this.table.get(realmId, id);
    return row && toProvider(row);
  }

  async update(idp: StoredIdentityProvider): Promise<void> {
    const { id, realm_id, tenant_id, create_time, ...changes } = providerRow(idp);
    await this.db.updateTable('identity_providers').set(changes).where('realm_id', '=', realm_id).where('id', '=', id).execute();
  }

  delete(realmId: string, id: string): Promise<boolean> {
    return this.table.delete(realmId, id);
  }

  async page(realmId: string, afterId: string, offset: number, limit: number): Promise<StoredIdentityProvider[]> {
    return (await this.table.page(realmId, afterId, offset, limit)).map(toProvider);
  }

  count(realmId: string): Promise<number> {
    return this.table.count(realmId);
  }
}
