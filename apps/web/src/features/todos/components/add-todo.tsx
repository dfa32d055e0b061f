import { useState } from 'react';
import { useCreateTodo } from '../api/use-todos';
import { draftErrorsFrom, type DraftErrors } from '../todo-draft';
import type { Todo } from '../types';
import { TodoForm } from './todo-form';

interface AddTodoProps {
  /** Says where the new todo is, e.g. that the filters hide it. */
  onAdded: (todo: Todo) => string;
}

/** The add form: it keeps what was typed until the API has accepted it, so a refusal loses nothing. */
export function AddTodo({ onAdded }: AddTodoProps) {
  const create = useCreateTodo();
  const [errors, setErrors] = useState<DraftErrors>();
  const [added, setAdded] = useState('');
  // A new key gives a fresh, empty form after each todo that was saved.
  const [formKey, setFormKey] = useState(0);

  return (
    <div className="add-todo">
      <TodoForm
        key={formKey}
        label="Add a todo"
        submitLabel={create.isPending ? 'Adding…' : 'Add todo'}
        errors={errors}
        pending={create.isPending}
        onSubmit={(input) => {
          setErrors(undefined);
          setAdded('');
          create.mutate(input, {
            onSuccess: (todo) => {
              setFormKey((key) => key + 1);
              setAdded(onAdded(todo));
            },
            onError: (error) => setErrors(draftErrorsFrom(error)),
          });
        }}
      />
      <p className="hint" role="status">
        {added}
      </p>
    </div>
  );
}
