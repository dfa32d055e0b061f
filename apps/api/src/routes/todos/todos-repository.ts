import { floatingWallClock, parseFloatingDateTime } from '@taskoverflow/contracts';
import {
  Prisma,
  todoSelectionWhere,
  type PrismaClient,
  type Todo,
  type TodoSelection,
} from '@taskoverflow/db';

export interface TodoFields {
  title?: string | undefined;
  description?: string | undefined;
  completed?: boolean | undefined;
  /** Floating local time text, or null to clear it. */
  deadline_at?: string | null | undefined;
}

export interface Page {
  limit?: number | undefined;
  offset?: number | undefined;
}

function toData({ title, description, completed, deadline_at }: TodoFields) {
  return {
    title,
    description,
    completed,
    deadlineAt: deadline_at === undefined ? undefined : deadline_at && parseFloatingDateTime(deadline_at),
  };
}

function isNotFound(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2025';
}

/** The only place the todo routes reach the database. */
export function createTodosRepository(prisma: PrismaClient, clock: () => Date = () => new Date()) {
  return {
    /** Todos ordered by id; `total` counts all that match, whatever the page. */
    async list(selection: TodoSelection, page: Page = {}): Promise<{ todos: Todo[]; total: number }> {
      const where = todoSelectionWhere(selection, floatingWallClock(clock()));
      const todos = await prisma.todo.findMany({
        where,
        orderBy: { id: 'asc' },
        take: page.limit,
        skip: page.offset || undefined,
      });
      const paged = page.limit !== undefined || Boolean(page.offset);
      return { todos, total: paged ? await prisma.todo.count({ where }) : todos.length };
    },

    get(id: number): Promise<Todo | null> {
      return prisma.todo.findUnique({ where: { id } });
    },

    create(fields: TodoFields & { title: string }): Promise<Todo> {
      return prisma.todo.create({ data: { ...toData(fields), title: fields.title } });
    },

    /** @returns the updated todo, or null when there is none with this id. */
    async update(id: number, fields: TodoFields): Promise<Todo | null> {
      try {
        return await prisma.todo.update({ where: { id }, data: toData(fields) });
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },

    /** @returns whether a todo was deleted. */
    async remove(id: number): Promise<boolean> {
      const { count } = await prisma.todo.deleteMany({ where: { id } });
      return count > 0;
    },
  };
}

export type TodosRepository = ReturnType<typeof createTodosRepository>;
