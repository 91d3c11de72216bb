import { SignJWT, decodeJwt, decodeProtectedHeader, importJWK } from 'jose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseMasterKey, unseal } from '../../src/domain/access/sealed-secret.js';
import { TestYonder, describeApi } from '../support/harness.js';
import { TEST_MASTER_KEY } from '../support/master-key.js';
import { createClientApplication } from '../support/oauth-client.js';

/**
 * A token's `iss` is checked, not only its signature and record: it must name, at this yonder's
 * PUBLIC_URL, the application its record says issued it.
 */
describeApi('bearer tokens: the issuer', () => {
  let y: TestYonder;
  beforeAll(async () => {
    y = await TestYonder.start();
  });
  afterAll(async () => y?.close());

  it('a token issued by a yonder at another PUBLIC_URL is refused, even on the same store and keys', async () => {
    const elsewhere = await TestYonder.start({ ...y.databaseLocation, drop: async () => {} }, { config: { publicUrl: 'https://other.example' } });
    try {
      const foreign = await elsewhere.mintToken(['realms:read']);
      expect((await elsewhere.request('GET', y.realmPath(), { token: foreign })).status).toBe(200);
      expect((await y.request('GET', y.realmPath(), { token: foreign })).status).toBe(401);
    } finally {
      await elsewhere.stop();
    }
  });

  it('a token whose iss names another application than its record is refused', async () => {
    const robot = await createClientApplication(y);
    // Re-signed with the store's own key (opened with the test master key): only `iss` differs.
    const kid = decodeProtectedHeader(y.token).kid!;
    const key = (await y.yonder.store.secrets.signingKeys()).find((k) => k.kid === kid)!;
    const jwk = JSON.parse(unseal(parseMasterKey(TEST_MASTER_KEY, 'test key'), key.private_jwk, `signing_keys:${kid}`));
    const resign = async (iss: string) =>
      new SignJWT({ ...decodeJwt(y.token), iss }).setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' }).sign(await importJWK(jwk, 'RS256'));
    const same = await resign(decodeJwt(y.token).iss!);
    expect((await y.request('GET', y.realmPath(), { token: same })).status).toBe(200);
    const robotIssuer = `http://localhost:8080${robot.path}`;
    expect((await y.request('GET', y.realmPath(), { token: await resign(robotIssuer) })).status).toBe(401);
    expect((await y.request('GET', y.realmPath(), { token: await resign('https://evil.example/issuer') })).status).toBe(401);
  });
});
