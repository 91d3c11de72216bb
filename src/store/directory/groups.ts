import { DomainError, conflict, notFound } from '../../domain/errors.js';
import { type Group, groupNameKey } from '../../domain/directory/group.js';
import type { Identity } from '../../domain/directory/identity.js';
import type { Engine, Executor } from '../engine/connection.js';
import { isForeignKeyViolation, isUniqueViolation } from '../engine/constraint-errors.js';
import { toIdentity } from './identities.js';
import { precompiled } from '../engine/precompiled.js';
import { chunks } from '../engine/chunks.js';
import { keysetPage } from '../engine/keyset.js';
import { LockingRealmTable } from '../engine/realm-table.js';
import type { GroupMembersTable, GroupsTable } from '../schema.js';

const NAME_TAKEN = 'group already exists';
const HAS_MEMBERS = 'group has children';

export function toGroup(row: GroupsTable): Group {
  const { display_name_key, external_id, version, ...group } = row;
  return { ...group, ...(external_id !== null ? { external_id } : {}), version: Number(version) };
}

function toRow(group: Group): GroupsTable {
  return { ...group, external_id: group.external_id ?? null, display_name_key: groupNameKey(group) };
}

const selectGroupIdsOf = precompiled<Pick<GroupMembersTable, 'group_id'>, [string]>((db, identityId) =>
  db.selectFrom('group_members').select('group_id').where('identity_id', '=', identityId),
);

export class GroupStore {
  private readonly table: LockingRealmTable<'groups'>;

  constructor(
    private readonly db: Executor,
    private readonly engine: Engine,
  ) {
    this.table = new LockingRealmTable(db, engine, 'groups');
  }

  /** Throws `conflict` when the realm already has the name, compared by its folded key. */
  async insert(group: Group): Promise<void> {
    try {
      await this.db.insertInto('groups').values(toRow(group)).execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(NAME_TAKEN);
      if (isForeignKeyViolation(error)) throw notFound('Realm', group.realm_id);
      throw error;
    }
  }

  async get(realmId: string, id: string): Promise<Group | undefined> {
    const row = await this.table.get(realmId, id);
    return row && toGroup(row);
  }

  /**
   * Reads a group to change it or its members, inside a transaction. On PostgreSQL the row stays
   * locked until commit, so a delete cannot slip between a membership check and its write.
   */
  async getForUpdate(realmId: string, id: string): Promise<Group | undefined> {
    const row = await this.table.getForUpdate(realmId, id);
    return row && toGroup(row);
  }

  async update(group: Group): Promise<void> {
    const { id, realm_id, tenant_id, create_time, ...changes } = toRow(group);
    try {
      await this.db.updateTable('groups').set(changes).where('realm_id', '=', realm_id).where('id', '=', id).execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(NAME_TAKEN);
      throw error;
    }
  }

  async page(realmId: string, afterId: string, offset: number, limit: number): Promise<Group[]> {
    return (await this.table.page(realmId, afterId, offset, limit)).map(toGroup);
  }

  count(realmId: string): Promise<number> {
    return this.table.count(realmId);
  }

  /** The given ids that are groups of the realm. */
  existing(realmId: string, ids: readonly string[]): Promise<Set<string>> {
    return this.table.existing(realmId, ids);
  }

  async hasMembers(groupId: string): Promise<boolean> {
    const row = await this.db.selectFrom('group_members').select('identity_id').where('group_id', '=', groupId).limit(1).executeTakeFirst();
    return row !== undefined;
  }

  /** A member added concurrently makes the delete fail like a member found before it. */
  async delete(realmId: string, id: string): Promise<void> {
    try {
      // Its role memberships go with the group (they have no foreign key to cascade from).
      await this.db.deleteFrom('role_members').where('member_type', '=', 'group').where('member_id', '=', id).execute();
      await this.db.deleteFrom('groups').where('realm_id', '=', realmId).where('id', '=', id).execute();
    } catch (error) {
      if (isForeignKeyViolation(error)) throw conflict(HAS_MEMBERS);
      throw error;
    }
  }

  /**
   * Adds members; ones already there stay as they are. The composite primary key makes this safe
   * under any concurrency: two adds of the same member both succeed, and nothing else is touched.
   * The caller has checked that every identity is in the group's realm.
   */
  async addMembers(groupId: string, identityIds: readonly string[]): Promise<void> {
    for (const part of chunks(identityIds)) {
      try {
        await this.db
          .insertInto('group_members')
          .values(part.map((identity_id) => ({ group_id: groupId, identity_id })))
          .onConflict((oc) => oc.columns(['group_id', 'identity_id']).doNothing())
          .execute();
      } catch (error) {
        // An identity deleted between the caller's check and this insert (which one, the
        // driver does not say); the transaction rolls back, so nothing is added.
        if (isForeignKeyViolation(error)) throw new DomainError('not_found', 'identity not found');
        throw error;
      }
    }
  }

  async removeMembers(groupId: string, identityIds: readonly string[]): Promise<void> {
    for (const part of chunks(identityIds)) {
      await this.db.deleteFrom('group_members').where('group_id', '=', groupId).where('identity_id', 'in', part).execute();
    }
  }

  /** Empties the group (a SCIM replace of `members`, or a SCIM delete); answers who was in it. */
  async removeAllMembers(groupId: string): Promise<string[]> {
    const rows = await this.db.deleteFrom('group_members').where('group_id', '=', groupId).returning('identity_id').execute();
    return rows.map((row) => row.identity_id);
  }

  /** Which of `identityIds` are already members of the group. */
  async membersAmong(groupId: string, identityIds: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (const part of chunks(identityIds)) {
      const rows = await this.db
        .selectFrom('group_members')
        .select('identity_id')
        .where('group_id', '=', groupId)
        .where('identity_id', 'in', part)
        .execute();
      for (const row of rows) found.add(row.identity_id);
    }
    return found;
  }

  /** Every member id of the group: for the few SCIM PATCHes that must see the whole list. */
  async memberIds(groupId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('group_members').select('identity_id').where('group_id', '=', groupId).execute();
    return rows.map((r) => r.identity_id);
  }

  /**
   * Gives every group of these identities a new version, before the identities are deleted and
   * their memberships go with them (ON DELETE CASCADE), so the groups' ETags change too. Like v1
   * membership changes, this leaves `update_time` as it is.
   */
  async touchGroupsOf(identityIds: readonly string[]): Promise<void> {
    for (const part of chunks(identityIds)) {
      await this.db
        .updateTable('groups')
        .set((eb) => ({ version: eb('version', '+', 1) }))
        .where('id', 'in', (eb) => eb.selectFrom('group_members').select('group_id').where('identity_id', 'in', part))
        .execute();
    }
  }

  /** The group's members in identity id order (keyset), as full identities. */
  async memberPage(groupId: string, afterId: string, offset: number, limit: number): Promise<Identity[]> {
    const rows = await this.memberPageQuery(groupId, afterId, offset, limit).execute();
    return rows.map(toIdentity);
  }

  /** The queries of the membership lists, exposed so tests can read their plans. */
  memberPageQuery(groupId: string, afterId: string, offset: number, limit: number) {
    return this.db
      .selectFrom('group_members')
      .innerJoin('identities', 'identities.id', 'group_members.identity_id')
      .selectAll('identities')
      .where('group_members.group_id', '=', groupId)
      .$call(keysetPage('group_members.identity_id', afterId, offset, limit));
  }

  async memberCount(groupId: string): Promise<number> {
    const row = await this.memberCountQuery(groupId).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  memberCountQuery(groupId: string) {
    return this.db
      .selectFrom('group_members')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('group_id', '=', groupId);
  }

  /** The groups an identity is a member of, in group id order (keyset). */
  async pageOfIdentity(identityId: string, afterId: string, offset: number, limit: number): Promise<Group[]> {
    const rows = await this.pageOfIdentityQuery(identityId, afterId, offset, limit).execute();
    return rows.map(toGroup);
  }

  pageOfIdentityQuery(identityId: string, afterId: string, offset: number, limit: number) {
    return this.db
      .selectFrom('group_members')
      .innerJoin('groups', 'groups.id', 'group_members.group_id')
      .selectAll('groups')
      .where('group_members.identity_id', '=', identityId)
      .$call(keysetPage('group_members.group_id', afterId, offset, limit));
  }

  async countOfIdentity(identityId: string): Promise<number> {
    const row = await this.countOfIdentityQuery(identityId).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  countOfIdentityQuery(identityId: string) {
    return this.db
      .selectFrom('group_members')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('identity_id', '=', identityId);
  }

  /** Every group id of an identity, for policy decisions and console token checks (compiled once). */
  async groupIdsOf(identityId: string): Promise<string[]> {
    const rows = await selectGroupIdsOf(this.db, this.engine, identityId);
    return rows.map((r) => r.group_id);
  }
}
