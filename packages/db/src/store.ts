// What runs on node-postgres alone: the export store, and what the worker
// needs besides. The worker imports only this entry (a lint rule checks it),
// so that Prisma and its query compiler (some 80 MB of memory) never load there.
export * from './exports/index.js';
export * from './queue/index.js';
export * from './workers/index.js';
export { createTodoReader, type TodoReader, type TodoReaderFactory } from './todos/todo-reader.js';
export {
  TOMBSTONE_RETENTION_DAYS,
  purgeOldTombstones,
  todoChangesSince,
  type TodoChanges,
} from './todos/todo-changes.js';
export {
  ownerCalendarSettings,
  type OwnerCalendarSettings,
} from './accounts/owner-calendar-settings.js';
export { createDatabasePool, type DatabasePoolOptions } from './database-pool.js';
export { ASYNCHRONOUS_COMMIT, withSessionSettings } from './database-url.js';
export { inTransaction, rows, type Database } from './database.js';
export { selectionOf, type TodoSelection } from './todos/todo-selection.js';
export { LOCAL_OWNER_ID, LOCAL_OWNER_EMAIL } from './accounts/local-owner.js';
export { purgeExpiredSessions } from './accounts/expired-sessions.js';
export {
  createFeedStore,
  type FeedStore,
  type FeedToSend,
  type FeedToRender,
  type FeedRender,
  type OwnerRender,
} from './feeds/feed-store.js';
