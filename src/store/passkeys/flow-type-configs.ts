import type { FlowTypeConfig, PlatformFlowTypes } from '../../domain/passkeys/flow-types.js';
import { notFound } from '../../domain/errors.js';
import type { Executor } from '../engine/connection.js';
import { isForeignKeyViolation, isUniqueViolation } from '../engine/constraint-errors.js';
import type { FlowTypeConfigsTable } from '../schema.js';

function toConfig(row: FlowTypeConfigsTable): FlowTypeConfig {
  const { document, ...rest } = row;
  return { ...rest, platform_config: JSON.parse(document) as PlatformFlowTypes };
}

/** One flow type configuration per realm (the unique realm_id says so). */
export class FlowTypeConfigStore {
  constructor(private readonly db: Executor) {}

  async ofRealm(realmId: string): Promise<FlowTypeConfig | undefined> {
    const row = await this.db.selectFrom('flow_type_configs').selectAll().where('realm_id', '=', realmId).executeTakeFirst();
    return row && toConfig(row);
  }

  /** Returns false when the realm already has one (another request made it first). */
  async insert(config: FlowTypeConfig): Promise<boolean> {
    const { platform_config, ...rest } = config;
    try {
      await this.db
        .insertInto('flow_type_configs')
        .values({ ...rest, document: JSON.stringify(platform_config) })
        .execute();
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      if (isForeignKeyViolation(error)) throw notFound('Realm', config.realm_id);
      throw error;
    }
  }

  async update(config: FlowTypeConfig): Promise<void> {
    await this.db
      .updateTable('flow_type_configs')
      .set({ document: JSON.stringify(config.platform_config), update_time: config.update_time })
      .where('realm_id', '=', config.realm_id)
      .where('id', '=', config.id)
      .execute();
  }
}
