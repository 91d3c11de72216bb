import type { AuthenticatorConfig, AuthenticatorConfigBody } from '../../domain/passkeys/passkeys.js';
import { notFound } from '../../domain/errors.js';
import type { Executor } from '../engine/connection.js';
import { isForeignKeyViolation } from '../engine/constraint-errors.js';
import { CompiledOnce } from '../engine/precompiled.js';
import { RealmTable } from '../engine/realm-table.js';
import type { AuthenticatorConfigsTable } from '../schema.js';

function toConfig(row: AuthenticatorConfigsTable): AuthenticatorConfig {
  return { ...row, config: JSON.parse(row.config) as AuthenticatorConfigBody, is_default: row.is_default === 1 };
}

function configRow(config: AuthenticatorConfig): AuthenticatorConfigsTable {
  return { ...config, config: JSON.stringify(config.config), is_default: config.is_default ? 1 : 0 };
}

export class AuthenticatorConfigStore {
  private readonly table: RealmTable<'authenticator_configs'>;
  /** Read by every OpenID Connect request of an application on the realm's default: compiled once. */
  private readonly defaultOf: CompiledOnce<AuthenticatorConfigsTable, [string]>;

  constructor(private readonly db: Executor) {
    this.table = new RealmTable(db, 'authenticator_configs');
    this.defaultOf = new CompiledOnce(db, (realmId) =>
      db.selectFrom('authenticator_configs').selectAll().where('realm_id', '=', realmId).where('is_default', '=', 1).orderBy('create_time'),
    );
  }

  async insert(config: AuthenticatorConfig): Promise<void> {
    try {
      await this.db.insertInto('authenticator_configs').values(configRow(config)).execute();
    } catch (error) {
      if (isForeignKeyViolation(error)) throw notFound('Realm', config.realm_id);
      throw error;
    }
  }

  async get(realmId: string, id: string): Promise<AuthenticatorConfig | undefined> {
    const row = await this.table.get(realmId, id);
    return row && toConfig(row);
  }

  async getDefault(realmId: string): Promise<AuthenticatorConfig | undefined> {
    const [row] = await this.defaultOf.run(realmId);
    return row && toConfig(row);
  }

  async update(config: AuthenticatorConfig): Promise<void> {
    const { id, realm_id, tenant_id, create_time, ...changes } = configRow(config);
    await this.db.updateTable('authenticator_configs').set(changes).where('realm_id', '=', realm_id).where('id', '=', id).execute();
  }

  delete(realmId: string, id: string): Promise<boolean> {
    return this.table.delete(realmId, id);
  }

  async page(realmId: string, afterId: string, offset: number, limit: number): Promise<AuthenticatorConfig[]> {
    return (await this.table.page(realmId, afterId, offset, limit)).map(toConfig);
  }

  count(realmId: string): Promise<number> {
    return this.table.count(realmId);
  }
}
