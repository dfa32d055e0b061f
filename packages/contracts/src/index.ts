export * from './errors.js';
export * from './floating-date-time.js';
export * from './text.js';
export * from './todos.js';
export * from './calendar-exports.js';
export * from './monitor.js';
export * from './environment.js';
export * from './service-messages.js';
