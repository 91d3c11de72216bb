import type { AuditEvent } from '../../domain/audit/audit-event.js';
import { invalidField } from '../../domain/errors.js';
import type { Yonder } from '../context.js';
import { requireRealm, requireTenant } from '../directory/tenancy-lookup.js';
import { parseTime } from './events.js';

/** Events read per query: what an export holds in memory at once. */
const EXPORT_PAGE = 500;

export interface ExportScope {
  tenantId: string;
  /** One realm's events; absent: the whole tenant's. */
  realmId?: string;
}

export interface ExportWindow {
  /** RFC 3339: events at or after. */
  since: string;
  /** RFC 3339: events before. */
  until: string;
}

/** The window as stored times (UTC, milliseconds), `since` not after `until`. */
export function exportWindow(since: string, until: string): ExportWindow {
  const window = { since: parseTime('since', since), until: parseTime('until', until) };
  if (window.since > window.until) throw invalidField('until', 'must not be before since');
  return window;
}

/**
 * Every event of `scope` created in `window`, oldest first (by id), handed to `write` one at a time; a
 * page is read only once the previous one is written, so an export of any size holds one page.
 * Answers how many were written.
 */
export async function exportEvents(
  y: Yonder,
  scope: ExportScope,
  window: ExportWindow,
  write: (event: AuditEvent) => Promise<void> | void,
): Promise<number> {
  if (scope.realmId !== undefined) await requireRealm(y.store, scope.tenantId, scope.realmId);
  else await requireTenant(y.store, scope.tenantId);
  let after: string | null = null;
  let written = 0;
  for (;;) {
    const page = await y.store.auditEvents.exportPage(scope, window, after, EXPORT_PAGE);
    for (const event of page) {
      await write(event);
      written++;
    }
    after = page.at(-1)?.id ?? null;
    if (page.length < EXPORT_PAGE) return written;
  }
}
