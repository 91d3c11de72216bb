import type { AuthenticatorConfig, AuthenticatorConfigBody } from '../../domain/passkeys/passkeys.js';
import { notFound } from '../../domain/errors.js';
import type { Executor } from '../engine/connection.js';
import { isForeignKeyViolation } from '../engine/constraint-errors.js';
import type { AuthenticatorConfigsTable } from '../schema.js';

function toConfig(row: AuthenticatorConfigsTable): AuthenticatorConfig {
  return { ...row, config: JSON.parse(row.config) as AuthenticatorConfigBody, is_default: row.is_default === 1 };
}

function configRow(config: AuthenticatorConfig): AuthenticatorConfigsTable {
  return { ...config, config: JSON.stringify(config.config), is_default: config.is_default ? 1 : 0 };
}

export class AuthenticatorConfigStore {
  constructor(private readonly db: Executor) {}

  async insert(config: AuthenticatorConfig): Promise<void> {
    try {
      await this.db.insertInto('authenticator_configs').values(configRow(config)).execute();
    } catch (error) {
      if (isForeignKeyViolation(error)) throw notFound('Realm', config.realm_id);
      throw error;
    }
  }

  async get(realmId: string, id: string): Promise<AuthenticatorConfig | undefined> {
    const row = await this.db
      .selectFrom('authenticator_configs')
      .selectAll()
      .where('realm_id', '=', realmId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toConfig(row);
  }

  async getDefault(realmId: string): Promise<AuthenticatorConfig | undefined> {
    const row = await this.db
      .selectFrom('authenticator_configs')
      .selectAll()
      .where('realm_id', '=', realmId)
      .where('is_default', '=', 1)
      .orderBy('create_time')
      .executeTakeFirst();
    return row && toConfig(row);
  }

  async update(config: AuthenticatorConfig): Promise<void> {
    const { id, realm_id, tenant_id, create_time, ...changes } = configRow(config);
    await this.db.updateTable('authenticator_configs').set(changes).where('realm_id', '=', realm_id).where('id', '=', id).execute();
  }

  async delete(realmId: string, id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('authenticator_configs').where('realm_id', '=', realmId).where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async page(realmId: string, afterId: string, offset: number, limit: number): Promise<AuthenticatorConfig[]> {
    const rows = await this.db
      .selectFrom('authenticator_configs')
      .selectAll()
      .where('realm_id', '=', realmId)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .offset(offset)
      .execute();
    return rows.map(toConfig);
  }

  async count(realmId: string): Promise<number> {
    const row = await this.db
      .selectFrom('authenticator_configs')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('realm_id', '=', realmId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
