import { floatingWallClock, parseDeadline } from '@taskoverflow/contracts';
import type { Prisma, PrismaClient, Todo } from '../generated/prisma/client.js';
import { todoSelectionWhere, type TodoSelection } from './todo-selection.js';

export interface TodoFields {
  title?: string | undefined;
  description?: string | undefined;
  completed?: boolean | undefined;
  /** A floating local time or a date alone (all day), as validated; null to clear it. */
  deadline_at?: string | null | undefined;
}

export interface Page {
  limit?: number | undefined;
  offset?: number | undefined;
}

/** Both deadline columns whenever the deadline is given, so that neither outlives the other. */
function deadlineData(deadline_at: string | null | undefined) {
  if (deadline_at === undefined) return {};
  const deadline = deadline_at === null ? undefined : parseDeadline(deadline_at);
  return { deadlineAt: deadline?.at ?? null, deadlineAllDay: deadline?.allDay ?? false };
}

function toData({ title, description, completed, deadline_at }: TodoFields) {
  return { title, description, completed, ...deadlineData(deadline_at) };
}

/**
 * Gives every todo of `fromOwnerId` to `toOwnerId` (the first account takes the
 * local owner's), inside the caller's Prisma transaction (the account's creation).
 * @returns how many todos it gave.
 */
export function transferTodos(
  tx: Prisma.TransactionClient,
  fromOwnerId: string,
  toOwnerId: string,
): Promise<number> {
  // Raw, so that the todos keep their updated_at: a new owner is no edit (calendars would say so).
  return tx.$executeRaw`UPDATE todos SET owner_id = ${toOwnerId}::uuid WHERE owner_id = ${fromOwnerId}::uuid`;
}

/**
 * The only place the todo routes reach the database. Every call names the
 * owner, and reads or writes only that owner's todos: another owner's todo is
 * as absent as one that does not exist.
 */
export function createTodosRepository(prisma: PrismaClient, clock: () => Date = () => new Date()) {
  const selected = (ownerId: string, selection: TodoSelection) =>
    todoSelectionWhere(ownerId, selection, floatingWallClock(clock()));

  return {
    /** One page of the owner's todos ordered by id; `total` counts all that match. */
    async page(
      ownerId: string,
      selection: TodoSelection,
      page: Page,
    ): Promise<{ todos: Todo[]; total: number }> {
      const where = selected(ownerId, selection);
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
     * The owner's matching todos ordered by id from the `offset`th on, `size` at a time:
     * keyset pages after the first, so the last query is as quick as the first,
     * and memory holds one batch. A window counts from the first batch's clock.
     * Todos changed meanwhile may show their old or new state, each at most once.
     */
    async *inBatches(
      ownerId: string,
      selection: TodoSelection,
      size: number,
      offset = 0,
    ): AsyncGenerator<Todo[]> {
      const where = selected(ownerId, selection);
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

    count(ownerId: string, selection: TodoSelection): Promise<number> {
      return prisma.todo.count({ where: selected(ownerId, selection) });
    },

    get(ownerId: string, id: number): Promise<Todo | null> {
      return prisma.todo.findFirst({ where: { id, ownerId } });
    },

    create(ownerId: string, fields: TodoFields & { title: string }): Promise<Todo> {
      return prisma.todo.create({ data: { ...toData(fields), title: fields.title, ownerId } });
    },

    /**
     * @returns the updated todo, or null when the owner has none with this id.
     * An update that changes a field counts as an edit (the todo's `sequence`
     * grows); one that changes nothing leaves the todo as it was, `updated_at`
     * included (the `todos_count_edit` trigger decides both).
     */
    async update(ownerId: string, id: number, fields: TodoFields): Promise<Todo | null> {
      const [updated] = await prisma.todo.updateManyAndReturn({
        where: { id, ownerId },
        data: toData(fields),
      });
      return updated ?? null;
    },

    /** @returns whether one of the owner's todos was deleted. */
    async remove(ownerId: string, id: number): Promise<boolean> {
      const { count } = await prisma.todo.deleteMany({ where: { id, ownerId } });
      return count > 0;
    },
  };
}

export type TodosRepository = ReturnType<typeof createTodosRepository>;
