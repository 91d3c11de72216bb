import { conflict, notFound } from '../../domain/errors.js';
import type { ResourceServer } from '../../domain/access/resource-server.js';
import type { Executor } from '../engine/connection.js';
import { isForeignKeyViolation, isUniqueViolation } from '../engine/constraint-errors.js';
import { RealmTable } from '../engine/realm-table.js';
import type { ResourceServersTable } from '../schema.js';

function toResourceServer(row: ResourceServersTable): ResourceServer {
  return { ...row, is_managed: row.is_managed === 1, scopes: row.scopes.split(' ').filter(Boolean) };
}

function toRow(server: ResourceServer): ResourceServersTable {
  return { ...server, is_managed: server.is_managed ? 1 : 0, scopes: server.scopes.join(' ') };
}

/** The unique index on (realm, identifier) is what keeps identifiers unique, also between racing creates. */
export class ResourceServerStore {
  private readonly table: RealmTable<'resource_servers'>;

  constructor(private readonly db: Executor) {
    this.table = new RealmTable(db, 'resource_servers');
  }

  async insert(server: ResourceServer): Promise<void> {
    try {
      await this.db.insertInto('resource_servers').values(toRow(server)).execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('identifier already exists');
      if (isForeignKeyViolation(error)) throw notFound('Realm', server.realm_id);
      throw error;
    }
  }

  async get(realmId: string, id: string): Promise<ResourceServer | undefined> {
    const row = await this.table.get(realmId, id);
    return row && toResourceServer(row);
  }

  /** The realm's server with this identifier (the unique index on realm and identifier). */
  async byIdentifier(realmId: string, identifier: string): Promise<ResourceServer | undefined> {
    const row = await this.db
      .selectFrom('resource_servers')
      .selectAll()
      .where('realm_id', '=', realmId)
      .where('identifier', '=', identifier)
      .executeTakeFirst();
    return row && toResourceServer(row);
  }

  async update(server: ResourceServer): Promise<void> {
    const { id, realm_id, tenant_id, create_time, ...changes } = toRow(server);
    try {
      await this.db.updateTable('resource_servers').set(changes).where('realm_id', '=', realm_id).where('id', '=', id).execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('identifier already exists');
      throw error;
    }
  }

  async page(realmId: string, afterId: string, offset: number, limit: number): Promise<ResourceServer[]> {
    return (await this.table.page(realmId, afterId, offset, limit)).map(toResourceServer);
  }

  count(realmId: string): Promise<number> {
    return this.table.count(realmId);
  }

  delete(realmId: string, id: string): Promise<boolean> {
    return this.table.delete(realmId, id);
  }
}
