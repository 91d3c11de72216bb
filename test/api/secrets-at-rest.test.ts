import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestYonder, describeApi } from '../support/harness.js';
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
});
