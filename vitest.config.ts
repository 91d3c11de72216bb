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
    // Two files at a time, whatever the machine (the default is one per core but one, so one here):
    // many tests wait on PostgreSQL, a child process or a timer, and a second worker fills that time.
    // The API projects take about 60% of the time they take with one; an earlier try with three
    // workers was no faster on 2 cores and timed out a PostgreSQL hook.
    maxWorkers: 2,
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
          setupFiles: ['test/support/process-setup.ts'],
          // Whole servers start and stop here; on a busy 2-core machine that takes a while.
          testTimeout: 120_000,
        },
      },
    ],
  },
});
