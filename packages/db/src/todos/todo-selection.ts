import { deadlineWindowEnd, formatFloatingDateTime } from '@taskoverflow/contracts';
import sql, { empty, type Sql } from 'sql-template-tag';

export interface TodoSelection {
  completed?: boolean | undefined;
  /**
   * Deadline within the next N days; past deadlines included. An all-day
   * deadline is within them when its day is (it is stored as its midnight).
   */
  window?: number | undefined;
}

/** The selection a stored row names (an export's, a feed's): its null columns select everything. */
export function selectionOf({
  completed,
  windowDays,
}: {
  completed: boolean | null;
  windowDays: number | null;
}): { completed?: boolean; window?: number } {
  return {
    ...(completed === null ? {} : { completed }),
    ...(windowDays === null ? {} : { window: windowDays }),
  };
}

/**
 * The todos of `ownerId` that a list, a calendar export or a feed selects, as
 * SQL conditions on `todos` for a WHERE clause. `floatingNow` is the current
 * wall-clock time as a floating time, since deadlines carry no zone.
 */
export function todoSelectionSql(
  ownerId: string,
  selection: TodoSelection,
  floatingNow: Date,
): Sql {
  const deadlineBy = windowEnd(selection, floatingNow);
  const completed =
    selection.completed === undefined ? empty : sql` AND completed = ${selection.completed}`;
  // Deadlines are floating times (timestamp without zone, whole seconds): compared as wall-clock text.
  // An all-day deadline is its day's midnight, so it is taken exactly when its day is in the window.
  const deadline =
    deadlineBy === undefined
      ? empty
      : sql` AND deadline_at <= ${formatFloatingDateTime(deadlineBy)}::timestamp`;
  return sql`owner_id = ${ownerId}::uuid${completed}${deadline}`;
}

/** The latest deadline a window selects, as a floating time; undefined without a window. */
function windowEnd({ window }: TodoSelection, floatingNow: Date): Date | undefined {
  return window === undefined ? undefined : deadlineWindowEnd(floatingNow, window);
}
