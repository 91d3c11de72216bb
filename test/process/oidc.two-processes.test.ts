import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../support/cluster.js';
import { Browser, codeFlow, createOidcApplication, httpYonder, personWithPasskey, tokenRequest } from '../support/oidc.js';
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
    const tokens = await codeFlow(first, new Browser(first), app, person.passkey, { exchangeOn: second });
    expect(tokens.status, tokens.text).toBe(200);
    const refreshed = await tokenRequest(first, app, { grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token });
    expect(refreshed.status, refreshed.text).toBe(200);
    const info = await second.request('GET', `${app.path}/userinfo`, { token: refreshed.body.access_token });
    expect(info.status, info.text).toBe(200);
    expect(info.body.sub).toBe(person.id);
  });
});
