export { createTestDatabase, type TestDatabase } from './test-database.js';
export { createTestDatabaseClients, type TestDatabaseClients } from './test-database-clients.js';
export {
  adminQuery,
  startTestDatabaseServer,
  type TestDatabaseServer,
} from './test-database-server.js';
