import type { TraitField } from './traits.js';
import type { CostTree } from './filter-cost.js';

/**
 * A query over a realm's identities in storage terms, as SCIM filters resolve to (RFC 7644
 * §3.4.2.2). `src/protocols/scim/filter.ts` builds it from the filter text; `src/store/directory/scim-users.ts`
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
    default: {
      const { op } = condition;
      return { op: 'compare', served: served(condition.field, op), substring: op === 'co' || op === 'ew', prefix: op === 'sw' };
    }
  }
}

export const USER_INDEXED_FILTERS = 'eq and sw on userName, externalId, displayName and id, and eq on emails.value, are answered from indexes';

/**
 * The same condition with its constants folded away: `emails[type eq "work"]` compares each email
 * slot's constant type, which leaves `true` in the work slot's branch and `false` in the other's;
 * folded, only the work email is left to test. Then no OR branch is a mere constant, and the
 * store can read each remaining branch from an index.
 */
export function foldConstants(condition: UserCondition): UserCondition {
  switch (condition.op) {
    case 'and':
    case 'or': {
      const absorbing = condition.op === 'or';
      const kept: UserCondition[] = [];
      for (const child of condition.conditions.map(foldConstants)) {
        if (child.op === 'const') {
          if (child.value === absorbing) return child;
          continue;
        }
        kept.push(child);
      }
      if (kept.length === 0) return { op: 'const', value: !absorbing };
      return kept.length === 1 ? (kept[0] as UserCondition) : { op: condition.op, conditions: kept };
    }
    case 'not': {
      const inner = foldConstants(condition.condition);
      return inner.op === 'const' ? { op: 'const', value: !inner.value } : { op: 'not', condition: inner };
    }
    default:
      return condition;
  }
}
