import { exactLookups } from './filter-cost.js';
import { type FilterGrammar, type ListFilter, type ListFilterResult, costTree, parseListFilter } from './list-filter.js';
import { foldedKey } from './names.js';

/**
 * The v1 `filter` parameter on identity lists (SCIM grammar, see list-filter.ts), narrowed to
 * what is indexed.
 */
export type IdentityFilterField = 'id' | 'display_name' | 'username' | 'email' | 'external_id';
export type IdentityFilterOp = 'eq' | 'co' | 'sw';

export type IdentityFilter = ListFilter<IdentityFilterField, IdentityFilterOp>;
export type FilterParseResult = ListFilterResult<IdentityFilter>;
export { canonicalFilter } from './list-filter.js';

const IDENTITY_GRAMMAR: FilterGrammar<IdentityFilterField, IdentityFilterOp> = {
  fields: {
    id: 'id',
    display_name: 'display_name',
    'traits.username': 'username',
    'traits.primary_email_address': 'email',
    'traits.external_id': 'external_id',
  },
  ops: ['eq', 'co', 'sw'],
  comparable,
  indexed: 'eq and sw on id, display_name, traits.username, traits.primary_email_address and traits.external_id are answered from indexes',
};

export function parseIdentityFilter(text: string): FilterParseResult {
  return parseListFilter(text, IDENTITY_GRAMMAR);
}

/** True when indexes answer the filter by exact lookups (`eq`; `co` and `sw` may read the whole realm). */
export function identityFilterIsLookup(filter: IdentityFilter): boolean {
  return exactLookups(costTree(filter, IDENTITY_GRAMMAR));
}

/**
 * Puts the value in the form its column is stored in: usernames, emails and display names compare
 * case-insensitively through their folded key; ids are lower-case hex; external ids are the
 * client's own and compare exactly (SCIM's `externalId` is caseExact).
 */
function comparable(field: IdentityFilterField, value: string): string {
  switch (field) {
    case 'id':
      return value.toLowerCase();
    case 'external_id':
      return value;
    default:
      return foldedKey(value);
  }
}

/** The filter that finds identities whose `field` equals `value` exactly as a v1 `eq` would (an upstream's claim, say). */
export function identityEquals(field: Exclude<IdentityFilterField, 'display_name'>, value: string): IdentityFilter {
  return { op: 'eq', field, value: comparable(field, value) };
}
