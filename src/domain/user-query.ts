import type { TraitField } from './traits.js';
import type { CostTree } from './filter-cost.js';

/**
 * A query over a realm's identities in storage terms, as SCIM filters resolve to (RFC 7644
 * §3.4.2.2). `src/scim/filter.ts` builds it from the filter text; `src/store/scim-users.ts`
 * turns it into SQL on either engine. Nothing here knows SCIM's attribute names or SQL.
 *
 * Values are already in the form the store compares: folded keys (`foldedKey`) for the
 * case-insensitive key columns, lower case for case-insensitive traits, RFC 3339 UTC with
 * milliseconds for times.
 */
export type UserField =
  | { kind: 'id' }
  /** Folded, indexed keys: userName, the primary email, displayName. */
  | { kind: 'key'; key: 'username' | 'email' | 'display_name' }
  /** Indexed, compared exactly (SCIM's externalId is caseExact). */
  | { kind: 'external_id' }
  /** `active`: true is status "active". */
  | { kind: 'status' }
  | { kind: 'time'; which: 'create' | 'update' }
  /** Any other trait, read from the traits document. */
  | { kind: 'trait'; trait: TraitField; caseExact: boolean };

export type CompareOp = 'eq' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';

/**
 * A comparison is false when the attribute is absent, so `not` and `ne` (written as `not eq`)
 * match identities without the attribute.
 */
export type UserCondition =
  | { op: 'and' | 'or'; conditions: UserCondition[] }
  | { op: 'not'; condition: UserCondition }
  | { op: 'const'; value: boolean }
  | { op: 'pr'; field: UserField }
  | { op: CompareOp; field: UserField; value: string | boolean };

export type UserSortKey = 'username' | 'display_name' | 'create_time' | 'update_time';

export interface UserSort {
  by: UserSortKey;
  descending: boolean;
}

export const DEFAULT_USER_SORT: UserSort = { by: 'create_time', descending: false };

/**
 * The comparisons an index answers alone (migrations 008 and 012; the query-plan tests hold the
 * store to it): `eq` and `sw` on the folded keys, externalId and id, and `eq` on the secondary
 * email, whose index is on an expression that a prefix LIKE cannot use.
 */
function served(field: UserField, op: CompareOp): boolean {
  if (op !== 'eq' && op !== 'sw') return false;
  if (field.kind === 'key' || field.kind === 'external_id' || field.kind === 'id') return true;
  return op === 'eq' && field.kind === 'trait' && field.trait === 'secondary_email_address';
}

/** The condition as the cost model reads it (see filter-cost.ts). */
export function userCostTree(condition: UserCondition): CostTree {
  switch (condition.op) {
    case 'and':
    case 'or':
      return { op: condition.op, children: condition.conditions.map(userCostTree) };
    case 'not':
      return { op: 'not', child: userCostTree(condition.condition) };
    case 'const':
      return { op: 'const' };
    case 'pr':
      return { op: 'compare', served: false, substring: false };
    default:
      return { op: 'compare', served: served(condition.field, condition.op), substring: condition.op === 'co' || condition.op === 'ew' };
  }
}

export const USER_INDEXED_FILTERS = 'eq and sw on userName, externalId, displayName and id, and eq on emails.value, are answered from indexes';
