import type { CompareOp } from './user-query.js';
import type { CostTree } from './filter-cost.js';

/**
 * A query over a realm's groups in storage terms, as SCIM group filters resolve to (RFC 7644
 * §3.4.2.2). `src/protocols/scim/group-filter.ts` builds it; `src/store/directory/scim-groups.ts` turns it into SQL.
 *
 * Values are already in the form the store compares: the folded key for displayName, lower case
 * for ids, RFC 3339 UTC with milliseconds for times, externalId exactly as given.
 */
export type GroupField =
  | { kind: 'id' }
  /** The folded, indexed name key (displayName is caseExact=false and unique per realm). */
  | { kind: 'display_name' }
  | { kind: 'external_id' }
  | { kind: 'time'; which: 'create' | 'update' }
  /** A member's identity id; only inside `some_member`. */
  | { kind: 'member' };

export type GroupCondition =
  | { op: 'and' | 'or'; conditions: GroupCondition[] }
  | { op: 'not'; condition: GroupCondition }
  | { op: 'const'; value: boolean }
  | { op: 'pr'; field: GroupField }
  /** Some member of the group satisfies `condition` (`members[...]`, `members.value eq ...`). */
  | { op: 'some_member'; condition: GroupCondition }
  | { op: CompareOp; field: GroupField; value: string };

export type GroupSortKey = 'display_name' | 'create_time' | 'update_time';

export interface GroupSort {
  by: GroupSortKey;
  descending: boolean;
}

export const DEFAULT_GROUP_SORT: GroupSort = { by: 'create_time', descending: false };

/**
 * The condition as the cost model reads it (see filter-cost.ts). Indexes answer `eq` and `sw` on
 * the folded name, externalId and id; a members filter is tested group by group (each test is a
 * lookup in the members' primary key), so it reads every group of the realm.
 */
export function groupCostTree(condition: GroupCondition, inMembers = false): CostTree {
  switch (condition.op) {
    case 'and':
    case 'or':
      return { op: condition.op, children: condition.conditions.map((c) => groupCostTree(c, inMembers)) };
    case 'not':
      return { op: 'not', child: groupCostTree(condition.condition, inMembers) };
    case 'const':
      return { op: 'const' };
    case 'pr':
      return { op: 'compare', served: false, substring: false };
    case 'some_member':
      return { op: 'and', children: [{ op: 'compare', served: false, substring: false }, groupCostTree(condition.condition, true)] };
    default: {
      const indexed = !inMembers && condition.field.kind !== 'time' && condition.field.kind !== 'member';
      const { op } = condition;
      return { op: 'compare', served: indexed && (op === 'eq' || op === 'sw'), substring: op === 'co' || op === 'ew', prefix: op === 'sw' };
    }
  }
}

export const GROUP_INDEXED_FILTERS = 'eq and sw on displayName, externalId and id are answered from indexes';
