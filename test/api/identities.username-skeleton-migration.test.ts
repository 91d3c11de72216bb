import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import * as usernameSkeleton from '../../src/store/migrations/016-username-skeleton.js';
import { TestYonder, createTestDatabase, describeApi, rawKyselyOf } from '../support/harness.js';

/**
 * Migration 016 gives existing identities their username skeleton. A store may already hold two
 * usernames that look the same (nothing refused them before): the older keeps its skeleton, the
 * newer keeps none, and the migration does not fail. New look-alikes are refused from then on.
 */
describeApi('migration 016: username skeletons for existing identities', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('backfills skeletons, keeps the older of two look-alikes, and refuses a new look-alike afterwards', async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const first = await TestYonder.start(database);
    const ace = await first.createIdentity('ace');
    const realmId = first.realmId;
    await first.stop();

    const db = rawKyselyOf(database);
    try {
      await usernameSkeleton.down(db);
      // A Cyrillic look-alike written before the rule, as an older yonder would have.
      const row = await db.selectFrom('identities').selectAll().where('id', '=', ace.id).executeTakeFirstOrThrow();
      const lookAlike = '\u0430\u0441\u0435';
      // Written after `ace`: ids order by creation, and the migration keeps the older one's skeleton.
      const newerId = (BigInt(`0x${ace.id}`) + 1n).toString(16).padStart(ace.id.length, '0');
      await db
        .insertInto('identities')
        .values({ ...row, id: newerId, username_key: lookAlike, traits: JSON.stringify({ type: 'traits_v0', username: lookAlike }) })
        .execute();
      await usernameSkeleton.up(db);
      const { rows } = await sql<{ username_key: string; username_skeleton: string | null }>`
        select username_key, username_skeleton from identities where realm_id = ${realmId} order by id`.execute(db);
      expect(rows).toEqual([
        { username_key: 'ace', username_skeleton: 'ace' },
        { username_key: lookAlike, username_skeleton: null },
      ]);
    } finally {
      await db.destroy();
    }

    const second = await TestYonder.start(database);
    try {
      const again = await second.request('POST', second.realmPath('/identities'), {
        body: { identity: { display_name: 'x', traits: { type: 'traits_v0', username: '\u0430\u0441\u04bd' } } },
      });
      expect(again.status, again.text).toBe(409);
      expect(again.body.message).toBe('a username that looks the same already exists');
      // The older look-alike can still be suspended (and renamed to something else).
      const [legacy] = (
        await second.request('GET', second.realmPath(`/identities?filter=${encodeURIComponent('traits.username eq "\u0430\u0441\u0435"')}`))
      ).body.identities;
      const suspend = await second.request('PATCH', second.realmPath(`/identities/${legacy.id}`), { body: { identity: { status: 'suspended' } } });
      expect(suspend.status, suspend.text).toBe(200);
      const rename = await second.request('PATCH', second.realmPath(`/identities/${legacy.id}`), {
        body: { identity: { traits: { type: 'traits_v0', username: 'ace-2' } } },
      });
      expect(rename.status, rename.text).toBe(200);
      const back = await second.request('PATCH', second.realmPath(`/identities/${legacy.id}`), {
        body: { identity: { traits: { type: 'traits_v0', username: '\u0430\u0441\u0435' } } },
      });
      expect(back.status, 'once renamed, it cannot take the look-alike back').toBe(409);
    } finally {
      await second.stop();
    }
  });
});
