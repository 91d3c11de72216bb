import type { Identity } from '../../domain/directory/identity.js';
import type { Grantor } from '../../domain/access/scopes.js';
import { type UserCondition, type UserSort, userCostTree } from '../../domain/directory/user-query.js';
import { exactLookups } from '../../domain/directory/filter-cost.js';
import type { Yonder } from '../context.js';
import type { FoundUser } from '../../store/directory/scim-users.js';
import { type RealmRef, createIdentity, deleteIdentity, getIdentity, updateIdentity } from './identities.js';
import { readProvingRealm, requireRealm } from './tenancy-lookup.js';
import { USER_SCHEMA } from '../../protocols/scim/schema.js';
import { orFail } from '../../protocols/scim/problems.js';
import { expectedVersions } from '../../protocols/scim/etag.js';
import { applyPatch, parsePatchRequest } from '../../protocols/scim/user-patch.js';
import { type UserGroup, identityToScimUser, scimUserToWrite, writeAsPatch } from '../../protocols/scim/user-mapping.js';

/**
 * The User use cases behind `/Users` and `/Bulk`: SCIM bodies read into the changes the
 * identities service makes for every door (v1, SCIM, CLI), so each write is checked, granted and
 * recorded in one place. Every write increments the identity's version; `ifMatch` (from
 * `If-Match` or a bulk operation's `version`) refuses to write over a version the client has not seen.
 */

export async function createUser(y: Yonder, ref: RealmRef, body: unknown): Promise<Identity> {
  const write = orFail(scimUserToWrite(body));
  // A username taken in any case is a `conflict`, which the SCIM edge answers 409 `uniqueness`.
  return createIdentity(y, ref, { display_name: write.display_name, ...(write.status ? { status: write.status } : {}), traits: write.traits });
}

export const getUser = getIdentity;

/**
 * The groups of each identity (SCIM's read-only `groups`), in one query for a whole page. Group
 * ids and names only: enough for `value`, `$ref` and `display`.
 */
export async function groupsOfUsers(y: Yonder, identityIds: readonly string[]): Promise<Map<string, UserGroup[]>> {
  return y.store.scimGroups.groupsOf(identityIds);
}

export interface UserSearch {
  filter?: UserCondition;
  sort: UserSort;
  startIndex: number;
  count: number;
  /** Read each user's groups too (SCIM's `groups`), in the same query. */
  withGroups?: boolean;
}

export async function searchUsers(y: Yonder, ref: RealmRef, search: UserSearch): Promise<{ users: FoundUser[]; total: number }> {
  const skipped = search.startIndex - 1;
  const run = async () => {
    if (search.count === 0) return { users: [], total: await y.store.scimUsers.count(ref.realmId, search.filter) };
    const users = await y.store.scimUsers.search(ref.realmId, search.filter, search.sort, skipped, search.count, search.withGroups);
    // A page short of `count` ends the list, so it knows the total without counting (as long as it
    // holds someone, or skipped no one): an Okta or Entra lookup by userName is one query, not two.
    const endsTheList = users.length < search.count && (users.length > 0 || skipped === 0);
    return { users, total: endsTheList ? skipped + users.length : await y.store.scimUsers.count(ref.realmId, search.filter) };
  };
  // A lookup by userName, externalId or email (what Okta and Entra send) reads the realm only on a miss.
  if (search.filter && exactLookups(userCostTree(search.filter))) {
    return readProvingRealm(y.store, ref.tenantId, ref.realmId, run, (found) => found.users.map((user) => user.identity));
  }
  await requireRealm(y.store, ref.tenantId, ref.realmId);
  return run();
}

/**
 * PUT replaces every attribute (RFC 7644 §3.5.1); `meta.created` and the id stay. When `active`
 * is absent the status is kept: a replace that says nothing about it must not reactivate a
 * suspended user.
 */
export function replaceUser(y: Yonder, ref: RealmRef, id: string, body: unknown, caller: Grantor, ifMatch?: string): Promise<Identity> {
  const write = orFail(scimUserToWrite(body));
  return updateIdentity(y, ref, id, (current) => writeAsPatch(current, write), caller, { expectedVersions: expectedVersions(ifMatch) });
}

export function patchUser(y: Yonder, ref: RealmRef, id: string, body: unknown, caller: Grantor, ifMatch?: string): Promise<Identity> {
  const operations = orFail(parsePatchRequest(body));
  const decide = (current: Identity) => {
    const patched = orFail(applyPatch(identityToScimUser(current, ''), operations, USER_SCHEMA));
    return writeAsPatch(current, orFail(scimUserToWrite(patched, current)));
  };
  return updateIdentity(y, ref, id, decide, caller, { expectedVersions: expectedVersions(ifMatch) });
}

export function deleteUser(y: Yonder, ref: RealmRef, id: string, ifMatch?: string): Promise<void> {
  return deleteIdentity(y, ref, id, { expectedVersions: expectedVersions(ifMatch) });
}
