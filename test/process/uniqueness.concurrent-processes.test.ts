import { afterAll, describe, expect, it } from 'vitest';
import { CLUSTER_ORIGIN, describeClusterRaces } from '../support/cluster.js';
import { ServerProcess, bannerExports, processEngines } from '../support/process.js';
import { UNIQUENESS_RACES } from '../support/uniqueness-races.js';

/**
 * Every uniqueness rule, raced through real `yonder serve` processes on one store: the unique
 * indexes decide, not what a process read before it wrote.
 */
describeClusterRaces('uniqueness rules', UNIQUENESS_RACES);

/** The first start of a store makes its tenant once, however many servers start on it together. */
describe('first starts racing on an empty store', () => {
  const { engines, cleanup } = processEngines();
  afterAll(cleanup);

  for (const engine of engines) {
    it(`two servers started at once on an empty ${engine.name} store bootstrap exactly one tenant, which both serve`, async (context) => {
      if (!(await engine.available())) return context.skip();
      const env = { DATABASE_URL: await engine.database(), LOG_LEVEL: 'warn', PUBLIC_URL: CLUSTER_ORIGIN };
      const servers = await Promise.all([ServerProcess.start(env), ServerProcess.start(env)]);
      try {
        const banners = servers.filter((server) => server.banner() !== '');
        expect(banners).toHaveLength(1);
        const vars = bannerExports(banners[0]!.banner());
        for (const server of servers) {
          const tenant = await fetch(`${server.url}/v1/tenants/${vars.TENANT_ID}`, { headers: { authorization: `Bearer ${vars.YONDER_TOKEN}` } });
          expect(tenant.status).toBe(200);
          expect(((await tenant.json()) as { id: string }).id).toBe(vars.TENANT_ID);
        }
      } finally {
        await Promise.all(servers.map((server) => server.stop()));
      }
    });
  }
});
