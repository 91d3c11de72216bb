import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestYonder, describeApi } from '../support/harness.js';

/** A body that is not JSON is answered with where it broke and what was expected there. */
describeApi('malformed JSON: the 400 says where the body broke', () => {
  let y: TestYonder;

  beforeAll(async () => {
    y = await TestYonder.start();
  });
  afterAll(async () => y?.close());

  it('POST /identities with a missing property name names its line, column and what was expected', async () => {
    const reply = await y.request('POST', y.realmPath('/identities'), { rawBody: '{\n  "identity": {\n    "display_name": "A",\n  }\n}' });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({
      code: 'bad_request',
      message: 'the request body is not valid JSON: unexpected "}" at line 4, column 3 (position 45); expected a property name in double quotes',
    });
  });

  it('a body cut short, a bare word and trailing text each say what was expected', async () => {
    const cases: [string, RegExp][] = [
      ['{"identity":', /unexpected end of the body at line 1, column 13 \(position 12\); expected a value/],
      ['not json', /unexpected "o" at line 1, column 2 \(position 1\); expected the literal null/],
      ['{"identity": {}}}', /unexpected "}" at line 1, column 17 \(position 16\); expected the end of the body after the value/],
      ['{"a" 1}', /expected ':' after the property name/],
      ['["a" "b"]', /expected ',' or '\]'/],
      ['{"a": "b', /unexpected end of the body .*; expected a closing double quote/],
    ];
    for (const [raw, message] of cases) {
      const reply = await y.request('POST', y.realmPath('/identities'), { rawBody: raw });
      expect(reply.status, raw).toBe(400);
      expect(reply.body.code).toBe('bad_request');
      expect(reply.body.message, raw).toMatch(message);
    }
  });

  it('SCIM answers invalidSyntax with the same place, in the SCIM error shape', async () => {
    const reply = await y.request('POST', y.realmPath('/scim/v2/Users'), {
      rawBody: '{"userName": "x",, }',
      headers: { 'content-type': 'application/scim+json' },
    });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({
      status: '400',
      scimType: 'invalidSyntax',
      detail: 'the request body is not valid JSON: unexpected "," at line 1, column 18 (position 17); expected a property name in double quotes',
    });
  });
});
