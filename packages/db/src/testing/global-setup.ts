import type { TestProject } from 'vitest/node';
import { startTestDatabaseServer } from './test-database-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabaseServer: { adminUrl: string; template: string };
  }
}

/** Vitest global setup: one database server and one migrated template per test run. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startTestDatabaseServer();
  project.provide('testDatabaseServer', { adminUrl: server.adminUrl, template: server.template });
  return () => server.stop();
}
