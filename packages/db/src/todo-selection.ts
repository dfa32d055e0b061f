import type { Prisma } from './generated/prisma/client.js';

const DAY_MS = 86_400_000;

export interface TodoSelection {
  completed?: boolean | undefined;
  /** Deadline within the next N days; past deadlines included. */
  window?: number | undefined;
}

/**
 * The todos of `ownerId` that a list or a calendar export selects. `floatingNow`
 * is the current wall-clock time as a floating time, since deadlines carry no zone.
 */
export function todoSelectionWhere(
  ownerId: string,
  selection: TodoSelection,
  floatingNow: Date,
): Prisma.TodoWhereInput {
  return {
    ownerId,
    ...(selection.completed === undefined ? {} : { completed: selection.completed }),
    ...(selection.window === undefined
      ? {}
      : {
          deadlineAt: {
            not: null,
            lte: new Date(floatingNow.getTime() + selection.window * DAY_MS),
          },
        }),
  };
}
