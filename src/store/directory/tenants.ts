import type { TenantRecord } from '../../domain/directory/tenancy.js';
import type { Executor } from '../engine/connection.js';

export class TenantStore {
  constructor(private readonly db: Executor) {}

  async insert(tenant: TenantRecord): Promise<void> {
    await this.db.insertInto('tenants').values(tenant).execute();
  }

  async get(id: string): Promise<TenantRecord | undefined> {
    return this.db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The tenants in creation order; yonder usually serves one. */
  async list(limit: number): Promise<TenantRecord[]> {
    return this.db.selectFrom('tenants').selectAll().orderBy('create_time').orderBy('id').limit(limit).execute();
  }

  async update(id: string, changes: { display_name: string; update_time: string }): Promise<void> {
    await this.db.updateTable('tenants').set(changes).where('id', '=', id).execute();
  }
}
