import type { ExportScope } from '@taskoverflow/db';
import type { Caller } from '../plugins/authentication.js';

/** The caller's own exports: what the export routes and the event stream of a user reach. */
export const ownExports = (caller: Caller): ExportScope => ({ ownerId: caller.userId });

/**
 * What the caller sees and may act on in the jobs monitor: the whole queue for
 * the admin (and for the local owner, the only user of AUTH_MODE=local); their
 * own exports for everyone else.
 */
export const monitorScope = (caller: Caller): ExportScope =>
  caller.role === 'member' ? ownExports(caller) : 'everyone';

/** Whether an event about `ownerId`'s export is in the scope. */
export const eventInScope = (scope: ExportScope, ownerId: string): boolean =>
  scope === 'everyone' || scope.ownerId === ownerId;
