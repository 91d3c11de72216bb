import { invalidField } from '../domain/errors.js';
import { type PageCursor, decodePageToken, encodePageToken } from '../domain/page-token.js';
import type { Yonder } from './context.js';
import { requireRealm } from './directory/tenancy-lookup.js';

/** The v1 list parameters, as every list endpoint takes them. */
export interface ListParams {
  page_size?: number;
  page_token?: string;
  skip?: number;
}

export interface ListSpec {
  /** Names the list, e.g. `identities:<realm_id>`, so a token cannot be replayed on another list. */
  list: string;
  /** Canonical filter text; a token only continues the filter it was issued for. */
  filter: string;
  defaultPageSize: number;
  maxPageSize: number;
}

export interface Page<T> {
  items: T[];
  total_size: number;
  next_page_token?: string;
}

/** Fetches up to `limit` items after `afterId` (exclusive, in id order), skipping `offset`. */
export type PageFetcher<T> = (afterId: string, offset: number, limit: number) => Promise<T[]>;

/**
 * Runs one page of a keyset-paged list. The page size comes from the request, else the token,
 * else the default, and is capped at the maximum (Beyond Identity's clients ask for up to 500).
 * `skip` is never carried in the token, as the contract says.
 */
export async function listPage<T extends { id: string }>(
  params: ListParams,
  spec: ListSpec,
  key: Buffer,
  fetch: PageFetcher<T>,
  count: () => Promise<number>,
): Promise<Page<T>> {
  let cursor: PageCursor | null = null;
  if (params.page_token !== undefined && params.page_token !== '') {
    cursor = decodePageToken(params.page_token, key, Math.floor(Date.now() / 1000));
    if (!cursor || cursor.list !== spec.list) throw invalidField('page_token', 'invalid page token');
    if (cursor.filter !== spec.filter) throw invalidField('filter', 'filter does not match the page token');
  }
  const requested = params.page_size || cursor?.page_size || spec.defaultPageSize;
  const pageSize = Math.min(requested, spec.maxPageSize);
  const after = cursor?.after ?? '';
  const skip = params.skip ?? 0;
  const fetched = await fetch(after, skip, pageSize + 1);
  const items = fetched.slice(0, pageSize);
  const last = items[items.length - 1];
  // A first page that holds the end of the list already knows the total: every match was either
  // skipped (and there were that many, since some followed) or is on it. A filter that finds one
  // identity by username, the commonest list of all, then costs one query instead of two.
  const wholeList = after === '' && fetched.length <= pageSize && (skip === 0 || fetched.length > 0);
  const page: Page<T> = { items, total_size: wholeList ? skip + fetched.length : await count() };
  if (fetched.length > pageSize && last) {
    page.next_page_token = encodePageToken(
      { list: spec.list, filter: spec.filter, after: last.id, page_size: pageSize, iat: Math.floor(Date.now() / 1000) },
      key,
    );
  }
  return page;
}

/** A repository of rows one owner holds (a realm, a tenant, a resource server), paged by id. */
export interface OwnedRows<T> {
  page(ownerId: string, afterId: string, offset: number, limit: number): Promise<T[]>;
  count(ownerId: string): Promise<number>;
}

/** One page of every row `ownerId` holds in `rows`, unfiltered: the list `<list>:<ownerId>`. */
export function listOwned<T extends { id: string }>(
  params: ListParams,
  key: Buffer,
  rows: OwnedRows<T>,
  ownerId: string,
  spec: Omit<ListSpec, 'filter'>,
): Promise<Page<T>> {
  return listPage(
    params,
    { ...spec, list: `${spec.list}:${ownerId}`, filter: '' },
    key,
    (after, offset, limit) => rows.page(ownerId, after, offset, limit),
    () => rows.count(ownerId),
  );
}

/** One page of every row a realm holds in `rows`, once the realm is known to be the tenant's (a 404 when not). */
export async function listOfRealm<T extends { id: string }>(
  y: Yonder,
  ref: { tenantId: string; realmId: string },
  rows: OwnedRows<T>,
  params: ListParams,
  spec: Omit<ListSpec, 'filter'>,
): Promise<Page<T>> {
  await requireRealm(y.store, ref.tenantId, ref.realmId);
  return listOwned(params, y.pageTokenKey, rows, ref.realmId, spec);
}
