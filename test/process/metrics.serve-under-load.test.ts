import { afterAll, describe, expect, it } from 'vitest';
import { type Families, PROMETHEUS_TEXT, parseScrape, sampleValue } from '../support/metrics.js';
import { ServerProcess, bannerExports, processEngines } from '../support/process.js';

const METRICS_TOKEN = 'scraper-secret-0123456789abcdef0123456789abcdef';
const CREATE = { method: 'POST', route: '/v1/tenants/:tenant_id/realms/:realm_id/identities', status: '200' };

/** `yonder serve` with METRICS=token in its environment, scraped before and after a burst of creates. */
describe('GET /metrics of a running yonder under load', () => {
  const { engines, cleanup } = processEngines();
  afterAll(cleanup);

  for (const engine of engines) {
    it(`counts every create, fills the latency buckets and the group-commit batches [${engine.name}]`, async (context) => {
      if (!(await engine.available())) return context.skip();
      const server = await ServerProcess.start({ DATABASE_URL: await engine.database(), METRICS: 'token', METRICS_TOKEN });
      try {
        const scrape = async (): Promise<Families> => {
          const reply = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
          expect(reply.status).toBe(200);
          expect(reply.headers.get('content-type')).toMatch(PROMETHEUS_TEXT);
          return parseScrape(await reply.text());
        };
        expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
        const vars = bannerExports(server.banner());
        const before = await scrape();
        const creates = await Promise.all(
          Array.from({ length: 200 }, (_, i) =>
            fetch(`${server.url}/v1/tenants/${vars.TENANT_ID}/realms/${vars.REALM_ID}/identities`, {
              method: 'POST',
              headers: { authorization: `Bearer ${vars.YONDER_TOKEN}`, 'content-type': 'application/json' },
              body: JSON.stringify({ identity: { display_name: `load ${i}`, traits: { type: 'traits_v0', username: `load-${i}` } } }),
            }),
          ),
        );
        expect(creates.map((reply) => reply.status)).toEqual(creates.map(() => 200));
        const after = await scrape();

        const moved = (name: string, labels: Record<string, string>) => sampleValue(after, name, labels) - sampleValue(before, name, labels);
        expect(moved('yonder_http_requests_total', CREATE)).toBe(200);
        expect(moved('yonder_http_request_duration_seconds_count', CREATE)).toBe(200);
        expect(moved('yonder_http_request_duration_seconds_bucket', { ...CREATE, le: '+Inf' })).toBe(200);
        expect(moved('yonder_group_commit_batch_size_sum', { table: 'identities' })).toBe(200);
        expect(moved('yonder_group_commit_batch_size_count', { table: 'identities' })).toBeGreaterThan(0);
      } finally {
        await server.stop();
      }
    });
  }
});
