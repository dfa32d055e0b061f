export { createPrismaClient, type PrismaClientOptions } from './prisma-client.js';
export { PrismaClient, Prisma } from './generated/prisma/client.js';
export {
  migrate,
  readMigrations,
  unappliedMigrations,
  defaultMigrationsDir,
  MigrationError,
  type Migration,
} from './migrations.js';
export { withDatabaseName, redactDatabaseUrl } from './database-url.js';
export { findFreePort } from './free-port.js';
export { embeddedDatabaseUrl } from './embedded-password.js';
export * from './store.js';
export type {
  ApiToken,
  CalendarExport,
  CalendarFeed,
  ExportStatus,
  Invite,
  Session,
  User,
  UserRole,
  WorkerHeartbeat,
} from './generated/prisma/client.js';
export { isUniqueViolation } from './unique-violation.js';
export { isDatabaseUnavailable } from './database-unavailable.js';
export { isSecretShaped, randomSecret, sha256Hex } from './secrets.js';
export * from './accounts/index.js';
export { listenToDatabaseEvents, type DatabaseEvents } from './database-events.js';
export { createCalendarExportsRepository } from './exports/calendar-exports-repository.js';
export type { ExportEventState, ObservedExport } from './exports/export-event-state.js';
export {
  createFeedsRepository,
  type FeedsRepository,
  type FeedWithSecret,
} from './feeds/feeds-repository.js';
export {
  createTodosRepository,
  type StoredTodo,
  type TodoFields,
  type TodosRepository,
} from './todos/todos-repository.js';
export { createOwnerRevisions, type OwnerRevisions } from './todos/owner-revisions.js';
