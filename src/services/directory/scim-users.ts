import type { Identity } from '../../domain/directory/identity.js';
import { newId } from '../../domain/ids.js';
import type { Grantor } from '../../domain/access/scopes.js';
import { nowTimestamp } from '../../domain/time.js';
import type { UserCondition, UserSort } from '../../domain/directory/user-query.js';
import { changeEvent, recordEvent } from '../audit/audit.js';
import type { Yonder } from '../context.js';
import { assertMayMoveMail } from '../access/grants.js';
import { type RealmRef, storeNewIdentity } from './identities.js';
import { requireRealm } from './tenancy.js';
import type { Repositories } from '../../store/index.js';
import { USER_SCHEMA } from '../../protocols/scim/schema.js';
import { ScimFailure, orFail } from '../../protocols/scim/problems.js';
import { applyPatch, parsePatchRequest } from '../../protocols/scim/user-patch.js';
import { type UserGroup, type UserWrite, identityToScimUser, scimUserToWrite } from '../../protocols/scim/user-mapping.js';

/**
 * The User use cases behind `/Users` and `/Bulk`. A SCIM User is an identity: these read and
 * write the same rows as the v1 identities API, through the same store, so both stay one truth.
 * Every write increments the identity's version; `ifMatch` (from `If-Match` or a bulk
 * operation's `version`) refuses to write over a version the client has not seen.
 */

export const userNotFound = (id: string) => new ScimFailure({ status: 404, detail: `User ${id} not found` });

/** True when an `If-Match` / `If-None-Match` header value names this version (or is `*`). */
export function etagMatches(header: string, version: number): boolean {
  return header
    .split(',')
    .map((t) => t.trim())
    .some((t) => t === '*' || t.replace(/^W\//, '').replace(/^"|"$/g, '') === String(version));
}

function checkVersion(identity: Identity, ifMatch: string | undefined): void {
  if (ifMatch !== undefined && !etagMatches(ifMatch, identity.version)) {
    throw new ScimFailure({ status: 412, detail: `the User has changed; its version is W/"${identity.version}"` });
  }
}

export async function createUser(y: Yonder, ref: RealmRef, body: unknown): Promise<Identity> {
  const write = orFail(scimUserToWrite(body));
  await requireRealm(y.store, ref.tenantId, ref.realmId);
  const now = nowTimestamp();
  const identity: Identity = {
    id: newId(),
    tenant_id: ref.tenantId,
    realm_id: ref.realmId,
    display_name: write.display_name,
    status: write.status ?? 'active',
    traits: write.traits,
    enrollment_status: 'UNENROLLED',
    create_time: now,
    update_time: now,
    version: 1,
  };
  // A username taken in any case is a `conflict`, which the SCIM edge answers 409 `uniqueness`.
  // Committed with other concurrent creates, each with its event (see store/engine/group-commit.ts).
  return storeNewIdentity(y.store, identity);
}

export async function getUser(y: Yonder, ref: RealmRef, id: string): Promise<Identity> {
  await requireRealm(y.store, ref.tenantId, ref.realmId);
  const identity = await y.store.identities.get(ref.realmId, id);
  if (!identity) throw userNotFound(id);
  return identity;
}

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
}

export async function searchUsers(y: Yonder, ref: RealmRef, search: UserSearch): Promise<{ users: Identity[]; total: number }> {
  await requireRealm(y.store, ref.tenantId, ref.realmId);
  const skipped = search.startIndex - 1;
  if (search.count === 0) return { users: [], total: await y.store.scimUsers.count(ref.realmId, search.filter) };
  const users = await y.store.scimUsers.search(ref.realmId, search.filter, search.sort, skipped, search.count);
  // A page short of `count` ends the list, so it knows the total without counting (as long as it
  // holds someone, or skipped no one): an Okta or Entra lookup by userName is one query, not two.
  const endsTheList = users.length < search.count && (users.length > 0 || skipped === 0);
  return { users, total: endsTheList ? skipped + users.length : await y.store.scimUsers.count(ref.realmId, search.filter) };
}

/**
 * Reads the identity locked for update, lets `decide` compute its new fields in memory, and
 * writes it once in the same transaction.
 */
async function rewrite(
  y: Yonder,
  ref: RealmRef,
  id: string,
  ifMatch: string | undefined,
  caller: Grantor,
  decide: (current: Identity) => UserWrite,
): Promise<Identity> {
  return y.store.transaction(async (tx: Repositories) => {
    await requireRealm(tx, ref.tenantId, ref.realmId);
    const current = await tx.identities.getForUpdate(ref.realmId, id);
    if (!current) throw userNotFound(id);
    checkVersion(current, ifMatch);
    const write = decide(current);
    const updated: Identity = {
      ...current,
      display_name: write.display_name,
      status: write.status ?? current.status,
      traits: write.traits,
      update_time: nowTimestamp(),
      version: current.version + 1,
    };
    await assertMayMoveMail(tx, ref.realmId, caller, current, updated);
    await tx.identities.update(updated);
    await recordEvent(tx, changeEvent('identity.updated', 'identity', current, updated));
    return updated;
  });
}

/**
 * PUT replaces every attribute (RFC 7644 §3.5.1); `meta.created` and the id stay. When `active`
 * is absent the status is kept: a replace that says nothing about it must not reactivate a
 * suspended user.
 */
export function replaceUser(y: Yonder, ref: RealmRef, id: string, body: unknown, caller: Grantor, ifMatch?: string): Promise<Identity> {
  const write = orFail(scimUserToWrite(body));
  return rewrite(y, ref, id, ifMatch, caller, () => write);
}

export function patchUser(y: Yonder, ref: RealmRef, id: string, body: unknown, caller: Grantor, ifMatch?: string): Promise<Identity> {
  const operations = orFail(parsePatchRequest(body));
  return rewrite(y, ref, id, ifMatch, caller, (current) => {
    const patched = orFail(applyPatch(identityToScimUser(current, ''), operations, USER_SCHEMA));
    return orFail(scimUserToWrite(patched, current));
  });
}

export async function deleteUser(y: Yonder, ref: RealmRef, id: string, ifMatch?: string): Promise<void> {
  await y.store.transaction(async (tx) => {
    await requireRealm(tx, ref.tenantId, ref.realmId);
    // The user's groups lose a member: their versions (ETags) change. Group rows are locked
    // before the identity's, the order a group PATCH takes them in (group row, then the member
    // identities' keys), so the two cannot deadlock on PostgreSQL.
    await tx.groups.touchGroupsOf([id]);
    const current = await tx.identities.getForUpdate(ref.realmId, id);
    if (!current) throw userNotFound(id);
    checkVersion(current, ifMatch);
    await tx.identities.delete(ref.realmId, [id]);
    await recordEvent(tx, changeEvent('identity.deleted', 'identity', current, null));
  });
}
