import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MAX_TOKEN_LIFETIME_SECONDS } from '../../src/domain/access/application.js';
import { SIGNING_KEY_REFRESH_SECONDS } from '../../src/domain/access/signing-keys.js';
import { addSeconds, nowTimestamp } from '../../src/domain/time.js';
import { rotateSigningKey } from '../../src/platform/tokens/signing-keys.js';
import { TestYonder, describeApi } from '../support/harness.js';

/**
 * `yonder keys rotate` without the command line: a new key signs from then on; the key before it
 * stays in the JWKS and keeps verifying until every token it can have signed has expired, then
 * leaves. The cleanup is given its time (`now`) rather than waited for.
 */
describeApi('signing keys: rotation', () => {
  let y: TestYonder;
  beforeAll(async () => {
    y = await TestYonder.start();
  });
  afterAll(async () => y?.close());

  const kidOf = (token: string) => decodeProtectedHeader(token).kid;
  const jwksKids = async () => {
    const reply = await y.request('GET', '/.well-known/jwks.json', { token: null });
    expect(reply.status).toBe(200);
    return (reply.body.keys as { kid: string }[]).map((key) => key.kid).sort();
  };
  const works = async (token: string) => (await y.request('GET', y.realmPath(), { token })).status;

  it('after a rotation, earlier tokens keep working, new ones carry the new kid, the JWKS lists both; the old leaves once its tokens have expired', async () => {
    const before = y.token;
    const oldKid = kidOf(before)!;
    expect(await jwksKids()).toEqual([oldKid]);

    const rotatedAt = nowTimestamp();
    const rotation = await rotateSigningKey(y.yonder, rotatedAt);
    expect(rotation.kid).not.toBe(oldKid);
    const leavesAt = addSeconds(rotatedAt, MAX_TOKEN_LIFETIME_SECONDS + SIGNING_KEY_REFRESH_SECONDS);
    expect(rotation.retired).toEqual([{ kid: oldKid, leavesAt }]);
    expect(rotation.deleted).toEqual([]);

    const after = await y.mintToken(['realms:read']);
    expect(kidOf(after)).toBe(rotation.kid);
    expect(await works(before)).toBe(200);
    expect(await works(after)).toBe(200);
    expect(await jwksKids()).toEqual([oldKid, rotation.kid].sort());

    // The periodic cleanup, run at the last moment a token of the old key could still be valid: it stays.
    expect(await y.yonder.tokens.pruneRetiredKeys(leavesAt)).toEqual([]);
    expect(await jwksKids()).toEqual([oldKid, rotation.kid].sort());
    // Just past it: the old key leaves the JWKS, and whatever it signed is refused.
    expect(await y.yonder.tokens.pruneRetiredKeys(addSeconds(leavesAt, 0.001))).toEqual([oldKid]);
    expect(await jwksKids()).toEqual([rotation.kid]);
    expect(await works(before)).toBe(401);
    expect(await works(after)).toBe(200);
  });

  it('a rotation deletes the keys whose tokens have all expired, and retires the one that signed', async () => {
    const first = await rotateSigningKey(y.yonder);
    const later = addSeconds(nowTimestamp(), MAX_TOKEN_LIFETIME_SECONDS + SIGNING_KEY_REFRESH_SECONDS + 1);
    const second = await rotateSigningKey(y.yonder, later);
    expect(second.deleted).toContain(first.retired[0]?.kid);
    expect(second.retired.map((key) => key.kid)).toEqual([first.kid]);
    expect(kidOf(await y.mintToken(['realms:read']))).toBe(second.kid);
  });
});
