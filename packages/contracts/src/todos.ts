import { Type, type Static } from 'typebox';
import { Text } from './text.js';
import { FLOATING_DATE_FORMAT, FLOATING_DATE_TIME_FORMAT } from './values/floating-date-time.js';
import {
  DESCRIPTION_MAX_LENGTH,
  LIST_LIMIT_MAX,
  POSTGRES_INTEGER_MAX,
  TITLE_MAX_LENGTH,
  WINDOW_DAYS_MAX,
} from './values/limits.js';

const deadline = {
  description:
    'Floating local time YYYY-MM-DDTHH:MM:SS (no offset), or a date alone YYYY-MM-DD (all day); ' +
    'given back exactly as sent',
  examples: ['2026-03-01T14:00:00', '2026-03-01'],
};
/** Validated on the way in; on the way out it is what the database holds. */
const Deadline = Type.Union(
  [
    Type.String({ format: FLOATING_DATE_TIME_FORMAT, examples: ['2026-03-01T14:00:00'] }),
    Type.String({ format: FLOATING_DATE_FORMAT, examples: ['2026-03-01'] }),
  ],
  deadline,
);

export const Todo = Type.Object(
  {
    id: Type.Integer({ minimum: 1 }),
    title: Type.String(),
    description: Type.String(),
    completed: Type.Boolean(),
    deadline_at: Type.Union([Type.String(deadline), Type.Null()]),
    created_at: Type.String({ format: 'date-time' }),
    updated_at: Type.String({ format: 'date-time' }),
  },
  { $id: 'Todo' },
);
export type Todo = Static<typeof Todo>;

const todoFields = {
  // Line breaks and tabs stay allowed in both: titles have held them, and the calendar escapes them.
  title: Text({ maxLength: TITLE_MAX_LENGTH, notBlank: true }),
  description: Text({ maxLength: DESCRIPTION_MAX_LENGTH }),
  completed: Type.Boolean(),
  deadline_at: Type.Union([Deadline, Type.Null()]),
};

export const CreateTodoBody = Type.Object(
  {
    title: todoFields.title,
    description: Type.Optional(todoFields.description),
    completed: Type.Optional(todoFields.completed),
    deadline_at: Type.Optional(todoFields.deadline_at),
  },
  { additionalProperties: false },
);
export type CreateTodoBody = Static<typeof CreateTodoBody>;

/** A partial update: any subset of the fields; `id` is not one of them. */
export const UpdateTodoBody = Type.Object(
  {
    title: Type.Optional(todoFields.title),
    description: Type.Optional(todoFields.description),
    completed: Type.Optional(todoFields.completed),
    deadline_at: Type.Optional(todoFields.deadline_at),
  },
  { additionalProperties: false },
);
export type UpdateTodoBody = Static<typeof UpdateTodoBody>;

/** Which todos: shared by the todo list and the calendar export. */
export const TodoSelection = {
  completed: Type.Optional(
    Type.Boolean({ description: 'Only done (true) or only open (false) todos' }),
  ),
  window: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: WINDOW_DAYS_MAX,
      description: 'Only todos whose deadline is within the next N days (past deadlines included)',
    }),
  ),
};

export const ListTodosQuery = Type.Object(
  {
    ...TodoSelection,
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: LIST_LIMIT_MAX,
        description: 'Page size; all todos when absent',
      }),
    ),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: POSTGRES_INTEGER_MAX, default: 0 })),
  },
  { additionalProperties: false },
);
export type ListTodosQuery = Static<typeof ListTodosQuery>;

export const TodoIdParams = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: POSTGRES_INTEGER_MAX }),
});
export type TodoIdParams = Static<typeof TodoIdParams>;
