import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvItems, ndjsonItems } from '../../src/cli/import-readers.js';
import { parseIdentityFilter } from '../../src/domain/directory/identity-filter.js';
import { type ImportItem, importIdentities, seedIdentities } from '../../src/services/directory/bulk.js';
import { TestYonder, describeApi, engine } from '../support/harness.js';

const lines = (...docs: string[]) => Readable.from([`${docs.join('\n')}\n`]);
const v1 = (username: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ display_name: `User ${username}`, traits: { type: 'traits_v0', username }, ...extra });

describeApi('identities: import from NDJSON and CSV, and seed', () => {
  let y: TestYonder;
  let realmId: string;
  beforeAll(async () => {
    y = await TestYonder.start();
    const realm = await y.request('POST', `/v1/tenants/${y.tenantId}/realms`, { body: { realm: { display_name: 'Imports' } } });
    realmId = realm.body.id;
  });
  afterAll(async () => y?.close());

  const ref = () => ({ tenantId: y.tenantId, realmId });
  const findByUsername = async (username: string) => {
    const reply = await y.request('GET', y.realmPath(`/identities?filter=traits.username eq "${username}"`, realmId));
    return reply.body.identities[0];
  };

  it('imports the good lines of an NDJSON file and lists the 10 bad ones with line numbers and reasons', async () => {
    const good = Array.from({ length: 20 }, (_, i) =>
      v1(`nd-${i}`, { traits: { type: 'traits_v0', username: `nd-${i}`, primary_email_address: `nd-${i}@example.com` } }),
    );
    const file = lines(
      good[0]!, // 1
      '{"display_name": "broken", ', // 2: not JSON
      good[1]!, // 3
      JSON.stringify({ display_name: 'No Username', traits: { type: 'traits_v0' } }), // 4
      v1('bad-email', { traits: { type: 'traits_v0', username: 'bad-email', primary_email_address: 'not-an-email' } }), // 5
      v1('unknown-trait', { traits: { type: 'traits_v0', username: 'unknown-trait', shoe_size: '42' } }), // 6
      v1('bad/chars'), // 7
      v1('x'.repeat(65)), // 8
      v1('bad-status', { status: 'gone' }), // 9
      '[1, 2, 3]', // 10
      v1('bad-type', { traits: { type: 'traits_v1', username: 'bad-type' } }), // 11
      JSON.stringify({ traits: { type: 'traits_v0', username: 'no-display-name' } }), // 12
      '', // 13: blank, passed over
      ...good.slice(2), // 14..31
    );
    const summary = await importIdentities(y.yonder, ref(), ndjsonItems(file), { batchSize: 7 });
    expect(summary.rejected).toBe(10);
    expect(summary.imported).toBe(20);
    expect(summary.skipped).toBe(0);
    expect(summary.rejections.map((r) => r.line)).toEqual([2, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const reasons = Object.fromEntries(summary.rejections.map((r) => [r.line, r.reason]));
    expect(reasons[2]).toBe('not valid JSON');
    expect(reasons[4]).toBe('traits.username: missing');
    expect(reasons[5]).toBe('identity.traits.primary_email_address: must be an email address');
    expect(reasons[6]).toBe('identity.traits.shoe_size: unknown field');
    expect(reasons[7]).toContain('identity.traits.username: contains characters that are not allowed');
    expect(reasons[8]).toContain('identity.traits.username: must be at most 64 characters');
    expect(reasons[11]).toContain('identity.traits.type');
    const imported = await findByUsername('nd-19');
    expect(imported.traits.primary_email_address).toBe('nd-19@example.com');
    expect(imported.display_name).toBe('User nd-19');
  });

  it('importing the same file again is idempotent: every username already there is skipped', async () => {
    const again = lines(...Array.from({ length: 20 }, (_, i) => v1(`ND-${i}`)), v1('nd-new'));
    const summary = await importIdentities(y.yonder, ref(), ndjsonItems(again));
    expect(summary).toMatchObject({ read: 21, imported: 1, skipped: 20, rejected: 0 });
    const list = await y.request('GET', y.realmPath('/identities?filter=traits.username sw "nd-"', realmId));
    expect(list.body.total_size).toBe(21);
  });

  it('a username twice in one file is written once and then skipped', async () => {
    const summary = await importIdentities(y.yonder, ref(), ndjsonItems(lines(v1('twice'), v1('TWICE'))));
    expect(summary).toMatchObject({ imported: 1, skipped: 1, rejected: 0 });
  });

  it('imports a CSV with a header, quoted commas and a field spanning lines, and rejects a short row', async () => {
    const csv = Readable.from([
      'display_name,username,primary_email_address,family_name,status\r\n',
      '"Doe, Jane",jane,jane@example.com,Doe,\r\n',
      'Bob,bob,,"Smith\nJones",suspended\r\n',
      'Short,row\r\n',
      '"Quote ""Q""",quinn,quinn@example.com,,active\r\n',
    ]);
    const summary = await importIdentities(y.yonder, ref(), csvItems(csv));
    expect(summary.imported).toBe(3);
    expect(summary.rejections).toEqual([{ line: 5, reason: 'expected 5 fields, found 2' }]);
    expect((await findByUsername('jane')).display_name).toBe('Doe, Jane');
    const bob = await findByUsername('bob');
    expect(bob.status).toBe('suspended');
    expect(bob.traits.family_name).toBe('Smith\nJones');
    expect(bob.traits.primary_email_address).toBeUndefined();
    expect((await findByUsername('quinn')).display_name).toBe('Quote "Q"');
  });

  it('imports SCIM Users, mapping userName, names, the primary email, externalId and active', async () => {
    const file = lines(
      JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'scim.ann@example.com',
        name: { givenName: 'Ann', familyName: 'Lee', formatted: 'Ann Lee' },
        emails: [
          { value: 'ann.work@example.com', type: 'work' },
          { value: 'ann@example.com', type: 'home', primary: true },
        ],
        externalId: '00u1',
        active: false,
      }),
      JSON.stringify({ userName: 'scim.bo', emails: [{ value: 'bo@example.com' }] }),
      JSON.stringify({ displayName: 'No userName', schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'] }),
      JSON.stringify({ identity: { display_name: 'Wrapped', traits: { type: 'traits_v0', username: 'wrapped' } } }),
    );
    const summary = await importIdentities(y.yonder, ref(), ndjsonItems(file));
    expect(summary).toMatchObject({ imported: 3, rejected: 1, rejections: [{ line: 3, reason: 'userName: missing' }] });
    const ann = await findByUsername('scim.ann@example.com');
    expect(ann).toMatchObject({
      display_name: 'Ann Lee',
      status: 'suspended',
      traits: {
        username: 'scim.ann@example.com',
        given_name: 'Ann',
        family_name: 'Lee',
        formatted_name: 'Ann Lee',
        primary_email_address: 'ann@example.com',
        external_id: '00u1',
      },
    });
    const bo = await findByUsername('scim.bo');
    expect(bo).toMatchObject({ display_name: 'scim.bo', status: 'active', traits: { primary_email_address: 'bo@example.com' } });
    expect((await findByUsername('wrapped')).display_name).toBe('Wrapped');
  });

  it('seed fills a realm and a second seed skips what is there', async () => {
    const first = await seedIdentities(y.yonder, { tenantId: y.tenantId, realmId: y.realmId }, 1200, { batchSize: 500 });
    expect(first).toMatchObject({ imported: 1200, skipped: 0, rejected: 0 });
    const again = await seedIdentities(y.yonder, { tenantId: y.tenantId, realmId: y.realmId }, 1300);
    expect(again).toMatchObject({ imported: 100, skipped: 1200 });
    const one = await y.request('GET', y.realmPath('/identities?filter=traits.username eq "seed-0001300"'));
    expect(one.body.identities[0].traits.external_id).toBe('ext-0001300');
  });

  // A PostgreSQL load changes no connection setting (its buffers are the server's): nothing to put back.
  it.skipIf(engine !== 'sqlite')(
    'an import puts back the SQLite connection settings it changed for the load, even when it fails (SQLite only: PostgreSQL changes none)',
    async () => {
      const bulk = y.yonder.store.bulk;
      const settings = async () => {
        const current = await bulk.beginBulkLoad();
        await bulk.endBulkLoad(current);
        return current;
      };
      const before = await settings();
      expect(before).toEqual({ cacheSize: -32768, walAutocheckpoint: 4000 });
      function* failing(): Iterable<ImportItem> {
        yield { line: 1, record: JSON.parse(v1('settings-1')) };
        throw new Error('read error');
      }
      await expect(importIdentities(y.yonder, ref(), failing())).rejects.toThrow('read error');
      expect(await settings()).toEqual(before);
    },
  );

  describe('offline: the whole import in one transaction', () => {
    let offlineRealm: string;
    beforeAll(async () => {
      const realm = await y.request('POST', `/v1/tenants/${y.tenantId}/realms`, { body: { realm: { display_name: 'Offline' } } });
      offlineRealm = realm.body.id;
    });
    const offlineRef = () => ({ tenantId: y.tenantId, realmId: offlineRealm });
    const emailPlan = async () => {
      const parsed = parseIdentityFilter('traits.primary_email_address eq "off-5@example.com"');
      if (!parsed.ok) throw new Error(parsed.description);
      const store = y.yonder.store;
      return (await store.plans.explain(store.identities.pageQuery(offlineRealm, parsed.filter, '', 0, 21))).join('\n');
    };
    const findOffline = async (username: string) => {
      const reply = await y.request('GET', y.realmPath(`/identities?filter=traits.username eq "${username}"`, offlineRealm));
      return reply.body.identities[0];
    };
    const offlineLine = (i: number) =>
      v1(`off-${i}`, { traits: { type: 'traits_v0', username: `off-${i}`, primary_email_address: `off-${i}@example.com` } });

    it('imports the good lines, lists the bad ones, and leaves every list index in place (SQLite rebuilds them)', async () => {
      let indexing = 0;
      const file = lines(
        offlineLine(1),
        'nope',
        offlineLine(2),
        v1('OFF-1'),
        v1('bad/name'),
        ...Array.from({ length: 30 }, (_, i) => offlineLine(i + 3)),
      );
      const summary = await importIdentities(y.yonder, offlineRef(), ndjsonItems(file), { offline: true, onIndexing: () => indexing++ });
      expect(summary).toMatchObject({ read: 35, imported: 32, skipped: 1, rejected: 2 });
      expect(summary.rejections.map((r) => r.line)).toEqual([2, 5]);
      expect(indexing).toBe(engine === 'sqlite' ? 1 : 0);
      expect(await emailPlan()).toContain('identities_realm_email_id_idx');
      expect((await findOffline('off-5')).traits.primary_email_address).toBe('off-5@example.com');
      const again = await importIdentities(y.yonder, offlineRef(), ndjsonItems(lines(offlineLine(1), offlineLine(40))), { offline: true });
      expect(again).toMatchObject({ imported: 1, skipped: 1 });
    });

    it('keeps the indexes as they are when the input is small against the rows already there', async () => {
      let indexing = 0;
      const summary = await importIdentities(y.yonder, offlineRef(), ndjsonItems(lines(offlineLine(41))), {
        offline: true,
        expectedRecords: 1,
        onIndexing: () => indexing++,
      });
      expect(summary).toMatchObject({ imported: 1 });
      expect(indexing).toBe(0);
    });

    it('an offline import that fails halfway writes nothing, and the indexes are still there', async () => {
      function* failing(): Iterable<ImportItem> {
        for (let i = 100; i < 110; i++) yield { line: i, record: JSON.parse(offlineLine(i)) };
        throw new Error('the disk went away');
      }
      await expect(importIdentities(y.yonder, offlineRef(), failing(), { offline: true })).rejects.toThrow('the disk went away');
      expect(await findOffline('off-100')).toBeUndefined();
      expect(await emailPlan()).toContain('identities_realm_email_id_idx');
      const list = await y.request('GET', y.realmPath('/identities?filter=traits.username sw "off-"', offlineRealm));
      expect(list.body.total_size).toBe(34);
    });
  });
});
