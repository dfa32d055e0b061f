import { useRef, useState } from 'react';
import { useNotify } from '../../../components/notices';
import { failureMessage } from '../../../lib/api-client';
import { drafts } from '../../../lib/drafts';
import { useCreateTodo } from '../api/use-todos';
import {
  draftErrorsFrom,
  draftKeys,
  EMPTY_DRAFT,
  isEmptyDraft,
  isTodoDraft,
  type DraftErrors,
  type TodoDraft,
} from '../todo-draft';
import type { Todo, TodoInput } from '../types';
import { TodoForm } from './todo-form';

interface AddTodoProps {
  /** Says where the new todo is, e.g. that the filters hide it. */
  onAdded: (todo: Todo) => string;
}

/**
 * The add form. It empties at submit, so the next title can be typed while
 * the save is on its way; a refused save puts its text back, unless something
 * new has been typed since: that stays, and a notice names the todo instead.
 * What it holds is also kept in the drafts (lib/drafts): when the session
 * ends, the sign-in screen replaces this form, which then finds its text again.
 */
export function AddTodo({ onAdded }: AddTodoProps) {
  const create = useCreateTodo();
  const notify = useNotify();
  const [draft, setDraft] = useState(() => drafts.read(draftKeys.add, isTodoDraft) ?? EMPTY_DRAFT);
  // The answer of a save arrives outside any render: it reads what the form holds then.
  const latestDraft = useRef(draft);
  const [errors, setErrors] = useState<DraftErrors>();
  const [added, setAdded] = useState('');

  const showDraft = (next: TodoDraft) => {
    latestDraft.current = next;
    setDraft(next);
    // Also from a save refused after this form went away (the session ended): it is there at sign-in.
    drafts.write(draftKeys.add, isEmptyDraft(next) ? undefined : next);
  };

  const add = (input: TodoInput, submitted: TodoDraft) => {
    // Emptied on screen, but kept in the drafts until the API has it: when the session has ended,
    // the sign-in screen replaces this form before the refusal arrives, and says the text is kept.
    latestDraft.current = EMPTY_DRAFT;
    setDraft(EMPTY_DRAFT);
    setErrors(undefined);
    setAdded('');
    create.mutateAsync(input).then(
      (todo) => {
        drafts.release(draftKeys.add, submitted);
        setAdded(onAdded(todo));
      },
      (error: unknown) => {
        if (isEmptyDraft(latestDraft.current)) {
          showDraft(submitted);
          setErrors(draftErrorsFrom(error));
        } else {
          notify({
            tone: 'error',
            message: failureMessage(`Could not add “${input.title}”`, error),
          });
        }
      },
    );
  };

  return (
    <div className="add-todo">
      <TodoForm
        label="Add a todo"
        submitLabel="Add todo"
        draft={draft}
        onDraftChange={showDraft}
        errors={errors}
        onSubmit={add}
      />
      <p className="hint" role="status">
        {added}
      </p>
    </div>
  );
}
