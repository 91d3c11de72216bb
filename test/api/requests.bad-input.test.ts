import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestYonder, describeApi } from '../support/harness.js';

describeApi('bad input gets a clear 4xx in the v1 error shape and changes nothing', () => {
  let y: TestYonder;
  let count: () => Promise<number>;
  beforeAll(async () => {
    y = await TestYonder.start();
    count = async () => (await y.request('GET', y.realmPath('/identities'))).body.total_size as number;
  });
  afterAll(async () => y?.close());

  const valid = { identity: { display_name: 'Valid', traits: { type: 'traits_v0', username: 'valid' } } };

  it('malformed JSON gets 400 saying where the body is not valid JSON', async () => {
    for (const raw of ['{"identity":', 'not json', '{"identity": {}}}', '\u0000']) {
      const reply = await y.request('POST', y.realmPath('/identities'), { rawBody: raw });
      expect(reply.status, raw).toBe(400);
      expect(reply.body).toEqual({
        code: 'bad_request',
        message: expect.stringMatching(/^the request body is not valid JSON: unexpected .* at line 1, column \d+/),
      });
    }
    expect(await count()).toBe(0);
  });

  it('a body that is not an object, or no body at all, gets 400 invalid request', async () => {
    for (const raw of ['[]', '"identity"', '42', 'null', '']) {
      const reply = await y.request('POST', y.realmPath('/identities'), { rawBody: raw });
      expect(reply.status, raw).toBe(400);
      expect(reply.body.code).toBe('bad_request');
    }
  });

  it('wrong types are field violations with the JSON path, never coerced', async () => {
    const reply = await y.request('POST', y.realmPath('/identities'), {
      body: { identity: { display_name: 123, status: 'gone', traits: { type: 'traits_v0', username: ['x'], title: 5 } } },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe('bad_request');
    expect(reply.body.message).toBe('invalid parameters');
    expect(reply.body.details[0].type).toBe('FieldViolations');
    const fields = Object.fromEntries(
      reply.body.details[0].field_violations.map((v: { field: string; description: string }) => [v.field, v.description]),
    );
    expect(fields).toMatchObject({
      'identity.display_name': 'must be a string',
      'identity.status': 'must be one of: active, suspended',
      'identity.traits.username': 'must be a string',
      'identity.traits.title': 'must be a string or null',
    });
    expect(await count()).toBe(0);
  });

  it('missing, empty, too long and forbidden-character values are named precisely', async () => {
    const cases: [unknown, string, string][] = [
      [{}, 'identity', 'missing'],
      [{ identity: { traits: { type: 'traits_v0', username: 'u' } } }, 'identity.display_name', 'missing'],
      [{ identity: { display_name: '', traits: { type: 'traits_v0', username: 'u' } } }, 'identity.display_name', 'empty string'],
      [
        { identity: { display_name: 'x', traits: { type: 'traits_v0', username: 'u'.repeat(65) } } },
        'identity.traits.username',
        'must be at most 64 characters',
      ],
      [
        { identity: { display_name: 'x', traits: { type: 'traits_v0', username: 'a/b' } } },
        'identity.traits.username',
        'contains characters that are not allowed',
      ],
      [{ identity: { display_name: 'x', traits: { type: 'traits_v0' } } }, 'identity.traits.username', 'missing'],
      [{ identity: { display_name: 'x', traits: { username: 'u' } } }, 'identity.traits.type', 'missing'],
      [{ identity: { display_name: 'x', traits: { type: 'traits_v1', username: 'u' } } }, 'identity.traits.type', 'must be "traits_v0"'],
      [
        { identity: { display_name: 'x', traits: { type: 'traits_v0', username: 'u', primary_email_address: 'nope' } } },
        'identity.traits.primary_email_address',
        'must be an email address',
      ],
      [{ identity: { display_name: 'x', nickname: 'y', traits: { type: 'traits_v0', username: 'u' } } }, 'identity.nickname', 'unknown field'],
    ];
    for (const [body, field, description] of cases) {
      const reply = await y.request('POST', y.realmPath('/identities'), { body });
      expect(reply.status, field).toBe(400);
      expect(reply.body.details[0].field_violations, JSON.stringify(body)).toContainEqual({ field, description });
    }
    expect(await count()).toBe(0);
  });

  it('a body over 1 MiB gets 413 in the v1 error shape', async () => {
    const big = JSON.stringify({ identity: { display_name: 'x'.repeat(2 * 1024 * 1024), traits: { type: 'traits_v0', username: 'big' } } });
    const reply = await y.request('POST', y.realmPath('/identities'), { rawBody: big });
    expect(reply.status).toBe(413);
    expect(reply.body.code).toBe('request_entity_too_large');
  });

  it('a non-JSON content type gets 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const reply = await y.request('POST', y.realmPath('/identities'), { rawBody: JSON.stringify(valid), headers: { 'content-type': type } });
      expect(reply.status, type).toBe(415);
      expect(reply.body.code).toBe('unsupported_media_type');
    }
  });

  it('prototype-pollution keys are refused', async () => {
    const reply = await y.request('POST', y.realmPath('/identities'), {
      rawBody: '{"identity":{"display_name":"p","traits":{"type":"traits_v0","username":"p","__proto__":{"admin":true}}}}',
    });
    expect(reply.status).toBe(400);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('a JSON content type with an empty body is accepted on GET and DELETE', async () => {
    const created = await y.createIdentity('emptybody');
    const headers = { 'content-type': 'application/json' };
    expect((await y.request('GET', y.realmPath(`/identities/${created.id}`), { headers })).status).toBe(200);
    expect((await y.request('GET', y.realmPath('/identities'), { headers })).status).toBe(200);
    expect((await y.request('DELETE', y.realmPath(`/identities/${created.id}`), { headers })).status).toBe(200);
  });

  it('an unknown realm gets 404 realm not found with ResourceInfo', async () => {
    const reply = await y.request('POST', y.realmPath('/identities', 'ffffffffffffffff'), { body: valid });
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({
      code: 'not_found',
      message: 'realm not found',
      details: [{ type: 'ResourceInfo', resource_type: 'Realm', id: 'ffffffffffffffff', description: 'realm not found' }],
    });
  });

  it('unknown ids, odd ids and unknown routes get 404, never 500', async () => {
    for (const id of ['0000000000000000', 'not-an-id', '%00', 'x'.repeat(60), "' or 1=1 --"]) {
      const reply = await y.request('GET', y.realmPath(`/identities/${encodeURIComponent(id)}`));
      expect(reply.status, id).toBe(404);
      expect(reply.body.code).toBe('not_found');
    }
    expect((await y.request('GET', '/v1/nowhere')).status).toBe(404);
  });

  it('an identity of another realm is unknown in this one', async () => {
    const other = await y.request('POST', `/v1/tenants/${y.tenantId}/realms`, { body: { realm: { display_name: 'Elsewhere' } } });
    const stranger = await y.createIdentity('stranger', {}, other.body.id);
    expect((await y.request('GET', y.realmPath(`/identities/${stranger.id}`))).status).toBe(404);
    expect((await y.request('PATCH', y.realmPath(`/identities/${stranger.id}`), { body: { identity: { display_name: 'Mine' } } })).status).toBe(404);
    expect((await y.request('DELETE', y.realmPath(`/identities/${stranger.id}`))).status).toBe(404);
    expect((await y.request('GET', y.realmPath(`/identities/${stranger.id}`, other.body.id))).body.display_name).toBe('stranger');
  });

  it('bad list parameters are field violations', async () => {
    for (const [query, field] of [
      ['page_size=abc', 'page_size'],
      ['page_size=-1', 'page_size'],
      ['skip=x', 'skip'],
    ]) {
      const reply = await y.request('GET', y.realmPath(`/identities?${query}`));
      expect(reply.status, query).toBe(400);
      expect(reply.body.details[0].field_violations[0].field).toBe(field);
    }
  });

  it('NUL characters in a body, a path or a query get 400, not a store error', async () => {
    const body = '{"identity":{"display_name":"a\\u0000b","traits":{"type":"traits_v0","username":"nul"}}}';
    expect((await y.request('POST', y.realmPath('/identities'), { rawBody: body })).status).toBe(400);
    const key = '{"identity":{"display_name":"a","traits":{"type":"traits_v0","username":"nul","x\\u0000":"y"}}}';
    expect((await y.request('POST', y.realmPath('/identities'), { rawBody: key })).status).toBe(400);
    for (const url of [y.realmPath('/identities/%00'), `/v1/tenants/${y.tenantId}/realms/%00`, y.realmPath('/identities?filter=id eq "a%00"')]) {
      const reply = await y.request('GET', url);
      expect(reply.status, url).toBe(400);
      expect(reply.body).toEqual({ code: 'bad_request', message: 'invalid request' });
    }
    expect(await count()).toBe(0);
  });

  it('a hosted asset named after an Object.prototype key is a 404, not a 500', async () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const reply = await y.request('GET', `/hosted/assets/${name}`, { token: null });
      expect(reply.status, name).toBe(404);
    }
  });

  it('sign-in options for a realm named under the wrong tenant are a 404, and store nothing', async () => {
    const reply = await y.request('POST', `/hosted/tenants/0000000000000000/realms/${y.realmId}/sign-in/options`, { token: null, body: {} });
    expect(reply.status, reply.text).toBe(404);
    expect(reply.body.reason).toBe('unknown_realm');
  });

  it('the server is still up and consistent after all of it', async () => {
    expect((await y.request('GET', '/healthz', { token: null })).status).toBe(200);
    expect((await y.request('POST', y.realmPath('/identities'), { body: valid })).status).toBe(200);
  });
});
