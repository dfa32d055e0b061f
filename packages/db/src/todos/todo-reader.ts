import type { CalendarTodo } from '@taskoverflow/calendar';
import sql, { raw } from 'sql-template-tag';
import { preparedByShape, rows, type Database } from '../database.js';
import { DEADLINE_TEXT } from './todo-columns.js';
import { todoSelectionSql, type TodoSelection } from './todo-selection.js';

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
  db: Database,
  ownerId: string,
  selection: TodoSelection,
  floatingNow: Date,
): TodoReader {
  const selected = todoSelectionSql(ownerId, selection, floatingNow);
  return {
    async count() {
      const [row] = await rows<{ count: number }>(
        db,
        preparedByShape(sql`SELECT count(*)::int AS count FROM todos WHERE ${selected}`),
      );
      return row!.count;
    },
    async readAfter(afterId, limit) {
      return rows<CalendarTodo>(
        db,
        preparedByShape(sql`
          SELECT id, title, description,
                 ${raw(DEADLINE_TEXT)} AS "deadlineAt",
                 sequence, created_at AS "createdAt", updated_at AS "updatedAt"
            FROM todos WHERE ${selected} AND id > ${afterId}
           -- The owner first, as the (owner_id, id) index orders them: a range scan of that index,
           -- whatever the planner knows of the table (statistics lag behind a bulk insert).
           ORDER BY owner_id, id LIMIT ${limit}`),
      );
    },
  };
}
