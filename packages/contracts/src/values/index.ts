// The rules that the API, the worker, the calendar and the web share, written
// once: deadlines, the deadline window, export statuses and their transitions,
// and limits. Schema-free (no TypeBox), so the web's bundle can import it; the
// schemas in the main entry are built from these values, never the reverse.
export * from './api-paths.js';
export * from './deadline-window.js';
export * from './export-statuses.js';
export * from './floating-date-time.js';
export * from './limits.js';
export * from './sign-up.js';
export * from './token-scopes.js';
