import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestYonder, describeApi } from '../support/harness.js';

/**
 * A filter an Okta or Entra admin typed wrong is answered in SCIM's words (RFC 7644 §3.12
 * `invalidFilter`) with the position where it broke and what the grammar expected there, never
 * the parser library's internal message ("[oops(Word)] is not json").
 */
describeApi('SCIM filters: a syntax error says where and what was expected', () => {
  let y: TestYonder;
  let scimToken: string;

  beforeAll(async () => {
    y = await TestYonder.start();
    scimToken = await y.mintToken(['scim:all']);
  });
  afterAll(async () => y?.close());

  const filter = (text: string, resource = 'Users') =>
    y.request('GET', y.realmPath(`/scim/v2/${resource}?filter=${encodeURIComponent(text)}`), { token: scimToken });

  it('GET /Users?filter=userName eq oops names the word, its position and the values it may be', async () => {
    const reply = await filter('userName eq oops');
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({
      status: '400',
      scimType: 'invalidFilter',
      detail: 'the filter is not valid: unexpected "oops" at position 12; expected a value: a quoted string, a number, true, false or null',
    });
  });

  it('each kind of syntax error says what was expected at its position', async () => {
    const cases: [string, string][] = [
      ['eq "x"', 'unexpected "\\"x\\"" at position 3; expected an operator (eq, ne, co, sw, ew, gt, ge, lt, le, pr) or \'[\''],
      ['"x" eq userName', 'unexpected "\\"x\\"" at position 0; expected an attribute path, \'not\' or \'(\''],
      ['userName is "x"', 'unexpected "is" at position 9; expected an operator (eq, ne, co, sw, ew, gt, ge, lt, le, pr) or \'[\''],
      ['(userName eq "x"', "unexpected end of the filter at position 16; expected ')' or 'and', 'or'"],
      ['userName eq "x" "y"', 'unexpected "\\"y\\"" at position 16; expected \'and\', \'or\' or the end of the filter'],
      ['userName eq "x', 'unexpected "\\"" at position 12; expected a closing double quote'],
      ['userName eq "x" and', "unexpected end of the filter at position 19; expected an attribute path, 'not' or '('"],
      ['emails[type eq "work"', "unexpected end of the filter at position 21; expected ']' or 'and', 'or'"],
    ];
    for (const [text, detail] of cases) {
      const reply = await filter(text);
      expect(reply.status, text).toBe(400);
      expect(reply.body, text).toMatchObject({ scimType: 'invalidFilter', detail: `the filter is not valid: ${detail}` });
      expect(reply.body.detail, text).not.toMatch(/\(Word\)|is not json|valFilter/);
    }
  });

  it('GET /Groups answers the same way', async () => {
    const reply = await filter('displayName eq admins', 'Groups');
    expect(reply.body).toMatchObject({
      scimType: 'invalidFilter',
      detail: 'the filter is not valid: unexpected "admins" at position 15; expected a value: a quoted string, a number, true, false or null',
    });
  });
});
