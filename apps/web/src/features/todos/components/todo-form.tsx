import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { draftToInput, type DraftErrors, type TodoDraft } from '../todo-draft';
import type { TodoInput } from '../types';

interface TodoFormProps {
  /** Accessible name of the form, e.g. "Add a todo". */
  label: string;
  submitLabel: string;
  /** What the fields hold; the owner keeps it, so it can clear and refill the form without remounting it (which would lose the focus). */
  draft: TodoDraft;
  onDraftChange: (draft: TodoDraft) => void;
  /** Errors from the API (the form adds its own checks). */
  errors?: DraftErrors;
  onSubmit: (input: TodoInput, draft: TodoDraft) => void;
  /** Shows a Cancel button (and Escape cancels) when given. */
  onCancel?: () => void;
  autoFocus?: boolean;
}

const FIELD_ORDER = ['title', 'description', 'deadline'] as const;

function focusFirstInvalid(form: HTMLFormElement | null, errors: DraftErrors | undefined) {
  const field = FIELD_ORDER.find((name) => errors?.[name]);
  if (field) form?.querySelector<HTMLElement>(`[data-field="${field}"]`)?.focus();
}

/** The fields of a todo, used both to add one and to edit one in place. */
export function TodoForm({
  label,
  submitLabel,
  draft,
  onDraftChange,
  errors,
  onSubmit,
  onCancel,
  autoFocus = false,
}: TodoFormProps) {
  const id = useId();
  const [ownErrors, setOwnErrors] = useState<DraftErrors>({});
  const shown = { ...errors, ...ownErrors };
  const formRef = useRef<HTMLFormElement>(null);

  // Put the keyboard where the problem is when the API's answer arrives.
  useEffect(() => focusFirstInvalid(formRef.current, errors), [errors]);

  const change = (field: keyof TodoDraft) => (event: { target: { value: string } }) => {
    onDraftChange({ ...draft, [field]: event.target.value });
    const errorField = field === 'date' || field === 'time' ? 'deadline' : field;
    setOwnErrors((current) => ({ ...current, [errorField]: undefined }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = draftToInput(draft);
    if ('errors' in result) {
      setOwnErrors(result.errors);
      focusFirstInvalid(formRef.current, result.errors);
      return;
    }
    setOwnErrors({});
    onSubmit(result.input, draft);
  };

  const cancelOnEscape = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && onCancel) {
      event.preventDefault();
      onCancel();
    }
  };

  const describedBy = (field: keyof DraftErrors, hint?: string) =>
    [shown[field] ? `${id}-${field}-error` : null, hint ?? null].filter(Boolean).join(' ') ||
    undefined;
  const fieldError = (field: keyof DraftErrors) =>
    shown[field] ? (
      <p className="field-error" id={`${id}-${field}-error`}>
        {shown[field]}
      </p>
    ) : null;

  return (
    <form
      ref={formRef}
      className="todo-form"
      aria-label={label}
      onSubmit={submit}
      onKeyDown={cancelOnEscape}
      noValidate
    >
      <div className="field">
        <label htmlFor={`${id}-title`}>Title</label>
        <input
          id={`${id}-title`}
          data-field="title"
          autoFocus={autoFocus}
          value={draft.title}
          onChange={change('title')}
          aria-invalid={shown.title ? true : undefined}
          aria-describedby={describedBy('title')}
          autoComplete="off"
        />
        {fieldError('title')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>
          Description <span className="optional">(optional)</span>
        </label>
        <textarea
          id={`${id}-description`}
          data-field="description"
          rows={2}
          value={draft.description}
          onChange={change('description')}
          aria-invalid={shown.description ? true : undefined}
          aria-describedby={describedBy('description')}
        />
        {fieldError('description')}
      </div>
      <fieldset
        className="field deadline"
        aria-describedby={describedBy('deadline', `${id}-deadline-hint`)}
      >
        <legend>
          Deadline <span className="optional">(optional)</span>
        </legend>
        <div className="deadline-inputs">
          <label>
            <span className="visually-hidden">Deadline date</span>
            <input
              type="date"
              data-field="deadline"
              value={draft.date}
              onChange={change('date')}
              aria-invalid={shown.deadline ? true : undefined}
            />
          </label>
          <label>
            <span className="visually-hidden">Deadline time</span>
            <input
              type="time"
              value={draft.time}
              onChange={change('time')}
              aria-invalid={shown.deadline ? true : undefined}
            />
          </label>
        </div>
        <p className="hint" id={`${id}-deadline-hint`}>
          Your local time. A date without a time is due all day.
        </p>
        {fieldError('deadline')}
      </fieldset>
      {shown.form && (
        <p className="form-error" role="alert">
          {shown.form}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary">
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
