import { useId, useState, type FormEvent, type Ref } from 'react';
import { CheckedForm } from '../../../components/form/checked-form';
import { SubmitButton } from '../../../components/form/submit-button';
import { TextField } from '../../../components/form/text-field';
import { useFormErrors } from '../../../components/form/use-form-errors';
import { formErrorsFrom } from '../../../lib/form-errors';
import { useCreateFeed } from '../api/use-feeds';
import { EMPTY_DRAFT, FEED_LABELS, feedBodyFrom, type FeedDraft } from '../feed-form';
import { describeReminder, REMINDER_CHOICES } from '../feed-format';
import type { FeedWithUrl } from '../types';

const WHICH_TODOS: { value: FeedDraft['completed']; label: string }[] = [
  { value: 'active', label: 'Active todos only' },
  { value: 'all', label: 'Active and completed todos' },
];

/** Makes a feed; its URL goes to `onCreated`, the one answer that holds it. */
export function CreateFeedForm({
  onCreated,
  nameRef,
}: {
  onCreated: (feed: FeedWithUrl) => void;
  nameRef: Ref<HTMLInputElement>;
}) {
  const id = useId();
  const create = useCreateFeed();
  const [draft, setDraft] = useState(EMPTY_DRAFT);
  const form = useFormErrors();
  const { errors, report, clear, clearField } = form;

  const change = (field: keyof FeedDraft, value: string) => {
    setDraft((current) => ({ ...current, [field]: value }));
    clearField(field);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (create.isPending) return;
    const checked = feedBodyFrom(draft);
    if (checked.errors) return report(checked.errors);
    clear();
    create.mutate(checked.body, {
      onSuccess: (feed) => {
        setDraft(EMPTY_DRAFT);
        onCreated(feed);
      },
      onError: (error) => report(formErrorsFrom(error, { labels: FEED_LABELS })),
    });
  };
  const reminderError = errors.fields.reminder_minutes;

  return (
    <CheckedForm state={form} aria-label="Create a feed" onSubmit={submit}>
      <TextField
        name="name"
        label={
          <>
            {FEED_LABELS.name} <span className="optional">(optional)</span>
          </>
        }
        autoComplete="off"
        placeholder="TaskOverflow"
        hint="What calendar apps call it; “TaskOverflow” when empty."
        value={draft.name}
        onChange={(value) => change('name', value)}
        error={errors.fields.name}
        inputRef={nameRef}
      />
      <fieldset className="field">
        <legend>Todos</legend>
        {WHICH_TODOS.map(({ value, label }) => (
          <label key={value} className="checkbox">
            <input
              type="radio"
              name={`${id}-completed`}
              value={value}
              checked={draft.completed === value}
              onChange={() => change('completed', value)}
            />
            {label}
          </label>
        ))}
      </fieldset>
      <TextField
        name="window"
        label={
          <>
            {FEED_LABELS.window} <span className="optional">(days, optional)</span>
          </>
        }
        autoComplete="off"
        inputMode="numeric"
        placeholder="any"
        hint="Only todos due within this many days of each refresh, overdue ones included. Empty: every todo with a deadline."
        value={draft.window}
        onChange={(value) => change('window', value)}
        error={errors.fields.window}
      />
      <div className="field">
        <label htmlFor={`${id}-reminder`}>{FEED_LABELS.reminder_minutes}</label>
        <select
          id={`${id}-reminder`}
          name="reminder_minutes"
          data-field="reminder_minutes"
          value={draft.reminder_minutes}
          onChange={(event) => change('reminder_minutes', event.target.value)}
          aria-invalid={reminderError ? true : undefined}
          aria-describedby={reminderError ? `${id}-reminder-error` : undefined}
        >
          <option value="">{describeReminder(null)}</option>
          {REMINDER_CHOICES.map((minutes) => (
            <option key={minutes} value={String(minutes)}>
              {describeReminder(minutes)}
            </option>
          ))}
        </select>
        {reminderError && (
          <p className="field-error" id={`${id}-reminder-error`}>
            {reminderError}
          </p>
        )}
      </div>
      <SubmitButton busy={create.isPending} busyText="Creating…">
        Create feed
      </SubmitButton>
    </CheckedForm>
  );
}
