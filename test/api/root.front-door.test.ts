import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestYonder, describeApi } from '../support/harness.js';

/** `/` is a front door, not a JSON 404: a person lands on the Admin Console, a client learns where to go. */
describeApi('GET /: the console for a browser, a short index for an API client', () => {
  let y: TestYonder;
  let base: string;

  beforeAll(async () => {
    y = await TestYonder.start();
    base = y.yonder.config.publicUrl.replace(/\/+$/, '');
  });
  afterAll(async () => y?.close());

  it('GET / from a browser (Accept: text/html) redirects to the Admin Console', async () => {
    const accept = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
    const reply = await y.request('GET', '/', { token: null, headers: { accept } });
    expect(reply.status).toBe(302);
    expect(reply.headers.location).toBe(`${base}/console/`);
    expect(reply.headers.vary).toMatch(/Accept/i);
  });

  it('GET / from an API client answers a JSON index linking the OpenAPI document, the console and health', async () => {
    for (const accept of ['*/*', 'application/json', undefined]) {
      const reply = await y.request('GET', '/', { token: null, headers: accept ? { accept } : {} });
      expect(reply.status, accept).toBe(200);
      expect(reply.headers['content-type']).toMatch(/^application\/json/);
      expect(reply.body).toMatchObject({
        name: 'yonder',
        version: expect.stringMatching(/^\d+\.\d+\.\d+/),
        links: { openapi: `${base}/openapi.json`, console: `${base}/console/`, health: `${base}/healthz` },
      });
    }
  });
});
