import { afterAll, beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR, newEventId } from '../../src/domain/audit/audit-event.js';
import { pruneEvents } from '../../src/services/audit/retention.js';
import { TestYonder, describeApi } from '../support/harness.js';

const DAY = 24 * 3600 * 1000;

/** Retention: the prune job deletes exactly the events older than the retention period, in batches. */
describeApi('events: retention', () => {
  let y: TestYonder;
  beforeAll(async () => {
    y = await TestYonder.start();
  });
  afterAll(async () => y?.close());

  async function seed(ageDays: number[], now: number): Promise<string[]> {
    const events = ageDays.map((age, i) => {
      const at = now - age * DAY;
      // An id of the event's own millisecond, as one recorded then would have (newEventId never
      // goes back in time within a process, so it cannot make one in the past after real events).
      const time = at.toString(16).padStart(12, '0');
      return {
        id: `${time.slice(0, 8)}-${time.slice(8)}${newEventId().slice(13)}`,
        tenant_id: y.tenantId,
        realm_id: y.realmId,
        type: 'identity.updated',
        resource_type: 'identity',
        resource_id: `seeded-${i}`,
        actor: SYSTEM_ACTOR,
        address: null,
        request_id: null,
        before: null,
        after: { age },
        create_time: new Date(at).toISOString(),
      };
    });
    await y.yonder.store.auditEvents.insert(events);
    return events.map((e) => e.resource_id);
  }

  it('deletes exactly the events older than AUDIT_RETENTION_DAYS, in several batches, and nothing newer', async () => {
    const now = Date.now();
    // 25 events past the 90 days (one just past), 5 inside it (one just inside), around real events.
    const old = Array.from({ length: 24 }, (_, i) => 91 + i * 10).concat([90 + 1 / 24]);
    const young = [0, 1, 30, 89, 90 - 1 / 24];
    const ids = await seed([...old, ...young], now);
    const real = await y.createIdentity('stays');
    const before = await y.yonder.store.auditEvents.count(y.realmId, {});

    expect(y.yonder.config.auditRetentionDays).toBe(90);
    const result = await pruneEvents(y.yonder, { now, batchSize: 7 });
    expect(result.deleted).toBe(old.length);
    expect(result.cutoff).toBe(new Date(now - 90 * DAY).toISOString());

    const left = await y.yonder.store.auditEvents.page(y.realmId, {}, '', 0, 1000);
    expect(left).toHaveLength(before - old.length);
    const leftIds = new Set(left.map((e) => e.resource_id));
    ids.forEach((id, i) => {
      expect(leftIds.has(id), `seeded event aged ${[...old, ...young][i]} days`).toBe(i >= old.length);
    });
    expect(leftIds.has(real.id)).toBe(true);

    // Run again: nothing more to do.
    expect((await pruneEvents(y.yonder, { now, batchSize: 7 })).deleted).toBe(0);
  });

  it('0 days keeps every event', async () => {
    await seed([4000], Date.now());
    const config = { ...y.yonder.config, auditRetentionDays: 0 };
    expect(await pruneEvents({ ...y.yonder, config })).toEqual({ deleted: 0, cutoff: null });
    expect(await y.yonder.store.auditEvents.count(y.realmId, { type: 'identity.updated', until: '2020-01-01T00:00:00.000Z' })).toBe(1);
  });
});
