export { createTestDatabase, type TestDatabase } from './test-database.js';
export { startTestDatabaseServer, type TestDatabaseServer } from './test-database-server.js';
