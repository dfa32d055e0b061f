import type { CalendarTodo } from '@taskoverflow/calendar';
import { formatFloatingDateTime } from '@taskoverflow/contracts';
import { todoSelectionWhere, type PrismaClient, type TodoSelection } from '@taskoverflow/db';

/** The selected todos, read in id order one batch at a time. */
export interface TodoReader {
  count(): Promise<number>;
  /** Up to `limit` todos with an id above `afterId`, in id order. */
  readAfter(afterId: number, limit: number): Promise<CalendarTodo[]>;
}

/** Makes the reader of the todos of `ownerId` a selection takes; `floatingNow` fixes "now" for the whole export. */
export type TodoReaderFactory = (
  ownerId: string,
  selection: TodoSelection,
  floatingNow: Date,
) => TodoReader;

/** Reads the todos of `ownerId` a selection takes; `floatingNow` fixes "now" for the whole export. */
export function createTodoReader(
  prisma: PrismaClient,
  ownerId: string,
  selection: TodoSelection,
  floatingNow: Date,
): TodoReader {
  const where = todoSelectionWhere(ownerId, selection, floatingNow);
  return {
    count: () => prisma.todo.count({ where }),
    async readAfter(afterId, limit) {
      const todos = await prisma.todo.findMany({
        where: { ...where, id: { gt: afterId } },
        orderBy: { id: 'asc' },
        take: limit,
        select: {
          id: true,
          title: true,
          description: true,
          deadlineAt: true,
          createdAt: true,
          updatedAt: true,
        },
      });
      return todos.map((todo) => ({
        ...todo,
        deadlineAt: todo.deadlineAt === null ? null : formatFloatingDateTime(todo.deadlineAt),
      }));
    },
  };
}
