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
    deadlineAt:
      deadline_at === undefined ? undefined : deadline_at && parseFloatingDateTime(deadline_at),
  };
}

function isNotFound(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2025';
}

/** The only place the todo routes reach the database. */
export function createTodosRepository(prisma: PrismaClient, clock: () => Date = () => new Date()) {
  return {
    /** One page of todos ordered by id; `total` counts all that match. */
    async page(selection: TodoSelection, page: Page): Promise<{ todos: Todo[]; total: number }> {
      const where = todoSelectionWhere(selection, floatingWallClock(clock()));
      const [todos, total] = await Promise.all([
        prisma.todo.findMany({
          where,
          orderBy: { id: 'asc' },
          take: page.limit,
          skip: page.offset || undefined,
        }),
        prisma.todo.count({ where }),
      ]);
      return { todos, total };
    },

    /**
     * The matching todos ordered by id from the `offset`th on, `size` at a time:
     * keyset pages after the first, so the last query is as quick as the first,
     * and memory holds one batch. A window counts from the first batch's clock.
     * Todos changed meanwhile may show their old or new state, each at most once.
     */
    async *inBatches(selection: TodoSelection, size: number, offset = 0): AsyncGenerator<Todo[]> {
      const where = todoSelectionWhere(selection, floatingWallClock(clock()));
      for (let after = 0, skip = offset; ; skip = 0) {
        const batch = await prisma.todo.findMany({
          where: { AND: [where, { id: { gt: after } }] },
          orderBy: { id: 'asc' },
          take: size,
          skip: skip || undefined,
        });
        if (batch.length) yield batch;
        if (batch.length < size) return;
        after = batch.at(-1)!.id;
      }
    },

    count(selection: TodoSelection): Promise<number> {
      return prisma.todo.count({
        where: todoSelectionWhere(selection, floatingWallClock(clock())),
      });
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
