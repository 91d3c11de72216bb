import type { CompareOp } from './user-query.js';

/**
 * A query over a realm's groups in storage terms, as SCIM group filters resolve to (RFC 7644
 * §3.4.2.2). `src/scim/group-filter.ts` builds it; `src/store/scim-groups.ts` turns it into SQL.
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
