import sql, { raw, type Sql } from 'sql-template-tag';

/**
 * Whose exports a read or a change may reach: one user's, or everyone's (the
 * admin's jobs monitor). Every read and change the store offers to the API
 * takes one, so no route can forget it: another user's export is as missing.
 */
export type ExportScope = { ownerId: string } | 'everyone';

/** The scope as a condition on `calendar_exports` (under `alias`, if any). */
export function inScope(scope: ExportScope, alias?: string): Sql {
  if (scope === 'everyone') return sql`true`;
  const column = raw(alias ? `${alias}.owner_id` : 'owner_id');
  return sql`${column} = ${scope.ownerId}::uuid`;
}
