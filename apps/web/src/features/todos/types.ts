import type { CreateTodoBody, Todo, UpdateTodoBody } from '@taskoverflow/contracts';

// `deadline_at` is a floating local time `YYYY-MM-DDTHH:MM:SS` (no zone), or a date alone
// `YYYY-MM-DD` (all day): shown as written, never converted.
export type { Todo, UpdateTodoBody };

/** What the todo form sends to `POST /todos` (and `PUT`): every editable field, explicitly. */
export type TodoInput = Required<Pick<CreateTodoBody, 'title' | 'description' | 'deadline_at'>> &
  Pick<CreateTodoBody, 'completed'>;

export interface TodoPage {
  items: Todo[];
  /** Todos matching the filters on all pages (`X-Total-Count`). */
  total: number;
}

export interface TodoCounts {
  all: number;
  active: number;
  completed: number;
}
