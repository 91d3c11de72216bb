import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestYonder, describeApi } from '../support/harness.js';

/**
 * The console's API types (console/src/api-types.gen.ts) are generated from yonder's own
 * `/openapi.json` by openapi-typescript, and committed so the console typechecks without a
 * running server. This test regenerates them and compares: a server change to a response shape
 * the console reads fails here until the file is regenerated, and then fails the console's
 * typecheck wherever the console no longer fits. `npm run api-types` rewrites the file.
 */

const GENERATED = fileURLToPath(new URL('../../console/src/api-types.gen.ts', import.meta.url));
const HEADER = '// Generated from /openapi.json by test/api/console-api-types.test.ts (npm run api-types); do not edit.\n\n';

describeApi('console API types', () => {
  let y: TestYonder;
  beforeAll(async () => {
    y = await TestYonder.start();
  });
  afterAll(async () => y?.close());

  it('console/src/api-types.gen.ts is what openapi-typescript makes of /openapi.json today', async () => {
    const openapi = (await y.request('GET', '/openapi.json', { token: null })).body as Parameters<typeof openapiTS>[0];
    const generated = HEADER + astToString(await openapiTS(openapi));
    if (process.env.YONDER_WRITE_API_TYPES === '1') writeFileSync(GENERATED, generated);
    expect(readFileSync(GENERATED, 'utf8'), 'regenerate with `npm run api-types`').toBe(generated);
  });
});
