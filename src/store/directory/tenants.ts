import type { TenantRecord } from '../../domain/directory/tenancy.js';
import type { Executor } from '../engine/connection.js';
import { CompiledOnce } from '../engine/precompiled.js';

export class TenantStore {
  /** Read by every token request and every OpenID Connect request: compiled once. */
  private readonly getOne: CompiledOnce<TenantRecord, [string]>;

  constructor(private readonly db: Executor) {
    this.getOne = new CompiledOnce(db, (id) => db.selectFrom('tenants').selectAll().where('id', '=', id));
  }

  async insert(tenant: TenantRecord): Promise<void> {
    await this.db.insertInto('tenants').values(tenant).execute();
  }

  async get(id: string): Promise<TenantRecord | undefined> {
    const [tenant] = await this.getOne.run(id);
    return tenant;
  }

  /** The tenants in creation order; yonder usually serves one. */
  async list(limit: number): Promise<TenantRecord[]> {
    return this.db.selectFrom('tenants').selectAll().orderBy('create_time').orderBy('id').limit(limit).execute();
  }

  async update(id: string, changes: { display_name: string; update_time: string }): Promise<void> {
    await this.db.updateTable('tenants').set(changes).where('id', '=', id).execute();
  }
}
