export { createTestDatabase, type TestDatabase } from './test-database.js';
export {
  adminQuery,
  startTestDatabaseServer,
  type TestDatabaseServer,
} from './test-database-server.js';
