import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestYonder, describeApi } from '../support/harness.js';

interface Parameter {
  name: string;
  in: string;
  description?: string;
}
interface Operation {
  operationId?: string;
  description?: string;
  parameters?: Parameter[];
}

/** Someone reading /openapi.json (or the /docs built from it) learns what every operation and parameter is for. */
describeApi('GET /openapi.json: every operation and every parameter is described', () => {
  let y: TestYonder;

  beforeAll(async () => {
    y = await TestYonder.start();
  });
  afterAll(async () => y?.close());

  it('no operation and no parameter lacks a description', async () => {
    const reply = await y.request('GET', '/openapi.json', { token: null });
    expect(reply.status).toBe(200);
    const missing: string[] = [];
    for (const [path, item] of Object.entries(reply.body.paths as Record<string, Record<string, Operation>>)) {
      for (const [method, operation] of Object.entries(item)) {
        const where = `${method.toUpperCase()} ${path}`;
        if (!operation.description?.trim()) missing.push(where);
        for (const parameter of operation.parameters ?? []) {
          if (!parameter.description?.trim()) missing.push(`${where} ${parameter.in} ${parameter.name}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
