import { fileURLToPath } from 'node:url';
import { defaultServerConditions } from 'vite';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

// Tests run the workspace packages from their TypeScript sources (see the
// `@taskoverflow/source` export condition), so nothing has to be built first.
const sourceConditions = ['@taskoverflow/source', ...defaultServerConditions];

// One PostgreSQL and one migrated template database per test run (see @taskoverflow/db/testing).
const databaseGlobalSetup = fileURLToPath(
  new URL('packages/db/src/testing/global-setup.ts', import.meta.url),
);

/** The vitest config every workspace uses; `database` starts the test PostgreSQL. */
export function workspaceTestConfig({ database = false } = {}): ViteUserConfig {
  return defineConfig({
    resolve: { conditions: sourceConditions },
    ssr: { resolve: { conditions: sourceConditions } },
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      globalSetup: database ? [databaseGlobalSetup] : [],
      testTimeout: 20_000,
      hookTimeout: 60_000,
      reporters: process.env.CI ? ['default', 'junit'] : ['default'],
      outputFile: { junit: 'test-results/junit.xml' },
    },
  });
}
