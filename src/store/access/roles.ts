import type { MemberType, Role } from '../../domain/access/role.js';
import type { Engine, Executor } from '../engine/connection.js';
import { keysetPage } from '../engine/keyset.js';
import { LockingRealmTable } from '../engine/realm-table.js';

/** Roles, their scopes and their members; adds are idempotent (composite primary keys). */
export class RoleStore {
  /** A resource server's roles. */
  private readonly table: LockingRealmTable<'roles'>;

  constructor(
    private readonly db: Executor,
    engine: Engine,
  ) {
    this.table = new LockingRealmTable(db, engine, 'roles', 'resource_server_id');
  }

  async insert(role: Role): Promise<void> {
    await this.db.insertInto('roles').values(role).execute();
  }

  get(resourceServerId: string, id: string): Promise<Role | undefined> {
    return this.table.get(resourceServerId, id);
  }

  async update(role: Role): Promise<void> {
    await this.db
      .updateTable('roles')
      .set({ display_name: role.display_name, description: role.description, update_time: role.update_time })
      .where('id', '=', role.id)
      .execute();
  }

  /**
   * Reads a role to delete it, inside a transaction. On PostgreSQL the row stays locked until
   * commit: a scope or member added concurrently (its foreign key locks the role's row too) waits,
   * so it cannot slip in between the check for children and the delete.
   */
  getForUpdate(resourceServerId: string, id: string): Promise<Role | undefined> {
    return this.table.getForUpdate(resourceServerId, id);
  }

  /** True while the role has any scope or member (the contract refuses to delete it then). */
  async hasChildren(roleId: string): Promise<boolean> {
    const scope = await this.db.selectFrom('role_scopes').select('role_id').where('role_id', '=', roleId).limit(1).executeTakeFirst();
    if (scope !== undefined) return true;
    const member = await this.db.selectFrom('role_members').select('role_id').where('role_id', '=', roleId).limit(1).executeTakeFirst();
    return member !== undefined;
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('roles').where('id', '=', id).execute();
  }

  page(resourceServerId: string, afterId: string, offset: number, limit: number): Promise<Role[]> {
    return this.table.page(resourceServerId, afterId, offset, limit);
  }

  count(resourceServerId: string): Promise<number> {
    return this.table.count(resourceServerId);
  }

  async addScopes(roleId: string, scopes: readonly string[]): Promise<void> {
    if (scopes.length === 0) return;
    await this.db
      .insertInto('role_scopes')
      .values(scopes.map((scope) => ({ role_id: roleId, scope })))
      .onConflict((oc) => oc.columns(['role_id', 'scope']).doNothing())
      .execute();
  }

  async removeScopes(roleId: string, scopes: readonly string[]): Promise<void> {
    if (scopes.length === 0) return;
    await this.db.deleteFrom('role_scopes').where('role_id', '=', roleId).where('scope', 'in', scopes).execute();
  }

  async scopes(roleId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('role_scopes').select('scope').where('role_id', '=', roleId).orderBy('scope').execute();
    return rows.map((r) => r.scope);
  }

  /** Drops scopes a resource server no longer has from all of its roles. */
  async removeScopesOfServer(resourceServerId: string, scopes: readonly string[]): Promise<void> {
    if (scopes.length === 0) return;
    await this.db
      .deleteFrom('role_scopes')
      .where('scope', 'in', scopes)
      .where('role_id', 'in', (eb) => eb.selectFrom('roles').select('id').where('resource_server_id', '=', resourceServerId))
      .execute();
  }

  async addMembers(roleId: string, type: MemberType, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .insertInto('role_members')
      .values(ids.map((member_id) => ({ role_id: roleId, member_type: type, member_id })))
      .onConflict((oc) => oc.columns(['role_id', 'member_type', 'member_id']).doNothing())
      .execute();
  }

  async removeMembers(roleId: string, type: MemberType, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.deleteFrom('role_members').where('role_id', '=', roleId).where('member_type', '=', type).where('member_id', 'in', ids).execute();
  }

  /** Which of `ids` are already members of the role. */
  async membersAmong(roleId: string, type: MemberType, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('role_members')
      .select('member_id')
      .where('role_id', '=', roleId)
      .where('member_type', '=', type)
      .where('member_id', 'in', ids)
      .execute();
    return new Set(rows.map((r) => r.member_id));
  }

  async members(roleId: string, type: MemberType, afterId: string, offset: number, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('role_members')
      .select('member_id')
      .where('role_id', '=', roleId)
      .where('member_type', '=', type)
      .$call(keysetPage('member_id', afterId, offset, limit))
      .execute();
    return rows.map((r) => r.member_id);
  }

  async countMembers(roleId: string, type: MemberType): Promise<number> {
    const row = await this.db
      .selectFrom('role_members')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('role_id', '=', roleId)
      .where('member_type', '=', type)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The roles of one resource server a member holds directly. */
  async rolesOf(resourceServerId: string, type: MemberType, memberId: string, afterId: string, offset: number, limit: number): Promise<Role[]> {
    return this.db
      .selectFrom('roles')
      .innerJoin('role_members', 'role_members.role_id', 'roles.id')
      .selectAll('roles')
      .where('roles.resource_server_id', '=', resourceServerId)
      .where('role_members.member_type', '=', type)
      .where('role_members.member_id', '=', memberId)
      .$call(keysetPage('roles.id', afterId, offset, limit))
      .execute();
  }

  async countRolesOf(resourceServerId: string, type: MemberType, memberId: string): Promise<number> {
    const row = await this.db
      .selectFrom('roles')
      .innerJoin('role_members', 'role_members.role_id', 'roles.id')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('roles.resource_server_id', '=', resourceServerId)
      .where('role_members.member_type', '=', type)
      .where('role_members.member_id', '=', memberId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * Every scope of one resource server that an identity holds through a role, given to it directly
   * or to one of `groupIds` (its groups); with no identity, what the groups carry.
   */
  async scopesOfMember(resourceServerId: string, identityId: string | null, groupIds: readonly string[]): Promise<string[]> {
    if (identityId === null && groupIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('role_scopes')
      .innerJoin('roles', 'roles.id', 'role_scopes.role_id')
      .innerJoin('role_members', 'role_members.role_id', 'roles.id')
      .select('role_scopes.scope')
      .distinct()
      .where('roles.resource_server_id', '=', resourceServerId)
      .where((eb) =>
        eb.or([
          ...(identityId !== null ? [eb.and([eb('role_members.member_type', '=', 'identity'), eb('role_members.member_id', '=', identityId)])] : []),
          ...(groupIds.length > 0 ? [eb.and([eb('role_members.member_type', '=', 'group'), eb('role_members.member_id', 'in', groupIds)])] : []),
        ]),
      )
      .orderBy('role_scopes.scope')
      .execute();
    return rows.map((r) => r.scope);
  }

  /** Drops a deleted identity's or group's role memberships. */
  async removeMember(type: MemberType, memberId: string): Promise<void> {
    await this.db.deleteFrom('role_members').where('member_type', '=', type).where('member_id', '=', memberId).execute();
  }
}
