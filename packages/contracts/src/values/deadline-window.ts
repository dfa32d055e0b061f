const DAY_MS = 86_400_000;

/**
 * The latest deadline that a `window` of `days` selects: `now` plus that many
 * whole days (past deadlines are selected too). `floatingNow` is the current
 * wall-clock time as a floating time, since deadlines carry no zone; an
 * all-day deadline is its day's midnight, so it is selected exactly when its
 * day is in the window. The API's list, exports, feeds and the web's filter
 * all compare against this one end.
 */
export function deadlineWindowEnd(floatingNow: Date, days: number): Date {
  return new Date(floatingNow.getTime() + days * DAY_MS);
}

/** Whether a deadline (a floating time, see {@link deadlineWindowEnd}) falls within a window of `days`. */
export function isWithinWindow(deadlineAt: Date, floatingNow: Date, days: number): boolean {
  return deadlineAt.getTime() <= deadlineWindowEnd(floatingNow, days).getTime();
}
