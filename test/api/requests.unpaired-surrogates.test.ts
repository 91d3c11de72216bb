import { Readable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ndjsonItems } from '../../src/cli/import-readers.js';
import { importIdentities } from '../../src/services/directory/bulk.js';
import { TestYonder, describeApi } from '../support/harness.js';

/**
 * A lone UTF-16 surrogate (`"\udfff"`) is valid JSON but not text: PostgreSQL refuses it (once a
 * 500) and SQLite quietly stored U+FFFD instead. Bytes that are not UTF-8 (a surrogate encoded as
 * ED BF BF) were read as U+FFFD too. Both are refused by the one JSON parser, for every door,
 * before anything is written.
 */
const LONE_SURROGATES = ['\\udfff', '\\ud800', 'a\\ud83dz', '\\ude00\\ud83d'];
/** A lone surrogate as UTF-8 would spell it (CESU-8), then an overlong '/', then a stray continuation byte. */
const NOT_UTF8 = [Buffer.from([0xed, 0xbf, 0xbf]), Buffer.from([0xc0, 0xaf]), Buffer.from([0x80])];

function withBytes(before: string, bytes: Buffer, after: string): Buffer {
  return Buffer.concat([Buffer.from(before), bytes, Buffer.from(after)]);
}

describeApi('unpaired surrogates and bytes that are not UTF-8 in JSON bodies', () => {
  let y: TestYonder;
  let identityCount: () => Promise<number>;
  beforeAll(async () => {
    y = await TestYonder.start();
    identityCount = async () => (await y.request('GET', y.realmPath('/identities'))).body.total_size as number;
  });
  afterAll(async () => y?.close());

  const identity = (givenName: string) =>
    `{"identity":{"display_name":"S","traits":{"type":"traits_v0","username":"surrogate","given_name":"${givenName}"}}}`;
  const scimUser = (givenName: string) =>
    `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"surrogate","name":{"givenName":"${givenName}"}}`;

  it('POST /identities with a lone surrogate in traits (escaped or as raw bytes) is 400 invalid request', async () => {
    for (const lone of LONE_SURROGATES) {
      const reply = await y.request('POST', y.realmPath('/identities'), { rawBody: identity(lone) });
      expect(reply.status, `${lone}: ${reply.text}`).toBe(400);
      expect(reply.body).toEqual({ code: 'bad_request', message: 'invalid request' });
    }
    for (const bytes of NOT_UTF8) {
      const [before, after] = identity('|').split('|') as [string, string];
      const reply = await y.request('POST', y.realmPath('/identities'), { rawBody: withBytes(before, bytes, after) });
      expect(reply.status, `${bytes.toString('hex')}: ${reply.text}`).toBe(400);
      expect(reply.body.code).toBe('bad_request');
    }
    expect(await identityCount()).toBe(0);
  });

  it('a lone surrogate in a key, or deep in an array, is refused as well', async () => {
    const inKey = '{"identity":{"display_name":"S","traits":{"type":"traits_v0","username":"surrogate","\\udfff":"x"}}}';
    const inArray = `{"identity":{"display_name":"S","traits":{"type":"traits_v0","username":"surrogate"}},"x":[[["\\ud800"]]]}`;
    for (const raw of [inKey, inArray]) {
      const reply = await y.request('POST', y.realmPath('/identities'), { rawBody: raw });
      expect(reply.status, raw).toBe(400);
      expect(reply.body.code).toBe('bad_request');
    }
    expect(await identityCount()).toBe(0);
  });

  it('PATCH /identities/{id} with a lone surrogate changes nothing', async () => {
    const created = await y.createIdentity('patched');
    const reply = await y.request('PATCH', y.realmPath(`/identities/${created.id}`), { rawBody: '{"identity":{"display_name":"x\\udfff"}}' });
    expect(reply.status).toBe(400);
    expect((await y.request('GET', y.realmPath(`/identities/${created.id}`))).body.display_name).toBe('patched');
    await y.request('DELETE', y.realmPath(`/identities/${created.id}`));
  });

  it('a paired surrogate (an emoji, escaped or as UTF-8) is still accepted', async () => {
    const escaped = await y.request('POST', y.realmPath('/identities'), { rawBody: identity('\\ud83d\\ude00') });
    expect(escaped.status, escaped.text).toBe(200);
    expect(escaped.body.traits.given_name).toBe('\u{1f600}');
    await y.request('DELETE', y.realmPath(`/identities/${escaped.body.id}`));
  });

  it('SCIM POST /Users with a lone surrogate or non-UTF-8 bytes is 400 in the SCIM error shape', async () => {
    const bodies = [
      ...LONE_SURROGATES.map((lone) => scimUser(lone)),
      ...NOT_UTF8.map((bytes) => {
        const [before, after] = scimUser('|').split('|') as [string, string];
        return withBytes(before, bytes, after);
      }),
    ];
    for (const rawBody of bodies) {
      const reply = await y.request('POST', y.realmPath('/scim/v2/Users'), { rawBody, headers: { 'content-type': 'application/scim+json' } });
      expect(reply.status, reply.text).toBe(400);
      expect(reply.body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
      expect(reply.body.scimType).toBe('invalidSyntax');
    }
    expect(await identityCount()).toBe(0);
  });

  it('the hosted pages and the console refuse such a body too', async () => {
    const hosted = await y.request('POST', `/hosted/tenants/${y.tenantId}/realms/${y.realmId}/sign-in/options`, {
      token: null,
      rawBody: '{"username":"\\udfff"}',
    });
    expect(hosted.status, hosted.text).toBe(400);
    const consoleToken = await y.request('POST', '/console/api/token', {
      token: null,
      rawBody: withBytes('{"x":"', Buffer.from([0xed, 0xa0, 0x80]), '"}'),
      headers: { 'x-yonder-console': '1', 'content-type': 'application/json' },
    });
    expect(consoleToken.status, consoleToken.text).toBe(400);
    expect(consoleToken.body.code).toBe('bad_request');
  });

  it('the import rejects a record with a lone surrogate by its line and imports the rest', async () => {
    const realm = await y.request('POST', `/v1/tenants/${y.tenantId}/realms`, { body: { realm: { display_name: 'Surrogate import' } } });
    const record = (username: string, givenName: string) =>
      `{"display_name":"x","traits":{"type":"traits_v0","username":"${username}","given_name":"${givenName}"}}`;
    const file = [record('fine-1', 'Ann'), record('lone-1', '\\udfff'), record('lone-2', 'a\\ud800'), record('fine-2', '\\ud83d\\ude00')].join('\n');
    const summary = await importIdentities(y.yonder, { tenantId: y.tenantId, realmId: realm.body.id }, ndjsonItems(Readable.from([`${file}\n`])));
    expect(summary.rejections.map((r) => r.line)).toEqual([2, 3]);
    expect(summary.imported).toBe(2);
  });
});
