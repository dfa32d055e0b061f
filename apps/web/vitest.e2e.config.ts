import { defineConfig } from 'vitest/config';

// Browser tests against the real system (see e2e/global-setup.ts): one system,
// one file at a time, generous time limits for a cold PostgreSQL start.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
    reporters: process.env.CI ? ['default', 'junit'] : ['default'],
    outputFile: { junit: 'test-results/junit-e2e.xml' },
  },
});
