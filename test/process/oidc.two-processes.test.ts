import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../support/cluster.js';
import { createOidcApplication, flowAcross, httpYonder, personWithPasskey } from '../support/oidc.js';
import { processEngines } from '../support/process.js';

/**
 * Nothing of an OpenID Connect flow lives in one process's memory: the authorization begun on one
 * `yonder serve` (its interaction, the passkey page, the code) is finished on another over the same
 * store (the code exchanged, the token refreshed, userinfo answered).
 */
const { engines, cleanup } = processEngines();
afterAll(cleanup);

describe.each(engines)('OpenID Connect across two yonder processes ($name)', (engine) => {
  let cluster: Cluster | undefined;
  beforeAll(async () => {
    if (!(await engine.available())) {
      process.stdout.write(`SKIPPING OpenID Connect across processes on ${engine.name}: the engine is unreachable\n`);
      return;
    }
    cluster = await Cluster.start(await engine.database(), 2);
  }, 120_000);
  afterAll(async () => cluster?.stop());

  it('authorize on one process, exchange the code on the other, refresh and userinfo across them', async (context) => {
    if (!cluster) return context.skip();
    const realmPath = (rest = '') => cluster?.realmPath(rest) ?? '';
    const [first, second] = cluster.servers.map((server) => httpYonder(server.url, cluster?.vars.YONDER_TOKEN ?? '', realmPath));
    if (!first || !second) throw new Error('two servers expected');
    const app = await createOidcApplication(first, { enable_refresh_tokens: true });
    const person = await personWithPasskey(second, 'flyer');
    expect((await flowAcross(first, second, app, person.passkey)).sub).toBe(person.id);
  });
});
