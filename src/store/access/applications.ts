import type { Application, ProtocolConfig } from '../../domain/access/application.js';
import { notFound } from '../../domain/errors.js';
import type { Executor } from '../engine/connection.js';
import { isForeignKeyViolation } from '../engine/constraint-errors.js';
import { RealmTable } from '../engine/realm-table.js';
import type { ApplicationsTable } from '../schema.js';

function toApplication(row: ApplicationsTable): Application {
  return { ...row, is_managed: row.is_managed === 1, protocol_config: JSON.parse(row.protocol_config) as ProtocolConfig };
}

function toRow(app: Application): ApplicationsTable {
  return { ...app, is_managed: app.is_managed ? 1 : 0, protocol_config: JSON.stringify(app.protocol_config) };
}

export class ApplicationStore {
  private readonly table: RealmTable<'applications'>;

  constructor(private readonly db: Executor) {
    this.table = new RealmTable(db, 'applications');
  }

  async insert(app: Application): Promise<void> {
    try {
      await this.db.insertInto('applications').values(toRow(app)).execute();
    } catch (error) {
      if (isForeignKeyViolation(error)) throw notFound('Realm', app.realm_id);
      throw error;
    }
  }

  async forgetSealedSecrets(): Promise<void> {
    await this.db.updateTable('applications').set({ client_secret_sealed: null }).where('client_secret_sealed', 'is not', null).execute();
  }

  async get(realmId: string, id: string): Promise<Application | undefined> {
    const row = await this.table.get(realmId, id);
    return row && toApplication(row);
  }

  /** The realm of an application known by id alone (a token record names only its issuer). */
  async realmOf(id: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('applications').select('realm_id').where('id', '=', id).executeTakeFirst();
    return row?.realm_id;
  }

  async update(app: Application): Promise<void> {
    const { id, realm_id, tenant_id, create_time, ...changes } = toRow(app);
    await this.db.updateTable('applications').set(changes).where('realm_id', '=', realm_id).where('id', '=', id).execute();
  }

  async page(realmId: string, afterId: string, offset: number, limit: number): Promise<Application[]> {
    return (await this.table.page(realmId, afterId, offset, limit)).map(toApplication);
  }

  count(realmId: string): Promise<number> {
    return this.table.count(realmId);
  }

  /** The given ids that are applications of the realm. */
  existing(realmId: string, ids: readonly string[]): Promise<Set<string>> {
    return this.table.existing(realmId, ids);
  }

  async byClientId(clientId: string): Promise<Application | undefined> {
    const row = await this.db.selectFrom('applications').selectAll().where('client_id', '=', clientId).executeTakeFirst();
    return row && toApplication(row);
  }

  /** Applications of the realm that reference the resource server. */
  async referencing(realmId: string, resourceServerId: string): Promise<Application[]> {
    const rows = await this.db
      .selectFrom('applications')
      .selectAll()
      .where('realm_id', '=', realmId)
      .where('resource_server_id', '=', resourceServerId)
      .orderBy('id')
      .execute();
    return rows.map(toApplication);
  }

  delete(realmId: string, id: string): Promise<boolean> {
    return this.table.delete(realmId, id);
  }
}
