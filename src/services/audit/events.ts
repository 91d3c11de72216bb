import type { AuditEvent } from '../../domain/audit/audit-event.js';
import { invalidField } from '../../domain/errors.js';
import type { EventQuery } from '../../store/audit/audit-events.js';
import type { Yonder } from '../context.js';
import type { RealmRef } from '../directory/identities.js';
import { type ListParams, type Page, listPage } from '../paging.js';
import { requireRealm } from '../directory/tenancy-lookup.js';

/**
 * The audit trail of one realm, newest first. Tenant-wide events (the tenant renamed, a realm
 * created or deleted) belong to the tenant's admin realm and are listed there.
 */
export interface EventListParams extends ListParams, Partial<Record<keyof EventQuery, string>> {}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

/** An RFC 3339 time as stored (UTC, milliseconds), so text comparison is time comparison. */
export function parseTime(field: string, value: string): string {
  const ms = RFC3339.test(value) ? Date.parse(value.toUpperCase()) : Number.NaN;
  if (Number.isNaN(ms)) throw invalidField(field, 'must be an RFC 3339 time, e.g. 2026-11-28T09:30:00Z');
  return new Date(ms).toISOString();
}

function eventQuery(params: EventListParams): EventQuery {
  const query: EventQuery = {};
  for (const field of ['type', 'resource_type', 'resource_id', 'actor'] as const) {
    const value = params[field];
    if (value !== undefined && value !== '') query[field] = value;
  }
  if (params.since !== undefined && params.since !== '') query.since = parseTime('since', params.since);
  if (params.until !== undefined && params.until !== '') query.until = parseTime('until', params.until);
  if (query.since !== undefined && query.until !== undefined && query.since > query.until) {
    throw invalidField('until', 'must not be before since');
  }
  return query;
}

/** The filter as fixed text, locked into the page token like every list's filter. */
function canonical(query: EventQuery): string {
  const keys = ['type', 'resource_type', 'resource_id', 'actor', 'since', 'until'] as const;
  return JSON.stringify(keys.map((k) => query[k] ?? null));
}

export async function listEvents(y: Yonder, ref: RealmRef, params: EventListParams): Promise<Page<AuditEvent>> {
  await requireRealm(y.store, ref.tenantId, ref.realmId);
  const query = eventQuery(params);
  return listPage(
    params,
    { list: `events:${ref.realmId}`, filter: canonical(query), defaultPageSize: 20, maxPageSize: 200 },
    y.pageTokenKey,
    // The cursor holds the last (oldest) id of the page; the next page continues below it.
    (before, offset, limit) => y.store.auditEvents.page(ref.realmId, query, before, offset, limit),
    () => y.store.auditEvents.count(ref.realmId, query),
  );
}
