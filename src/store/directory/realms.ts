import { conflict } from '../../domain/errors.js';
import type { Realm, RealmClassification } from '../../domain/directory/tenancy.js';
import type { Engine, Executor } from '../engine/connection.js';
import { isForeignKeyViolation } from '../engine/constraint-errors.js';
import { precompiled } from '../engine/precompiled.js';
import { RealmTable } from '../engine/realm-table.js';
import type { RealmsTable } from '../schema.js';

const selectRealm = precompiled<RealmsTable, [string, string]>((db, tenantId, realmId) =>
  db.selectFrom('realms').selectAll().where('tenant_id', '=', tenantId).where('id', '=', realmId),
);

/**
 * Realms known to be of a tenant: a realm never moves to another tenant, so an answer once read
 * stays true for the process's life, except that the realm may since have been deleted. Ids are
 * never reused. Bounded; forgetting costs one read.
 */
const knownRealmTenants = new Map<string, string>();
const KNOWN_REALMS_MAX = 10_000;

function toRealm(row: RealmsTable): Realm {
  return { ...row, classification: row.classification as RealmClassification };
}

export class RealmStore {
  private readonly table: RealmTable<'realms'>;

  constructor(
    private readonly db: Executor,
    private readonly engine: Engine,
  ) {
    this.table = new RealmTable(db, 'realms', 'tenant_id');
  }

  async insert(realm: Realm): Promise<void> {
    await this.db.insertInto('realms').values(realm).execute();
  }

  /** Asked by nearly every request (is the path's realm this tenant's?), so compiled once. */
  async get(tenantId: string, realmId: string): Promise<Realm | undefined> {
    const [row] = await selectRealm(this.db, this.engine, tenantId, realmId);
    return row && toRealm(row);
  }

  /**
   * Whether the realm is the tenant's, from memory after the first read. A realm deleted since
   * may still answer true: only for writes of rows whose foreign key refuses a deleted realm.
   */
  async isTenants(tenantId: string, realmId: string): Promise<boolean> {
    if (knownRealmTenants.get(realmId) === tenantId) return true;
    const realm = await this.get(tenantId, realmId);
    if (!realm) return false;
    if (knownRealmTenants.size >= KNOWN_REALMS_MAX) knownRealmTenants.clear();
    knownRealmTenants.set(realmId, tenantId);
    return true;
  }

  async findByName(tenantId: string, displayName: string): Promise<Realm | undefined> {
    const row = await this.db
      .selectFrom('realms')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('display_name', '=', displayName)
      .orderBy('create_time')
      .executeTakeFirst();
    return row && toRealm(row);
  }

  /** Keyset page in id order: rows after `afterId`, skipping `offset`, at most `limit`. */
  async page(tenantId: string, afterId: string, offset: number, limit: number): Promise<Realm[]> {
    return (await this.table.page(tenantId, afterId, offset, limit)).map(toRealm);
  }

  count(tenantId: string): Promise<number> {
    return this.table.count(tenantId);
  }

  async update(realm: Realm): Promise<void> {
    await this.db
      .updateTable('realms')
      .set({ display_name: realm.display_name, classification: realm.classification, update_time: realm.update_time })
      .where('id', '=', realm.id)
      .execute();
  }

  /**
   * Serializes changes to what a realm's policy may reference, inside a transaction: publishing a
   * policy and deleting a group or application both take this lock first, so a delete cannot
   * slip past a publish that references what it deletes. On PostgreSQL a row lock on the realm;
   * SQLite has one writer at a time and needs none.
   */
  async lock(realmId: string): Promise<void> {
    if (this.engine !== 'postgres') return;
    await this.db.selectFrom('realms').select('id').where('id', '=', realmId).forUpdate().execute();
  }

  /** True when the realm holds anything that must be deleted first (its policy goes with it). */
  async hasChildren(realmId: string): Promise<boolean> {
    for (const table of ['identities', 'groups', 'applications'] as const) {
      const child = await this.db.selectFrom(table).select('id').where('realm_id', '=', realmId).limit(1).executeTakeFirst();
      if (child !== undefined) return true;
    }
    return false;
  }

  /** A child created concurrently makes the delete fail like a child found before it. */
  async delete(realmId: string): Promise<void> {
    try {
      await this.db.deleteFrom('realm_account_settings').where('realm_id', '=', realmId).execute();
      await this.db.deleteFrom('realms').where('id', '=', realmId).execute();
    } catch (error) {
      if (isForeignKeyViolation(error)) throw conflict('realm has children');
      throw error;
    }
  }
}
