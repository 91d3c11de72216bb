import { defineConfig } from 'vitest/config';

/**
 * The same suite runs twice: once on the embedded SQLite store and once on PostgreSQL. Browser
 * tests live in their own script (`npm run test:browser`).
 *
 * Test files share their worker (`isolate: false`): importing the app's modules again for every
 * file cost about a second each, and the app's compiled request validators are reused across the
 * apps the files build (src/http/validation.ts). Nothing the tests rely on lives in module state:
 * every file starts its own yonder on its own store, and no test changes the environment or mocks
 * a module.
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    isolate: false,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['test/api/**/*.test.ts'],
          env: { YONDER_TEST_ENGINE: 'sqlite' },
          // Migrates the SQLite file every test file starts from a copy of.
          globalSetup: ['test/support/sqlite-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ['test/api/**/*.test.ts'],
          env: { YONDER_TEST_ENGINE: 'postgres' },
          // Checks the server is there and migrates the template database every test file copies.
          globalSetup: ['test/support/postgres-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'process',
          include: ['test/process/**/*.test.ts'],
          globalSetup: ['test/support/build-setup.ts'],
          // Whole servers start and stop here; on a busy 2-core machine that takes a while.
          testTimeout: 120_000,
        },
      },
    ],
  },
});
