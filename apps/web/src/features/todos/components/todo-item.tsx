import { useRef, useState } from 'react';
import { drafts } from '../../../lib/drafts';
import { useUpdateTodo } from '../api/use-todos';
import { formatDeadline, isDueWithin } from '../deadline';
import { isUnsaved } from '../todo-cache';
import {
  draftErrorsFrom,
  draftFromTodo,
  draftKeys,
  isTodoDraft,
  type DraftErrors,
  type TodoDraft,
} from '../todo-draft';
import type { Todo, TodoInput } from '../types';
import { TodoForm } from './todo-form';

interface TodoItemProps {
  todo: Todo;
  now: Date;
  onDelete: (todo: Todo) => void;
}

interface Editing {
  draft: TodoDraft;
  errors?: DraftErrors;
}

/**
 * A todo, or its edit form. What the form holds is also kept in the drafts
 * (lib/drafts) until it is saved or cancelled: when the session ends, the
 * form opens again with it once the list is back after sign-in.
 */
export function TodoItem({ todo, now, onDelete }: TodoItemProps) {
  const update = useUpdateTodo();
  const draftKey = draftKeys.edit(todo.id);
  const [editing, setEditingState] = useState<Editing | null>(() => {
    const kept = drafts.read(draftKey, isTodoDraft);
    return kept ? { draft: kept } : null;
  });
  // After the form closes, the keyboard goes back to the Edit button that opened it.
  const returnFocus = useRef(false);
  const unsaved = isUnsaved(todo);

  const setEditing = (next: Editing | null) => {
    setEditingState(next);
    drafts.write(draftKey, next?.draft);
  };
  const close = () => {
    returnFocus.current = true;
    setEditing(null);
  };
  const save = (input: TodoInput, draft: TodoDraft) => {
    returnFocus.current = true;
    // The draft goes with the form, so that a reload shows the saved todo; a refused save writes it
    // back (setEditing), so one refused because the session ended still comes back after sign-in.
    setEditing(null);
    update.mutateAsync({ todo, patch: input }).catch(
      // The list shows the old todo again; reopen the form with what was typed and why it was refused.
      (error: unknown) => setEditing({ draft, errors: draftErrorsFrom(error) }),
    );
  };

  if (editing) {
    return (
      <li className="todo is-editing">
        <TodoForm
          label={`Edit “${todo.title}”`}
          submitLabel="Save"
          draft={editing.draft}
          onDraftChange={(draft) => setEditing({ ...editing, draft })}
          errors={editing.errors}
          onSubmit={save}
          onCancel={close}
          autoFocus
        />
      </li>
    );
  }

  const overdue = !todo.completed && isDueWithin(todo.deadline_at, 0, now);
  return (
    <li className={`todo${todo.completed ? ' is-done' : ''}${unsaved ? ' is-unsaved' : ''}`}>
      <input
        type="checkbox"
        className="todo-check"
        checked={todo.completed}
        disabled={unsaved}
        aria-label={`Done: ${todo.title}`}
        onChange={() => update.mutate({ todo, patch: { completed: !todo.completed } })}
      />
      <div className="todo-body">
        <p className="todo-title">{todo.title}</p>
        {todo.description && <p className="todo-description">{todo.description}</p>}
        {todo.deadline_at && (
          <p className="todo-deadline">
            <time dateTime={todo.deadline_at}>Due {formatDeadline(todo.deadline_at)}</time>
            {overdue && <span className="badge badge-warning">Overdue</span>}
          </p>
        )}
      </div>
      <div className="todo-actions">
        {unsaved ? (
          <span className="hint">Saving…</span>
        ) : (
          <>
            <button
              type="button"
              ref={(button) => {
                if (button && returnFocus.current) {
                  returnFocus.current = false;
                  button.focus();
                }
              }}
              aria-label={`Edit “${todo.title}”`}
              onClick={() => setEditing({ draft: draftFromTodo(todo) })}
            >
              Edit
            </button>
            <button
              type="button"
              className="danger"
              aria-label={`Delete “${todo.title}”`}
              onClick={() => onDelete(todo)}
            >
              Delete
            </button>
          </>
        )}
      </div>
    </li>
  );
}
