import { defineConfig } from 'vitest/config';

/**
 * Browser tests: headless Chromium (Debian's, at /usr/bin/chromium) with a CDP virtual
 * authenticator, against yonder listening on localhost. SQLite store; one file at a time, as
 * each launches a browser. The console is built first when it is missing or stale.
 */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    // Builds the console when dist/console is missing or older than console/.
    globalSetup: ['test/browser/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    env: { YONDER_TEST_ENGINE: 'sqlite' },
  },
});
