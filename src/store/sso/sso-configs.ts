import { type Kysely, sql } from 'kysely';
import { notFound } from '../../domain/errors.js';
import type { SsoConfig, SsoConfigOrder, SsoConfigType } from '../../domain/sso/sso-config.js';
import { chunks } from '../engine/chunks.js';
import type { Executor } from '../engine/connection.js';
import { isForeignKeyViolation } from '../engine/constraint-errors.js';
import { CompiledOnce } from '../engine/precompiled.js';
import { RealmTable } from '../engine/realm-table.js';
import type { Database, SsoConfigsTable } from '../schema.js';

function toConfig(row: SsoConfigsTable): SsoConfig {
  return {
    ...row,
    type: row.type as SsoConfigType,
    is_migrated: row.is_migrated === 1,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    sealed_secrets: JSON.parse(row.sealed_secrets) as Record<string, string>,
  };
}

function toRow(config: SsoConfig): SsoConfigsTable {
  return {
    ...config,
    is_migrated: config.is_migrated ? 1 : 0,
    payload: JSON.stringify(config.payload),
    sealed_secrets: JSON.stringify(config.sealed_secrets),
  };
}

export interface SsoConfigFilter {
  types: readonly SsoConfigType[];
  isMigrated: boolean | null;
}

/** A config and the key its list is ordered by (the id, or the name then the id). */
export interface KeyedSsoConfig {
  key: string;
  config: SsoConfig;
}

/** `display_name`, then the id after a NUL: NUL sorts first and a name cannot hold one. */
const nameKey = (config: Pick<SsoConfig, 'display_name' | 'id'>) => `${config.display_name}\u0000${config.id}`;

type Member = { table: 'sso_config_identities'; column: 'identity_id' } | { table: 'sso_config_groups'; column: 'group_id' };
const IDENTITIES: Member = { table: 'sso_config_identities', column: 'identity_id' };
const GROUPS: Member = { table: 'sso_config_groups', column: 'group_id' };

export class SsoConfigStore {
  private readonly table: RealmTable<'sso_configs'>;
  /** Asked by every policy decision for an application (see sign-in-gate.ts): compiled once. */
  private readonly ofApplication: CompiledOnce<SsoConfigsTable, [string, string]>;

  constructor(private readonly db: Executor) {
    this.table = new RealmTable(db, 'sso_configs');
    this.ofApplication = new CompiledOnce(db, (applicationId, realmId) =>
      db.selectFrom('sso_configs').selectAll().where('application_id', '=', applicationId).where('realm_id', '=', realmId),
    );
  }

  async insert(config: SsoConfig): Promise<void> {
    try {
      await this.db.insertInto('sso_configs').values(toRow(config)).execute();
    } catch (error) {
      if (isForeignKeyViolation(error)) throw notFound('Realm', config.realm_id);
      throw error;
    }
  }

  async update(config: SsoConfig): Promise<void> {
    const { id, realm_id, tenant_id, create_time, type, ...changes } = toRow(config);
    await this.db.updateTable('sso_configs').set(changes).where('realm_id', '=', realm_id).where('id', '=', id).execute();
  }

  async get(realmId: string, id: string): Promise<SsoConfig | undefined> {
    const row = await this.table.get(realmId, id);
    return row && toConfig(row);
  }

  /** Its assignments go with it (ON DELETE CASCADE). */
  delete(realmId: string, id: string): Promise<boolean> {
    return this.table.delete(realmId, id);
  }

  /** The config an application was made for, if any. */
  async byApplication(realmId: string, applicationId: string): Promise<SsoConfig | undefined> {
    const [row] = await this.ofApplication.run(applicationId, realmId);
    return row && toConfig(row);
  }

  private filtered(realmId: string, filter: SsoConfigFilter) {
    let query = this.db.selectFrom('sso_configs').where('realm_id', '=', realmId);
    if (filter.types.length > 0) query = query.where('type', 'in', [...filter.types]);
    if (filter.isMigrated !== null) query = query.where('is_migrated', '=', filter.isMigrated ? 1 : 0);
    return query;
  }

  /** One page in `order`, after the key `after` (exclusive), skipping `offset`. */
  async page(
    realmId: string,
    filter: SsoConfigFilter,
    order: SsoConfigOrder,
    after: string,
    offset: number,
    limit: number,
  ): Promise<KeyedSsoConfig[]> {
    let query = this.filtered(realmId, filter).selectAll();
    if (order === 'display_name') {
      if (after !== '') {
        const [name = '', id = ''] = after.split('\u0000');
        query = query.where((eb) => eb.or([eb('display_name', '>', name), eb.and([eb('display_name', '=', name), eb('id', '>', id)])]));
      }
      query = query.orderBy('display_name').orderBy('id');
    } else {
      query = query.where('id', '>', after).orderBy('id');
    }
    const rows = await query.limit(limit).offset(offset).execute();
    return rows.map((row) => {
      const config = toConfig(row);
      return { key: order === 'display_name' ? nameKey(config) : config.id, config };
    });
  }

  async count(realmId: string, filter: SsoConfigFilter): Promise<number> {
    const row = await this.filtered(realmId, filter)
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  private async add(member: Member, realmId: string, configId: string, ids: readonly string[]): Promise<void> {
    for (const part of chunks(ids)) {
      const rows = part.map((id) => ({ sso_config_id: configId, [member.column]: id, realm_id: realmId }));
      await (this.db as unknown as Kysely<Pick<Database, 'sso_config_groups'>>)
        .insertInto(member.table as 'sso_config_groups')
        .values(rows as never)
        .onConflict((c) => c.doNothing())
        .execute();
    }
  }

  private async remove(member: Member, configId: string, ids: readonly string[]): Promise<void> {
    for (const part of chunks(ids)) {
      await (this.db as unknown as Kysely<Pick<Database, 'sso_config_groups'>>)
        .deleteFrom(member.table as 'sso_config_groups')
        .where('sso_config_id', '=', configId)
        .where(member.column as 'group_id', 'in', part)
        .execute();
    }
  }

  addIdentities(realmId: string, configId: string, ids: readonly string[]): Promise<void> {
    return this.add(IDENTITIES, realmId, configId, ids);
  }

  removeIdentities(configId: string, ids: readonly string[]): Promise<void> {
    return this.remove(IDENTITIES, configId, ids);
  }

  addGroups(realmId: string, configId: string, ids: readonly string[]): Promise<void> {
    return this.add(GROUPS, realmId, configId, ids);
  }

  removeGroups(configId: string, ids: readonly string[]): Promise<void> {
    return this.remove(GROUPS, configId, ids);
  }

  /** Whether the identity is assigned to the config, itself or through one of `groupIds`. */
  async isAssigned(configId: string, identityId: string, groupIds: readonly string[]): Promise<boolean> {
    const direct = await this.db
      .selectFrom('sso_config_identities')
      .select('identity_id')
      .where('sso_config_id', '=', configId)
      .where('identity_id', '=', identityId)
      .executeTakeFirst();
    if (direct) return true;
    return (await this.assignedGroups(configId, groupIds)).length > 0;
  }

  /** Those of `groupIds` assigned to the config. */
  async assignedGroups(configId: string, groupIds: readonly string[]): Promise<string[]> {
    const found: string[] = [];
    for (const part of chunks(groupIds)) {
      const rows = await this.db
        .selectFrom('sso_config_groups')
        .select('group_id')
        .where('sso_config_id', '=', configId)
        .where('group_id', 'in', part)
        .execute();
      found.push(...rows.map((r) => r.group_id));
    }
    return found;
  }

  /** The groups assigned to the config, by id. */
  async groupIdsOf(configId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('sso_config_groups').select('group_id').where('sso_config_id', '=', configId).orderBy('group_id').execute();
    return rows.map((r) => r.group_id);
  }

  /**
   * A page of the identities assigned to the config, directly or through a group, in id order
   * after `after`: each with the group it came through (the first by id), or none when direct.
   */
  async identityAssociations(configId: string, after: string, offset: number, limit: number): Promise<{ id: string; groupId: string | null }[]> {
    const direct = this.db
      .selectFrom('sso_config_identities')
      .select(['identity_id as id', sql<string | null>`cast(null as text)`.as('group_id')])
      .where('sso_config_id', '=', configId);
    const throughGroups = this.db
      .selectFrom('sso_config_groups')
      .innerJoin('group_members', 'group_members.group_id', 'sso_config_groups.group_id')
      .select(['group_members.identity_id as id', 'sso_config_groups.group_id as group_id'])
      .where('sso_config_groups.sso_config_id', '=', configId);
    const rows = await this.db
      .selectFrom(direct.unionAll(throughGroups).as('a'))
      .select(['a.id', (eb) => eb.fn.min<string | null>('a.group_id').as('group_id')])
      .where('a.id', '>', after)
      .groupBy('a.id')
      .orderBy('a.id')
      .limit(limit)
      .offset(offset)
      .execute();
    // A direct assignment (a null group) wins over any group: `min` ignores nulls, so ask again.
    const directIds = await this.directAmong(
      configId,
      rows.map((r) => r.id),
    );
    return rows.map((r) => ({ id: r.id, groupId: directIds.has(r.id) ? null : (r.group_id ?? null) }));
  }

  private async directAmong(configId: string, ids: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (const part of chunks(ids)) {
      const rows = await this.db
        .selectFrom('sso_config_identities')
        .select('identity_id')
        .where('sso_config_id', '=', configId)
        .where('identity_id', 'in', part)
        .execute();
      for (const row of rows) found.add(row.identity_id);
    }
    return found;
  }

  async countIdentityAssociations(configId: string): Promise<number> {
    const direct = this.db.selectFrom('sso_config_identities').select('identity_id as id').where('sso_config_id', '=', configId);
    const throughGroups = this.db
      .selectFrom('sso_config_groups')
      .innerJoin('group_members', 'group_members.group_id', 'sso_config_groups.group_id')
      .select('group_members.identity_id as id')
      .where('sso_config_groups.sso_config_id', '=', configId);
    const row = await this.db
      .selectFrom(direct.union(throughGroups).as('a'))
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Configs of the realm assigned to the identity itself or to one of `groupIds`, in id order. */
  async pageForMember(
    realmId: string,
    identityId: string | null,
    groupIds: readonly string[],
    after: string,
    offset: number,
    limit: number,
  ): Promise<SsoConfig[]> {
    const rows = await this.forMember(realmId, identityId, groupIds)
      .selectAll('sso_configs')
      .where('sso_configs.id', '>', after)
      .orderBy('sso_configs.id')
      .limit(limit)
      .offset(offset)
      .execute();
    return rows.map(toConfig);
  }

  async countForMember(realmId: string, identityId: string | null, groupIds: readonly string[]): Promise<number> {
    const row = await this.forMember(realmId, identityId, groupIds)
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  private forMember(realmId: string, identityId: string | null, groupIds: readonly string[]) {
    return this.db
      .selectFrom('sso_configs')
      .where('sso_configs.realm_id', '=', realmId)
      .where((eb) => {
        const byGroup =
          groupIds.length > 0
            ? eb.exists(
                eb
                  .selectFrom('sso_config_groups')
                  .select('sso_config_groups.group_id')
                  .whereRef('sso_config_groups.sso_config_id', '=', 'sso_configs.id')
                  .where('sso_config_groups.group_id', 'in', [...groupIds]),
              )
            : sql<boolean>`1 = 0`;
        if (identityId === null) return eb.or([byGroup]);
        const direct = eb.exists(
          eb
            .selectFrom('sso_config_identities')
            .select('sso_config_identities.identity_id')
            .whereRef('sso_config_identities.sso_config_id', '=', 'sso_configs.id')
            .where('sso_config_identities.identity_id', '=', identityId),
        );
        return eb.or([direct, byGroup]);
      });
  }
}
