import { useRef, useState } from 'react';
import { useUpdateTodo } from '../api/use-todos';
import { formatDeadline, isDueWithin } from '../deadline';
import { isUnsaved } from '../todo-cache';
import { draftErrorsFrom, draftFromTodo, type DraftErrors, type TodoDraft } from '../todo-draft';
import type { Todo, TodoInput } from '../types';
import { TodoForm } from './todo-form';

interface TodoItemProps {
  todo: Todo;
  now: Date;
  onDelete: (todo: Todo) => void;
}

export function TodoItem({ todo, now, onDelete }: TodoItemProps) {
  const update = useUpdateTodo();
  const [editing, setEditing] = useState<{ draft: TodoDraft; errors?: DraftErrors } | null>(null);
  // After the form closes, the keyboard goes back to the Edit button that opened it.
  const returnFocus = useRef(false);
  const unsaved = isUnsaved(todo);

  const close = () => {
    returnFocus.current = true;
    setEditing(null);
  };
  const save = (input: TodoInput, draft: TodoDraft) => {
    close();
    update.mutate(
      { todo, patch: input },
      // The list shows the old todo again; reopen the form with what was typed and why it was refused.
      { onError: (error) => setEditing({ draft, errors: draftErrorsFrom(error) }) },
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
