import pg from 'pg';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { changeEvent, eventFor } from '../../src/services/audit/audit.js';
import type { Identity } from '../../src/domain/directory/identity.js';
import { newId } from '../../src/domain/ids.js';
import { createIdentity, storeNewIdentity } from '../../src/services/directory/identities.js';
import { TestYonder, describeApi, engine } from '../support/harness.js';

/**
 * Concurrent creates are committed together (src/store/engine/group-commit.ts). These calls all start in
 * one turn of the event loop, so they share batches: each must still get exactly the answer a lone
 * create would have given it.
 */
describeApi('identities: concurrent creates committed together each get their own answer', () => {
  let y: TestYonder;
  beforeAll(async () => {
    y = await TestYonder.start();
  });
  afterAll(async () => y?.close());

  const create = (username: string, realmId = y.realmId) =>
    createIdentity(y.yonder, { tenantId: y.tenantId, realmId }, { display_name: username, traits: { type: 'traits_v0', username } }).then(
      (identity) => ({ ok: true as const, identity }),
      (error: { code?: string }) => ({ ok: false as const, code: error.code }),
    );

  /** An identity row as the store takes it: for creates sent straight to the store, past the service. */
  const row = (username: string, realmId: string) => {
    const now = new Date().toISOString();
    return {
      id: newId(),
      tenant_id: y.tenantId,
      realm_id: realmId,
      display_name: username,
      status: 'active' as const,
      traits: { type: 'traits_v0' as const, username },
      enrollment_status: 'UNENROLLED' as const,
      create_time: now,
      update_time: now,
      version: 1,
    };
  };

  it('300 distinct usernames created at once are all written and all readable', async () => {
    const results = await Promise.all(Array.from({ length: 300 }, (_, i) => create(`gc-distinct-${i}`)));
    expect(results.every((r) => r.ok)).toBe(true);
    const ids = new Set(results.map((r) => (r.ok ? r.identity.id : '')));
    expect(ids.size).toBe(300);
    for (const r of results.slice(0, 5)) {
      if (r.ok) expect((await y.request('GET', y.realmPath(`/identities/${r.identity.id}`))).status).toBe(200);
    }
  });

  it('in one batch, a username already taken fails only its own create', async () => {
    expect((await create('gc-taken')).ok).toBe(true);
    const results = await Promise.all([create('gc-a'), create('GC-TAKEN'), create('gc-b')]);
    expect(results.map((r) => (r.ok ? 'ok' : r.code))).toEqual(['ok', 'conflict', 'ok']);
  });

  it('in one batch, the same username twice (by folded key) gives one success and one conflict', async () => {
    const [twin1, other, twin2, twin3] = await Promise.all([create('gc-twin'), create('gc-other'), create('GC-Twin'), create('gc-twin')]);
    expect(other?.ok).toBe(true);
    // Which twin wins depends on which realm check came back first (on PostgreSQL they run on
    // different connections); exactly one does.
    const twins = [twin1, twin2, twin3].map((r) => (r?.ok ? 'ok' : r?.code)).sort();
    expect(twins).toEqual(['conflict', 'conflict', 'ok']);
  });

  it('a create whose drawn id is already taken draws another, alone or within a batch', async () => {
    const ref = { tenantId: y.tenantId, realmId: y.realmId };
    const taken = await createIdentity(y.yonder, ref, { display_name: 'holder', traits: { type: 'traits_v0', username: 'gc-id-holder' } });
    const clash = (username: string): Identity => ({ ...taken, display_name: username, traits: { type: 'traits_v0', username } });
    const alone = await storeNewIdentity(y.yonder.store, clash('gc-id-alone'));
    const batch = await Promise.all([
      createIdentity(y.yonder, ref, { display_name: 'x', traits: { type: 'traits_v0', username: 'gc-id-batch-1' } }),
      storeNewIdentity(y.yonder.store, clash('gc-id-batch-2')),
      createIdentity(y.yonder, ref, { display_name: 'x', traits: { type: 'traits_v0', username: 'gc-id-batch-3' } }),
    ]);
    const written = [alone, ...batch];
    expect(new Set([taken.id, ...written.map((i) => i.id)]).size).toBe(5);
    for (const identity of [taken, ...written]) {
      const reply = await y.request('GET', y.realmPath(`/identities/${identity.id}`));
      expect(reply.status).toBe(200);
      expect(reply.body.traits.username).toBe(identity.traits.username);
    }
    // Each got exactly one creation event, under the id it was finally written with.
    const events = await createdEvents();
    for (const identity of written) {
      expect(events.filter((e) => e.after.traits.username === identity.traits.username).map((e) => e.resource_id)).toEqual([identity.id]);
    }
  });

  /** The identity.created events of the realm, oldest first, as the events API lists them. */
  async function createdEvents(): Promise<{ resource_id: string; after: { traits: { username: string } } }[]> {
    const events = [];
    let token = '';
    do {
      const reply = await y.request('GET', y.realmPath(`/events?type=identity.created&page_size=200${token && `&page_token=${token}`}`));
      expect(reply.status, reply.text).toBe(200);
      events.push(...reply.body.events);
      token = reply.body.next_page_token ?? '';
    } while (token);
    return events.reverse();
  }

  it('in one batch, every create written has its identity.created event and a conflicting one has none', async () => {
    expect((await create('gc-ev-taken')).ok).toBe(true);
    const before = await createdEvents();
    const usernames = [...Array.from({ length: 20 }, (_, i) => `gc-ev-${i}`), 'GC-EV-TAKEN', 'gc-ev-twin', 'GC-EV-Twin'];
    const results = await Promise.all(usernames.map((u) => create(u)));
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.code))).toEqual(['conflict', 'conflict']);

    const after = await createdEvents();
    const fresh = after.slice(before.length);
    const written = results.flatMap((r) => (r.ok ? [r.identity] : []));
    expect(fresh.map((e) => e.resource_id).sort()).toEqual(written.map((i) => i.id).sort());
    for (const identity of written) {
      expect(fresh.find((e) => e.resource_id === identity.id)?.after.traits.username).toBe(identity.traits.username);
    }
    expect(fresh.map((e) => e.after.traits.username)).not.toContain('GC-EV-TAKEN');
  });

  it('in one batch, a create into a realm that does not exist gets 404 and the others are written', async () => {
    const results = await Promise.all([create('gc-r1'), create('gc-r2', '0000000000000000'), create('gc-r3')]);
    expect(results.map((r) => (r.ok ? 'ok' : r.code))).toEqual(['ok', 'not_found', 'ok']);
  });

  it('a realm deleted after its check fails the batch statement; row by row, each gets its own answer', async () => {
    // Goes straight to the store, past the realm check, as a create racing a realm delete would.
    const identities = [row('gc-fk-1', y.realmId), row('gc-fk-2', 'ffffffffffffffff'), row('gc-fk-3', y.realmId)];
    const results = await Promise.all(
      identities.map((identity) =>
        y.yonder.store.identities.insert(identity, eventFor(changeEvent('identity.created', 'identity', null, identity))).then(
          () => 'ok',
          (error: { code?: string }) => error.code,
        ),
      ),
    );
    expect(results).toEqual(['ok', 'not_found', 'ok']);
    const list = await y.request('GET', y.realmPath('/identities?filter=traits.username sw "gc-fk-"'));
    expect(list.body.total_size).toBe(2);
    // Each written row has its event; the failed one has none (in no realm: its realm never was).
    const events = (await createdEvents()).filter((e) => e.after.traits.username.startsWith('gc-fk-'));
    expect(events.map((e) => e.after.traits.username).sort()).toEqual(['gc-fk-1', 'gc-fk-3']);
    expect(await y.yonder.store.auditEvents.count('ffffffffffffffff', {})).toBe(0);
  });

  it('lone events written together: when their shared statement fails, each is written on its own and only the bad one fails', async () => {
    const written = await create('gc-lone-events');
    if (!written.ok) throw new Error('create failed');
    const identity = written.identity;
    const event = () => eventFor(changeEvent('identity.updated', 'identity', identity, identity));
    const first = event();
    await y.yonder.store.auditEvents.insert([first]);
    // Sent in one turn, so they share a batch; the second repeats an id already written, which
    // fails the batch's one INSERT.
    const batch = [event(), { ...event(), id: first.id }, event()];
    const outcomes = await Promise.all(
      batch.map((e) =>
        y.yonder.store.auditEvents.insert([e]).then(
          () => 'ok',
          () => 'failed',
        ),
      ),
    );
    expect(outcomes).toEqual(['ok', 'failed', 'ok']);
    const recorded = await y.yonder.store.auditEvents.page(y.realmId, { resource_id: identity.id, type: 'identity.updated' }, '', 0, 10);
    expect(recorded.map((e) => e.id).sort()).toEqual([first.id, batch[0]!.id, batch[2]!.id].sort());
  });

  // On PostgreSQL up to four batches are in flight on the pool; SQLite has one connection and
  // writes one batch at a time (the queue's unit test covers creates waiting for the next one).
  it.skipIf(engine !== 'postgres')(
    'creates arriving while a batch is held in flight are written by other batches meanwhile (PostgreSQL only: SQLite writes one batch at a time)',
    async () => {
      // A second realm whose row another connection holds FOR UPDATE: inserting an identity into it
      // needs a key-share lock on that row for the foreign key, so its batch waits, in flight.
      const held = (await y.request('POST', `/v1/tenants/${y.tenantId}/realms`, { body: { realm: { display_name: 'Held' } } })).body.id;
      const blocker = new pg.Client({ connectionString: y.yonder.config.databaseUrl, options: `-c search_path=${y.databaseLocation.pgSchema}` });
      await blocker.connect();
      try {
        await blocker.query('begin');
        await blocker.query('select id from realms where id = $1 for update', [held]);
        let heldSettled = false;
        const heldRows = ['gc-held-1', 'gc-held-2', 'gc-held-3'].map((username) => row(username, held));
        // Submitted in one turn, straight to the store: one batch.
        const heldBatch = Promise.all(heldRows.map((row) => y.yonder.store.identities.insert(row, null))).finally(() => (heldSettled = true));
        await vi.waitFor(
          async () => {
            // The statistics snapshot is taken once per transaction unless cleared.
            await blocker.query('select pg_stat_clear_snapshot()');
            const waiting = await blocker.query(
              "select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query like 'insert into \"identities\"%'",
            );
            expect(waiting.rowCount).toBe(1);
          },
          { timeout: 20_000, interval: 20 },
        );

        const waves = await Promise.all(
          Array.from({ length: 5 }, (_, wave) => Promise.all(Array.from({ length: 40 }, (_, i) => create(`gc-wave-${wave}-${i}`)))),
        );
        expect(waves.flat().every((r) => r.ok)).toBe(true);
        expect(heldSettled).toBe(false);
        const count = await y.request('GET', y.realmPath('/identities?filter=traits.username sw "gc-wave-"'));
        expect(count.body.total_size).toBe(200);

        await blocker.query('rollback');
        await heldBatch;
        const heldList = await y.request('GET', y.realmPath('/identities?filter=traits.username sw "gc-held-"', held));
        expect(heldList.body.total_size).toBe(3);
      } finally {
        await blocker.end();
      }
    },
  );
});
