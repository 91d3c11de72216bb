import { afterAll, beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR, eventIdFloor } from '../../src/domain/audit/audit-event.js';
import type { AuditEvent } from '../../src/domain/audit/audit-event.js';
import { exportEvents, exportWindow } from '../../src/services/audit/export.js';
import { TestYonder, describeApi } from '../support/harness.js';

/** `yonder events export`'s reading: the exact window, oldest first, across pages, a tenant's or one realm's. */
describeApi('events: export', () => {
  let y: TestYonder;
  const base = Date.parse('2026-03-01T00:00:00.000Z');
  const seeded: AuditEvent[] = [];
  beforeAll(async () => {
    y = await TestYonder.start();
    // 30 events a minute apart, alternating between two realms of the tenant.
    for (let i = 0; i < 30; i++) {
      const at = base + i * 60_000;
      seeded.push({
        // An id of the event's own millisecond, as a create makes it (newEventId never goes back in time).
        id: `${eventIdFloor(at)}-7000-8000-${i.toString(16).padStart(12, '0')}`,
        tenant_id: y.tenantId,
        realm_id: i % 2 === 0 ? y.realmId : y.adminRealmId,
        type: 'identity.updated',
        resource_type: 'identity',
        resource_id: `exported-${i}`,
        actor: SYSTEM_ACTOR,
        address: null,
        request_id: null,
        before: null,
        after: { i },
        create_time: new Date(at).toISOString(),
      });
    }
    await y.yonder.store.auditEvents.insert(seeded);
  });
  afterAll(async () => y?.close());

  async function exported(since: string, until: string, realmId?: string): Promise<string[]> {
    const ids: string[] = [];
    const scope = realmId === undefined ? { tenantId: y.tenantId } : { tenantId: y.tenantId, realmId };
    const written = await exportEvents(y.yonder, scope, exportWindow(since, until), (event) => void ids.push(event.id), { pageSize: 4 });
    expect(written).toBe(ids.length);
    return ids;
  }

  it('writes exactly the events created in [since, until), oldest first, across pages', async () => {
    const since = new Date(base + 5 * 60_000).toISOString();
    const until = new Date(base + 20 * 60_000).toISOString();
    expect(await exported(since, until)).toEqual(seeded.slice(5, 20).map((e) => e.id));
    expect(await exported(since, until, y.realmId)).toEqual(
      seeded
        .slice(5, 20)
        .filter((_, i) => (i + 5) % 2 === 0)
        .map((e) => e.id),
    );
    expect(await exported('2020-01-01T00:00:00Z', '2020-01-02T00:00:00Z')).toEqual([]);
  });

  it('refuses a window that ends before it starts, and an unknown realm', async () => {
    expect(() => exportWindow('2026-03-02T00:00:00Z', '2026-03-01T00:00:00Z')).toThrow();
    await expect(exported('2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z', 'no-such-realm')).rejects.toThrow();
  });
});
