import { type Compilable, type RawBuilder, type SqlBool, sql } from 'kysely';
import { exactLookups } from '../../domain/directory/filter-cost.js';
import type { Group, NamedRef } from '../../domain/directory/group.js';
import { type GroupCondition, type GroupField, type GroupSort, groupCostTree } from '../../domain/directory/group-query.js';
import type { Engine, Executor } from '../engine/connection.js';
import { compareColumn } from '../engine/like.js';
import type { ScanReads } from '../engine/scan-reads.js';
import { chunks } from '../engine/chunks.js';
import { toGroup } from './groups.js';

const SORT_COLUMNS = { display_name: 'display_name_key', create_time: 'create_time', update_time: 'update_time' } as const;
/**
 * SCIM reads over groups: filters, sorting and offset paging, and the member and group lists
 * SCIM resources embed, each for a whole page in one query. Like `scim-users.ts`, PostgreSQL
 * compares and sorts text with the "C" collation so both engines order strings alike.
 */
export class ScimGroupQueries {
  constructor(
    private readonly db: Executor,
    private readonly engine: Engine,
    private readonly scanReads: ScanReads,
  ) {}

  async search(realmId: string, condition: GroupCondition | undefined, sort: GroupSort, offset: number, limit: number): Promise<Group[]> {
    let query = this.db.selectFrom('groups').selectAll().where('realm_id', '=', realmId);
    if (condition) query = query.where(this.compile(condition));
    const direction = sort.descending ? 'desc' : 'asc';
    const rows = await this.run(
      query
        .orderBy(this.text(sql`${sql.ref(SORT_COLUMNS[sort.by])}`), direction)
        .orderBy('id', direction)
        .limit(limit)
        .offset(offset),
      condition,
    );
    return rows.map(toGroup);
  }

  async count(realmId: string, condition: GroupCondition | undefined): Promise<number> {
    let query = this.db
      .selectFrom('groups')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('realm_id', '=', realmId);
    if (condition) query = query.where(this.compile(condition));
    const [row] = await this.run(query, condition);
    return Number(row?.n ?? 0);
  }

  /** A filter no index answers exactly may read all the realm's groups: bounded, and off the event loop (scan-reads.ts). */
  private run<R>(query: Compilable<R> & { execute(): Promise<R[]> }, condition: GroupCondition | undefined): Promise<R[]> {
    return condition && !exactLookups(groupCostTree(condition)) ? this.scanReads.all(this.db, query) : query.execute();
  }

  /** The members of each group, in identity id order. */
  async membersOf(groupIds: readonly string[]): Promise<Map<string, NamedRef[]>> {
    const out = new Map<string, NamedRef[]>(groupIds.map((id) => [id, []]));
    for (const part of chunks(groupIds)) {
      const rows = await this.db
        .selectFrom('group_members')
        .innerJoin('identities', 'identities.id', 'group_members.identity_id')
        .select(['group_members.group_id', 'identities.id', 'identities.display_name'])
        .where('group_members.group_id', 'in', part)
        .orderBy('group_members.group_id')
        .orderBy('group_members.identity_id')
        .execute();
      for (const row of rows) out.get(row.group_id)?.push({ id: row.id, display_name: row.display_name });
    }
    return out;
  }

  /** The groups of each identity, in group id order. */
  async groupsOf(identityIds: readonly string[]): Promise<Map<string, NamedRef[]>> {
    const out = new Map<string, NamedRef[]>(identityIds.map((id) => [id, []]));
    for (const part of chunks(identityIds)) {
      const rows = await this.db
        .selectFrom('group_members')
        .innerJoin('groups', 'groups.id', 'group_members.group_id')
        .select(['group_members.identity_id', 'groups.id', 'groups.display_name'])
        .where('group_members.identity_id', 'in', part)
        .orderBy('group_members.identity_id')
        .orderBy('group_members.group_id')
        .execute();
      for (const row of rows) out.get(row.identity_id)?.push({ id: row.id, display_name: row.display_name });
    }
    return out;
  }

  /** Byte-wise text comparison on both engines. */
  private text(expression: RawBuilder<unknown>): RawBuilder<unknown> {
    return this.engine === 'postgres' ? sql`(${expression} collate "C")` : expression;
  }

  private column(field: GroupField): RawBuilder<unknown> {
    switch (field.kind) {
      case 'id':
        return sql`${sql.ref('groups.id')}`;
      case 'display_name':
        return sql`${sql.ref('groups.display_name_key')}`;
      case 'external_id':
        return sql`${sql.ref('groups.external_id')}`;
      case 'time':
        return sql`${sql.ref(field.which === 'create' ? 'groups.create_time' : 'groups.update_time')}`;
      case 'member':
        return sql`${sql.ref('gm.identity_id')}`;
    }
  }

  private compile(condition: GroupCondition): RawBuilder<SqlBool> {
    switch (condition.op) {
      case 'and':
        if (condition.conditions.length === 0) return sql<SqlBool>`1 = 1`;
        return sql<SqlBool>`(${sql.join(
          condition.conditions.map((c) => this.compile(c)),
          sql` and `,
        )})`;
      case 'or':
        if (condition.conditions.length === 0) return sql<SqlBool>`1 = 0`;
        return sql<SqlBool>`(${sql.join(
          condition.conditions.map((c) => this.compile(c)),
          sql` or `,
        )})`;
      case 'not':
        return sql<SqlBool>`not (${this.compile(condition.condition)})`;
      case 'const':
        return condition.value ? sql<SqlBool>`1 = 1` : sql<SqlBool>`1 = 0`;
      case 'some_member':
        // Indexed by the members' primary key (group_id, identity_id).
        return sql<SqlBool>`exists (select 1 from ${sql.table('group_members')} as gm where ${sql.ref('gm.group_id')} = ${sql.ref('groups.id')} and ${this.compile(condition.condition)})`;
      case 'pr': {
        const column = this.column(condition.field);
        return sql<SqlBool>`(${column} is not null and ${column} <> '')`;
      }
      default:
        break;
    }
    const column = this.column(condition.field);
    return compareColumn(column, this.text(column), condition.op, condition.value);
  }
}
