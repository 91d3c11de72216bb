import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestYonder, describeApi } from '../support/harness.js';
import { basicAuth, createClientApplication, postForm } from '../support/oauth-client.js';
import { dumpDatabase } from '../support/raw-database.js';

describeApi('secrets at rest', () => {
  let y: TestYonder;
  beforeAll(async () => {
    y = await TestYonder.start();
  });
  afterAll(async () => y?.close());

  it('the database holds no access token in clear, not even its signature', async () => {
    const minted = [y.token, await y.mintToken(['identities:read']), await y.mintToken(['realms:read'], { realmId: y.realmId })];
    await y.createIdentity('someone');
    const dump = await dumpDatabase(y.databaseLocation);
    expect(dump.length).toBeGreaterThan(1000);
    for (const token of minted) {
      const [, payload, signature] = token.split('.');
      expect(dump).not.toContain(token);
      expect(dump).not.toContain(signature);
      expect(dump).not.toContain(payload);
    }
  });

  it('the database holds no client secret, and its hash does not authenticate', async () => {
    const management = y.bootstrap.managementClient!;
    const robot = await createClientApplication(y);
    const issued = await postForm(y, `${robot.path}/token`, { grant_type: 'client_credentials' }, basicAuth(robot.clientId, robot.clientSecret));
    expect(issued.status).toBe(200);
    const dump = await dumpDatabase(y.databaseLocation);
    for (const secret of [management.clientSecret, robot.clientSecret]) {
      expect(secret.length).toBeGreaterThanOrEqual(43);
      expect(dump).not.toContain(secret);
      expect(dump).not.toContain(Buffer.from(secret, 'base64url').toString('hex'));
      expect(dump).not.toContain(Buffer.from(secret, 'base64url').toString('base64'));
    }
    expect(dump).not.toContain(issued.body.access_token.split('.')[2]);
    // What a copy does hold (the hash) is refused as a secret.
    const hash = /"client_secret_hash":"([0-9a-f]{64})"/.exec(dump)?.[1];
    expect(hash).toBeDefined();
    const withHash = await postForm(y, `${robot.path}/token`, { grant_type: 'client_credentials' }, basicAuth(robot.clientId, hash!));
    expect(withHash.status).toBe(401);
  });
});
