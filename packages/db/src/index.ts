export { createPrismaClient, type PrismaClientOptions } from './prisma-client.js';
export { PrismaClient, Prisma, type Todo } from './generated/prisma/client.js';
export {
  migrate,
  readMigrations,
  pendingMigrations,
  defaultMigrationsDir,
  MigrationError,
  type Migration,
} from './migrations.js';
export { withDatabaseName, redactDatabaseUrl } from './database-url.js';
export { todoSelectionWhere } from './todo-selection.js';
export { findFreePort } from './free-port.js';
export * from './store.js';
export type {
  ApiToken,
  CalendarExport,
  CalendarFeed,
  ExportStatus,
  Session,
  User,
  UserRole,
  WorkerHeartbeat,
} from './generated/prisma/client.js';
export { isUniqueViolation } from './unique-violation.js';
