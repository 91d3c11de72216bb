import { DomainError, type VersionCheck, assertExpectedVersion, invalidField, notFound } from '../../domain/errors.js';
import {
  type Identity,
  type IdentityPatch,
  type NewIdentityInput,
  applyIdentityPatch,
  assertValidIdentity,
  newTraits,
} from '../../domain/directory/identity.js';
import { type IdentityFilter, canonicalFilter, identityFilterIsLookup, parseIdentityFilter } from '../../domain/directory/identity-filter.js';
import { newId } from '../../domain/ids.js';
import type { Grantor } from '../../domain/access/scopes.js';
import { nowTimestamp } from '../../domain/time.js';
import type { Repositories } from '../../store/index.js';
import { IdentityIdTaken } from '../../store/directory/identities.js';
import { changeEvent, eventFor, recordEvent, recordEvents } from '../audit/audit.js';
import type { Yonder } from '../context.js';
import { newRealmResource } from '../realm-resource.js';
import { assertMayMoveMail } from '../access/grants.js';
import { type ListParams, type Page, listPage } from '../paging.js';
import { readProvingRealm, requireRealm, requireRealmToInsertInto } from './tenancy-lookup.js';

export interface RealmRef {
  tenantId: string;
  realmId: string;
}

export async function createIdentity(y: Yonder, ref: RealmRef, input: NewIdentityInput): Promise<Identity> {
  await requireRealmToInsertInto(y.store, ref.tenantId, ref.realmId);
  // Not in a transaction of its own: the store commits concurrent creates together, each with its
  // event (see store/engine/group-commit.ts).
  return insertIdentity(y.store, ref, input);
}

/**
 * Checks and inserts one identity with its event, through the repositories given: a transaction,
 * or the store itself, which writes the two together (and with other concurrent creates).
 */
export async function insertIdentity(repos: Repositories, ref: RealmRef, input: NewIdentityInput): Promise<Identity> {
  const identity: Identity = {
    ...newRealmResource(ref, newId()),
    display_name: input.display_name,
    status: input.status ?? 'active',
    traits: newTraits(input.traits),
    enrollment_status: 'UNENROLLED',
    version: 1,
  };
  assertValidIdentity(identity);
  return storeNewIdentity(repos, identity);
}

/**
 * Writes a new identity with the event of its creation. Should its id be taken (a same-millisecond
 * draw in another process; see domain/ids.ts), it draws another: the caller never sees that.
 */
export async function storeNewIdentity(repos: Repositories, identity: Identity): Promise<Identity> {
  let current = identity;
  for (let attempt = 1; ; attempt++) {
    try {
      await repos.identities.insert(current, eventFor(changeEvent('identity.created', 'identity', null, current)));
      return current;
    } catch (error) {
      if (!(error instanceof IdentityIdTaken) || attempt >= 3) throw error;
      current = { ...current, id: newId() };
    }
  }
}

export async function getIdentity(y: Yonder, ref: RealmRef, id: string): Promise<Identity> {
  // One query when the identity is there: its row, of this realm and tenant, proves the realm is
  // too (identities are only ever created after their realm was checked against the tenant). Only
  // a miss asks which of the two is missing.
  const identity = await y.store.identities.get(ref.realmId, id);
  if (identity && identity.tenant_id === ref.tenantId) return identity;
  await requireRealm(y.store, ref.tenantId, ref.realmId);
  throw notFound('Identity', id);
}

export async function listIdentities(y: Yonder, ref: RealmRef, params: ListParams & { filter?: string }): Promise<Page<Identity>> {
  let filter: IdentityFilter | undefined;
  if (params.filter !== undefined && params.filter.trim() !== '') {
    const parsed = parseIdentityFilter(params.filter);
    if (!parsed.ok) {
      await requireRealm(y.store, ref.tenantId, ref.realmId);
      throw invalidField('filter', parsed.description);
    }
    filter = parsed.filter;
  }
  const list = () =>
    listPage(
      params,
      { list: `identities:${ref.realmId}`, filter: canonicalFilter(filter), defaultPageSize: 20, maxPageSize: 200 },
      y.pageTokenKey,
      (after, offset, limit) => y.store.identities.page(ref.realmId, filter, after, offset, limit),
      () => y.store.identities.count(ref.realmId, filter),
    );
  // A lookup by username, email or external id (the commonest list) reads the realm only on a miss.
  if (filter && identityFilterIsLookup(filter)) return readProvingRealm(y.store, ref.tenantId, ref.realmId, list, (page) => page.items);
  await requireRealm(y.store, ref.tenantId, ref.realmId);
  return list();
}

/**
 * Changes one identity, for every door: v1's PATCH gives the patch; SCIM's PUT and PATCH compute
 * it from the identity as it is, read locked in the same transaction. `check` refuses a write over
 * a version the client has not seen (SCIM's If-Match). Moving the mail of an identity that holds
 * management scopes is a grant the caller must be able to make (403).
 */
export async function updateIdentity(
  y: Yonder,
  ref: RealmRef,
  id: string,
  change: IdentityPatch | ((current: Identity) => IdentityPatch),
  caller: Grantor,
  check: VersionCheck = {},
): Promise<Identity> {
  return y.store.transaction(async (tx) => {
    await requireRealm(tx, ref.tenantId, ref.realmId);
    const current = await tx.identities.getForUpdate(ref.realmId, id);
    if (!current) throw notFound('Identity', id);
    assertExpectedVersion('Identity', current.version, check);
    const patch = typeof change === 'function' ? change(current) : change;
    const updated = applyIdentityPatch(current, patch, nowTimestamp());
    assertValidIdentity(updated, 'identity', current);
    await assertMayMoveMail(tx, ref.realmId, caller, current, updated);
    await tx.identities.update(updated);
    await recordEvent(tx, changeEvent('identity.updated', 'identity', current, updated));
    return updated;
  });
}

export async function deleteIdentity(y: Yonder, ref: RealmRef, id: string, check: VersionCheck = {}): Promise<void> {
  await y.store.transaction(async (tx) => {
    await requireRealm(tx, ref.tenantId, ref.realmId);
    // The identity's groups lose a member: their versions (SCIM ETags) change with it. Group rows
    // are locked before the identity's, the order a group write takes them in (group row, then
    // the member identities' keys), so the two cannot deadlock on PostgreSQL.
    await tx.groups.touchGroupsOf([id]);
    const current = await tx.identities.getForUpdate(ref.realmId, id);
    if (!current) throw notFound('Identity', id);
    assertExpectedVersion('Identity', current.version, check);
    await tx.identities.delete(ref.realmId, [id]);
    await recordEvent(tx, changeEvent('identity.deleted', 'identity', current, null));
  });
}

/**
 * Deletes 1–1000 identities all-or-nothing: if any id is not an identity of this realm, nothing is
 * deleted and the answer lists the unknown ids (the contract's `BatchOperationErrors`).
 */
export async function batchDeleteIdentities(y: Yonder, ref: RealmRef, ids: readonly string[]): Promise<void> {
  if (new Set(ids).size !== ids.length) throw invalidField('ids', 'duplicate ids');
  await y.store.transaction(async (tx) => {
    await requireRealm(tx, ref.tenantId, ref.realmId);
    await tx.groups.touchGroupsOf(ids);
    const before = await tx.identities.getMany(ref.realmId, ids);
    const deleted = new Set(await tx.identities.delete(ref.realmId, ids));
    const missing = ids.filter((id) => !deleted.has(id));
    if (missing.length > 0) {
      throw new DomainError('not_found', 'identities not found', [
        {
          type: 'BatchOperationErrors',
          description: 'errors encountered performing batch operation',
          errors: [{ Description: 'identities not found', IDs: missing, ResourceType: 'Identity' }],
        },
      ]);
    }
    await recordEvents(
      tx,
      before.filter((identity) => deleted.has(identity.id)).map((identity) => changeEvent('identity.deleted', 'identity', identity, null)),
    );
  });
}
