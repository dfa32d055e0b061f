import { ApiError } from '../../lib/api-client';
import { joinDeadline, splitDeadline } from './deadline';
import type { Todo, TodoInput } from './types';

/** What the todo form holds: input values, as typed. */
export interface TodoDraft {
  title: string;
  description: string;
  date: string;
  time: string;
}

/** Messages per form field (`deadline` covers date and time); `form` is for the rest. */
export type DraftErrors = Partial<Record<'title' | 'description' | 'deadline' | 'form', string>>;

export const EMPTY_DRAFT: TodoDraft = { title: '', description: '', date: '', time: '' };

/** Whether a kept value (see lib/drafts) is a draft of the todo form. */
export function isTodoDraft(value: unknown): value is TodoDraft {
  if (typeof value !== 'object' || value === null) return false;
  const draft = value as Record<string, unknown>;
  return (['title', 'description', 'date', 'time'] as const).every(
    (field) => typeof draft[field] === 'string',
  );
}

/** Where the add form and each todo's edit form keep what was typed (lib/drafts). */
export const draftKeys = {
  add: 'todos:add',
  edit: (id: number) => `todos:edit:${id}`,
};

/** Nothing typed in any field. */
export function isEmptyDraft(draft: TodoDraft): boolean {
  return Object.values(draft).every((value) => value === '');
}

export function draftFromTodo(todo: Todo): TodoDraft {
  return { title: todo.title, description: todo.description, ...splitDeadline(todo.deadline_at) };
}

/** Checks what the API cannot judge better than we can, and builds the request body. */
export function draftToInput(draft: TodoDraft): { input: TodoInput } | { errors: DraftErrors } {
  const errors: DraftErrors = {};
  if (draft.title.trim() === '') errors.title = 'Enter a title.';
  if (draft.time !== '' && draft.date === '') errors.deadline = 'Choose a date for this time.';
  if (Object.keys(errors).length > 0) return { errors };
  return {
    input: {
      title: draft.title.trim(),
      description: draft.description.trim(),
      // A date without a time is an all-day deadline.
      deadline_at: draft.date === '' ? null : joinDeadline(draft.date, draft.time),
    },
  };
}

const FIELD_OF: Record<string, keyof DraftErrors> = {
  title: 'title',
  description: 'description',
  deadline_at: 'deadline',
};

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Places the API's refusal next to the fields it names; anything else goes to the form. */
export function draftErrorsFrom(error: unknown): DraftErrors {
  if (!(error instanceof ApiError)) return { form: 'Something went wrong. Try again.' };
  const errors: DraftErrors = {};
  const other: string[] = [];
  for (const [field, message] of Object.entries(error.fields)) {
    const key = FIELD_OF[field];
    if (key) errors[key] = sentence(message);
    else other.push(`${field}: ${message}`);
  }
  if (other.length > 0 || Object.keys(errors).length === 0) {
    errors.form = other.length > 0 ? sentence(other.join('; ')) : error.message;
  }
  return errors;
}
