import { QuotaExceededError, floatingWallClock, isFloatingDate } from '@taskoverflow/contracts';
import sql, { raw, type Sql } from 'sql-template-tag';
import { prepared, preparedByShape, rows, type Database } from '../database.js';
import { createGroupCommit } from '../group-commit.js';
import type { Prisma } from '../generated/prisma/client.js';
import { DEADLINE_TEXT } from './todo-columns.js';
import { todoSelectionSql, type TodoSelection } from './todo-selection.js';

export interface TodoFields {
  title?: string | undefined;
  description?: string | undefined;
  completed?: boolean | undefined;
  /** A floating local time or a date alone (all day), as validated; null to clear it. */
  deadline_at?: string | null | undefined;
}

/** A stored todo, as the todo routes answer with it. */
export interface StoredTodo {
  id: number;
  title: string;
  description: string;
  completed: boolean;
  /** A floating local time (`YYYY-MM-DDTHH:MM:SS`) or a date alone (all day), as the contract writes it. */
  deadlineAt: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface Page {
  limit?: number | undefined;
  offset?: number | undefined;
}

/**
 * Gives every todo of `fromOwnerId` to `toOwnerId` (the first account takes the
 * local owner's), inside the caller's Prisma transaction (the account's creation).
 * @returns how many todos it gave.
 */
export async function transferTodos(
  tx: Prisma.TransactionClient,
  fromOwnerId: string,
  toOwnerId: string,
): Promise<number> {
  // Not a plain UPDATE: its trigger would write each owner's row once per todo, and that
  // costs the square of their number in one transaction (migration 20261217000000_todo_row_triggers).
  const [given] = await tx.$queryRaw<[{ n: number }]>`
    SELECT give_todos(${fromOwnerId}::uuid, ${toOwnerId}::uuid) AS n`;
  return given.n;
}

const STORED_TODO = raw(`id, title, description, completed, ${DEADLINE_TEXT} AS "deadlineAt",
  created_at AS "createdAt", updated_at AS "updatedAt"`);

/**
 * The deadline columns' new values: both whenever the deadline is given, so
 * that neither outlives the other; null for the column to keep (in an update).
 */
function deadlineValues(deadline_at: string | null | undefined) {
  if (deadline_at === undefined) return { at: null, allDay: null };
  if (deadline_at === null) return { at: null, allDay: false };
  const allDay = isFloatingDate(deadline_at);
  // Stored as the floating text itself (a day alone is its midnight), never through a Date and a zone.
  return { at: allDay ? `${deadline_at}T00:00:00` : deadline_at, allDay };
}

/** The most writes of one owner in one statement. */
const MAX_BATCH = 64;

interface Creation {
  fields: TodoFields & { title: string };
  /** The todos the owner may hold; null: no quota. */
  quota: number | null;
}

interface Update {
  id: number;
  fields: TodoFields;
}

/** Field by field, one array per column: the writes of a batch as statement parameters. */
function fieldColumns(writes: { fields: TodoFields }[]) {
  const deadlines = writes.map(({ fields }) => deadlineValues(fields.deadline_at));
  return [
    writes.map(({ fields }) => fields.title ?? null),
    writes.map(({ fields }) => fields.description ?? null),
    writes.map(({ fields }) => fields.completed ?? null),
    deadlines.map((deadline) => deadline.at),
    deadlines.map((deadline) => deadline.allDay),
  ];
}

/**
 * Inserts the owner's new todos in one statement, in their order, while the
 * owner holds fewer than the quota (the same for all): the todos beyond it
 * are not inserted (null). The owner's row of owner_revisions is locked first (its
 * todo count, kept by the todos' trigger, is what the quota counts), so that
 * two batches at the quota's edge count one after the other.
 */
async function createTodos(
  db: Database,
  ownerId: string,
  creations: Creation[],
): Promise<(StoredTodo | null)[]> {
  const [titles, descriptions, completed, deadlines, allDays] = fieldColumns(creations);
  const created = await rows<StoredTodo>(
    db,
    prepared(
      'todos-create',
      sql`
        WITH o AS MATERIALIZED (
          SELECT owner_id, todo_count FROM owner_revisions
           WHERE owner_id = ${ownerId}::uuid FOR NO KEY UPDATE)
        INSERT INTO todos (owner_id, title, description, completed, deadline_at, deadline_all_day, updated_at)
        SELECT o.owner_id, n.title, COALESCE(n.description, ''), COALESCE(n.completed, false),
               n.deadline_at, COALESCE(n.all_day, false), now()
          FROM o, unnest(${titles}::text[], ${descriptions}::text[], ${completed}::boolean[],
                         ${deadlines}::timestamp[], ${allDays}::boolean[])
                  WITH ORDINALITY AS n(title, description, completed, deadline_at, all_day, ord)
         WHERE o.todo_count + n.ord <= ${creations[0]!.quota}::int IS NOT FALSE
         ORDER BY n.ord
        RETURNING ${STORED_TODO}`,
    ),
  );
  // Ids are drawn in insertion order, the creations' order; those refused are the last.
  created.sort((a, b) => a.id - b.id);
  return creations.map((_, i) => created[i] ?? null);
}

/** Updates todos of the owner in one call of `update_todos` (migration 20261218000000_todo_write_batches); null for an id the owner has not. */
async function updateTodos(
  db: Database,
  ownerId: string,
  updates: Update[],
): Promise<(StoredTodo | null)[]> {
  const ids = updates.map((update) => update.id);
  const [titles, descriptions, completed, deadlines, allDays] = fieldColumns(updates);
  const updated = await rows<StoredTodo>(
    db,
    prepared(
      'todos-update',
      sql`SELECT ${STORED_TODO} FROM update_todos(${ownerId}::uuid, ${ids}::int[], ${titles}::text[],
            ${descriptions}::text[], ${completed}::boolean[], ${deadlines}::timestamp[], ${allDays}::boolean[])`,
    ),
  );
  const byId = new Map(updated.map((todo) => [todo.id, todo]));
  return ids.map((id) => byId.get(id) ?? null);
}

/**
 * The only place the todo routes reach the database. Every call names the
 * owner, and reads or writes only that owner's todos: another owner's todo is
 * as absent as one that does not exist. The statements, run on every request,
 * are prepared on node-postgres; creations and updates of one owner that
 * arrive together share one (group commit).
 */
export function createTodosRepository(db: Database, clock: () => Date = () => new Date()) {
  const selected = (ownerId: string, selection: TodoSelection): Sql =>
    todoSelectionSql(ownerId, selection, floatingWallClock(clock()));
  const count = async (ownerId: string, selection: TodoSelection): Promise<number> => {
    const [row] = await rows<{ count: number }>(
      db,
      preparedByShape(
        sql`SELECT count(*)::int AS count FROM todos WHERE ${selected(ownerId, selection)}`,
      ),
    );
    return row!.count;
  };
  const one = async (statement: Sql, name: string): Promise<StoredTodo | null> =>
    (await rows<StoredTodo>(db, prepared(name, statement)))[0] ?? null;
  // The writes of one owner that arrive together go as one statement (see createGroupCommit).
  const createInBatch = createGroupCommit(
    (ownerId, creations: Creation[]) => createTodos(db, ownerId, creations),
    // One quota per batch: the todos refused are then the batch's last.
    { maxBatch: MAX_BATCH, conflict: (a, b) => a.quota !== b.quota },
  );
  const updateInBatch = createGroupCommit(
    (ownerId, updates: Update[]) => updateTodos(db, ownerId, updates),
    { maxBatch: MAX_BATCH, conflict: (a, b) => a.id === b.id },
  );

  return {
    /** One page of the owner's todos ordered by id; `total` counts all that match. */
    async page(
      ownerId: string,
      selection: TodoSelection,
      { limit, offset = 0 }: Page,
    ): Promise<{ todos: StoredTodo[]; total: number }> {
      const where = selected(ownerId, selection);
      const [todos, total] = await Promise.all([
        rows<StoredTodo>(
          db,
          preparedByShape(sql`SELECT ${STORED_TODO} FROM todos WHERE ${where}
               ORDER BY owner_id, id LIMIT ${limit ?? null} OFFSET ${offset}`),
        ),
        count(ownerId, selection),
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
    ): AsyncGenerator<StoredTodo[]> {
      const where = selected(ownerId, selection);
      for (let after = 0, skip = offset; ; skip = 0) {
        // In the (owner_id, id) index's order: a range scan of it.
        const batch = await rows<StoredTodo>(
          db,
          preparedByShape(sql`SELECT ${STORED_TODO} FROM todos WHERE ${where} AND id > ${after}
               ORDER BY owner_id, id LIMIT ${size} OFFSET ${skip}`),
        );
        if (batch.length) yield batch;
        if (batch.length < size) return;
        after = batch.at(-1)!.id;
      }
    },

    count,

    get(ownerId: string, id: number): Promise<StoredTodo | null> {
      return one(
        sql`SELECT ${STORED_TODO} FROM todos WHERE id = ${id} AND owner_id = ${ownerId}::uuid`,
        'todos-get',
      );
    },

    /**
     * Creates a todo of the owner's unless they hold `quota` todos already
     * (null: no quota, AUTH_MODE=local), then throws QuotaExceededError.
     */
    async create(
      ownerId: string,
      fields: TodoFields & { title: string },
      quota: number | null,
    ): Promise<StoredTodo> {
      const todo = await createInBatch(ownerId, { fields, quota });
      if (todo) return todo;
      throw quota === null
        ? new Error(`No owner ${ownerId}`)
        : new QuotaExceededError('todos', quota);
    },

    /**
     * @returns the updated todo, or null when the owner has none with this id.
     * An update that changes a field counts as an edit (the todo's `sequence`
     * grows); one that changes nothing leaves the todo as it was, `updated_at`
     * included (the `todos_advance_owners` trigger decides both).
     */
    update(ownerId: string, id: number, fields: TodoFields): Promise<StoredTodo | null> {
      return updateInBatch(ownerId, { id, fields });
    },

    /** @returns whether one of the owner's todos was deleted. */
    async remove(ownerId: string, id: number): Promise<boolean> {
      const { rowCount } = await db.query(
        prepared(
          'todos-remove',
          sql`DELETE FROM todos WHERE id = ${id} AND owner_id = ${ownerId}::uuid`,
        ),
      );
      return rowCount === 1;
    },
  };
}

export type TodosRepository = ReturnType<typeof createTodosRepository>;
