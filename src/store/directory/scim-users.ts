import { type Compilable, type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Identity } from '../../domain/directory/identity.js';
import type { NamedRef } from '../../domain/directory/group.js';
import { exactLookups, indexServed } from '../../domain/directory/filter-cost.js';
import { type UserCondition, type UserField, type UserSort, type UserSortKey, userCostTree } from '../../domain/directory/user-query.js';
import type { Engine, Executor } from '../engine/connection.js';
import { compareColumn } from '../engine/like.js';
import type { ScanReads } from '../engine/scan-reads.js';
import { toIdentity } from './identities.js';
import type { Database, IdentitiesTable } from '../schema.js';
import { precompiled } from '../engine/precompiled.js';

type EB = ExpressionBuilder<Database, 'identities'>;

const KEY_COLUMNS = { username: 'username_key', email: 'email_key', display_name: 'display_name_key' } as const;
const TIME_COLUMNS = { create: 'create_time', update: 'update_time' } as const;
const SORT_COLUMNS = {
  username: 'username_key',
  display_name: 'display_name_key',
  create_time: 'create_time',
  update_time: 'update_time',
} as const;

/** Orders a realm's identities are indexed in (migrations 001, 008, 015). */
const INDEXED_ORDERS = new Set<UserSortKey>(['username', 'display_name', 'create_time']);

const served = (condition: UserCondition) => indexServed(userCostTree(condition));

/** The condition as OR branches that indexes answer each, when it is one (see `inRealm`). */
function seekBranches(condition: UserCondition): UserCondition[] | undefined {
  if (!served(condition)) return undefined;
  if (condition.op === 'or') return condition.conditions;
  if (condition.op !== 'and') return undefined;
  // A served comparison of the AND's own already reads only the rows it needs.
  if (condition.conditions.some((c) => c.op !== 'or' && served(c))) return undefined;
  const split = condition.conditions.find((c) => c.op === 'or' && served(c));
  if (split?.op !== 'or') return undefined;
  const others = condition.conditions.filter((c) => c !== split);
  return split.conditions.map((branch) => ({ op: 'and', conditions: [...others, branch] }));
}

type IndexedEquality = { field: Extract<UserField, { kind: 'id' | 'key' | 'external_id' }>; value: string };
/** A row of `searchQuery`: the identity, and its groups as JSON text when they were asked for. */
type SearchRow = IdentitiesTable & { scim_groups?: string | null };
type LookupSearch = (db: Executor, engine: Engine, ...args: [string, string, number, number]) => Promise<SearchRow[]>;

/** An identity as SCIM's search found it, with its groups (ids and names) when they were asked for. */
export interface FoundUser {
  identity: Identity;
  groups?: NamedRef[];
}

function toFoundUser(row: SearchRow): FoundUser {
  const identity = toIdentity(row);
  if (row.scim_groups === undefined) return { identity };
  const pairs = JSON.parse(row.scim_groups ?? '[]') as [string, string][];
  return { identity, groups: pairs.map(([id, display_name]) => ({ id, display_name })) };
}

/** The condition when it is one `eq` on an indexed column (not a trait, not a boolean), else undefined. */
function indexedEquality(condition: UserCondition): IndexedEquality | undefined {
  if (condition.op !== 'eq' || typeof condition.value !== 'string') return undefined;
  const { field } = condition;
  if (field.kind === 'id' || field.kind === 'external_id' || (field.kind === 'key' && field.key !== 'display_name')) {
    return { field, value: condition.value };
  }
  return undefined;
}

/** Compiled lookups by engine, field and sort: a few dozen at most. */
const lookupSearches = new Map<string, LookupSearch>();

/**
 * SCIM queries over identities: filters (RFC 7644 §3.4.2.2), sorting and offset paging. The
 * dialect differences live here and nowhere else: traits are read from the JSON text with
 * `json_extract` on SQLite and `->>` on PostgreSQL, and PostgreSQL compares and sorts text with
 * the "C" collation so both engines order strings byte-wise alike.
 */
export class ScimUserQueries {
  constructor(
    private readonly db: Executor,
    private readonly engine: Engine,
    private readonly scanReads: ScanReads,
  ) {}

  /**
   * The page of identities; with `withGroups`, each with its groups (SCIM's `groups`), read by the
   * same statement: a lookup by userName (what Okta and Entra send before every write) is one
   * query, and the groups are of the same snapshot as the identity.
   */
  async search(
    realmId: string,
    condition: UserCondition | undefined,
    sort: UserSort,
    offset: number,
    limit: number,
    withGroups = false,
  ): Promise<FoundUser[]> {
    const lookup = condition && indexedEquality(condition);
    if (lookup) {
      const rows = await this.lookupSearch(lookup, sort, withGroups)(this.db, this.engine, realmId, lookup.value, offset, limit);
      return rows.map(toFoundUser);
    }
    const query = this.searchQuery(realmId, condition, sort, offset, limit, withGroups);
    return (await this.run<SearchRow>(query, condition, sort)).map(toFoundUser);
  }

  /**
   * `userName eq`, `externalId eq` or `id eq` (what Okta and Entra send before every write): the
   * very query `searchQuery` builds, compiled once per field and sort instead of per request.
   */
  private lookupSearch(lookup: IndexedEquality, sort: UserSort, withGroups: boolean): LookupSearch {
    const key = `${this.engine}|${JSON.stringify(lookup.field)}|${sort.by}|${sort.descending}|${withGroups}`;
    let search = lookupSearches.get(key);
    if (!search) {
      search = precompiled<SearchRow, [string, string, number, number]>((db, realmId, value, offset, limit) =>
        new ScimUserQueries(db, this.engine, this.scanReads).searchQuery(
          realmId,
          { op: 'eq', field: lookup.field, value },
          sort,
          offset as unknown as number,
          limit as unknown as number,
          withGroups,
        ),
      );
      lookupSearches.set(key, search);
    }
    return search;
  }

  /** The query `search` runs; exposed so tests can read its plan. */
  searchQuery(realmId: string, condition: UserCondition | undefined, sort: UserSort, offset: number, limit: number, withGroups = false) {
    const all = this.db
      .selectFrom('identities')
      .selectAll()
      .where((eb) => this.inRealm(eb, realmId, condition));
    const query = withGroups ? all.select(this.groupsColumn().as('scim_groups')) : all;
    const direction = sort.descending ? 'desc' : 'asc';
    // With a filter, SQLite would rather walk the whole realm in creation order (migration 015)
    // than sort the few rows an index finds for the filter: `+` (a no-op) hides that order from it.
    const column = sql.ref(SORT_COLUMNS[sort.by]);
    const order = condition && sort.by === 'create_time' && this.engine === 'sqlite' ? sql`+${column}` : this.text(column);
    return query.orderBy(order, direction).orderBy('id', direction).limit(limit).offset(offset);
  }

  async count(realmId: string, condition: UserCondition | undefined): Promise<number> {
    const [row] = await this.run(this.countQuery(realmId, condition), condition);
    return Number(row?.n ?? 0);
  }

  /**
   * A filter no index answers by exact lookups may read the whole realm (`userName sw "s"` is a
   * range as wide as the realm), and so does a whole realm in an order no index holds
   * (`meta.lastModified`): these run bounded, and off the event loop (scan-reads.ts).
   */
  private run<R>(query: Compilable<R> & { execute(): Promise<R[]> }, condition: UserCondition | undefined, sort?: UserSort): Promise<R[]> {
    const scans = condition ? !exactLookups(userCostTree(condition)) : sort !== undefined && !INDEXED_ORDERS.has(sort.by);
    return scans ? this.scanReads.all(this.db, query) : query.execute();
  }

  /** The query `count` runs; exposed so tests can read its plan. */
  countQuery(realmId: string, condition: UserCondition | undefined) {
    return this.db
      .selectFrom('identities')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where((eb) => this.inRealm(eb, realmId, condition));
  }

  /**
   * The realm and the condition. When indexes answer the condition as an OR of seeks (`emails.value
   * eq` is one: either email), the realm is repeated in each branch, `(realm AND a) OR (realm AND
   * b)`: both engines then read each branch from its own (realm_id, ...) index and unite them, where
   * `realm AND (a OR b)` walked the realm. An AND holding such an OR (`emails[type eq "work"].value
   * eq`) takes its other terms into each branch. A filter no index answers stays one walk of the
   * realm: split into branches, each branch would be a walk of its own (99 `emails co` terms were 99).
   */
  private inRealm(eb: EB, realmId: string, condition: UserCondition | undefined): Expression<SqlBool> {
    if (!condition) return eb('realm_id', '=', realmId);
    const branches = seekBranches(condition);
    if (branches) return eb.or(branches.map((branch) => eb.and([eb('realm_id', '=', realmId), this.expression(eb, branch)])));
    return eb.and([eb('realm_id', '=', realmId), this.expression(eb, condition)]);
  }

  /**
   * The identity's groups as JSON text, `[[id, display_name], ...]` in group id order (as
   * `ScimGroupQueries.groupsOf` reads them), `[]` for none: a subquery each row's identity id
   * bounds on the (identity_id, group_id) index.
   */
  private groupsColumn(): RawBuilder<string> {
    const members = sql`from "group_members" as "gm" inner join "groups" as "g" on "g"."id" = "gm"."group_id" where "gm"."identity_id" = "identities"."id"`;
    return this.engine === 'postgres'
      ? sql<string>`(select coalesce(json_agg(json_build_array("g"."id", "g"."display_name") order by "gm"."group_id"), '[]')::text ${members})`
      : sql<string>`(select json_group_array(json_array("g"."id", "g"."display_name") order by "gm"."group_id") ${members})`;
  }

  /** Byte-wise text comparison on both engines. */
  private text(expression: RawBuilder<unknown> | ReturnType<typeof sql.ref>): RawBuilder<unknown> {
    return this.engine === 'postgres' ? sql`(${expression} collate "C")` : sql`${expression}`;
  }

  private column(field: Exclude<UserField, { kind: 'status' }>): RawBuilder<unknown> {
    switch (field.kind) {
      case 'id':
        return sql`${sql.ref('id')}`;
      case 'key':
        return sql`${sql.ref(KEY_COLUMNS[field.key])}`;
      case 'external_id':
        return sql`${sql.ref('external_id')}`;
      case 'time':
        return sql`${sql.ref(TIME_COLUMNS[field.which])}`;
      case 'trait': {
        // The path is a literal, not a parameter: an index on the expression (migration 012) is
        // only used when the query spells the very same expression. Trait names are a fixed set.
        const value =
          this.engine === 'postgres'
            ? sql`(${sql.ref('traits')}::jsonb ->> ${sql.lit(field.trait)})`
            : sql`json_extract(${sql.ref('traits')}, ${sql.lit(`$.${field.trait}`)})`;
        return field.caseExact ? value : sql`lower(${value})`;
      }
    }
  }

  private expression(eb: EB, condition: UserCondition): Expression<SqlBool> {
    switch (condition.op) {
      case 'and':
        return eb.and(condition.conditions.map((c) => this.expression(eb, c)));
      case 'or':
        return eb.or(condition.conditions.map((c) => this.expression(eb, c)));
      case 'not':
        return eb.not(this.expression(eb, condition.condition));
      case 'const':
        return condition.value ? sql<SqlBool>`1 = 1` : sql<SqlBool>`1 = 0`;
      case 'pr':
        if (condition.field.kind === 'status') return sql<SqlBool>`1 = 1`;
        return sql<SqlBool>`(${this.column(condition.field)} is not null and ${this.column(condition.field)} <> '')`;
      default:
        break;
    }
    const { field, value } = condition;
    if (field.kind === 'status') {
      // Only `eq` reaches here for booleans; the filter parser refuses the other operators.
      return eb('status', value === true ? '=' : '<>', 'active');
    }
    const column = this.column(field);
    return compareColumn(column, this.text(column), condition.op, String(value));
  }
}
