import type { TestProject } from 'vitest/node';
import { startTestDatabaseServer } from './test-database-server.js';
import './test-database.js';

/** Vitest global setup: one database server and one migrated template per test run. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startTestDatabaseServer();
  project.provide('testDatabaseServer', { adminUrl: server.adminUrl, template: server.template });
  return () => server.stop();
}
