import { useId, useState, type FormEvent } from 'react';
import { CheckedForm } from '../../../components/form/checked-form';
import { SubmitButton } from '../../../components/form/submit-button';
import { useFormErrors } from '../../../components/form/use-form-errors';
import { formErrorsFrom } from '../../../lib/form-errors';
import { useUpdateTimeZone } from '../api/use-account';
import {
  calendarZoneInWords,
  choiceOf,
  FLOATING,
  INSTANCE_DEFAULT,
  settingOf,
  zoneChoices,
} from '../time-zone-choice';
import type { User } from '../types';

const LABELS = { time_zone: 'Time zone' };
const SUPPORTED_ZONES = Intl.supportedValuesOf('timeZone');

/** The zone of the account's calendars: the instance default, floating, or a zone of the user's choice. */
export function TimeZoneSetting({ user }: { user: User }) {
  const headingId = useId();
  const selectId = useId();
  const update = useUpdateTimeZone();
  const [choice, setChoice] = useState(() => choiceOf(user.time_zone));
  const [done, setDone] = useState('');
  const form = useFormErrors();
  const { errors, report, clear } = form;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (update.isPending) return;
    setDone('');
    clear();
    update.mutate(settingOf(choice), {
      // The hint under the select says what calendars use now.
      onSuccess: () => setDone('Saved.'),
      onError: (error) => report(formErrorsFrom(error, { labels: LABELS })),
    });
  };

  const error = errors.fields.time_zone;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>Calendar time zone</h3>
      <p className="hint">
        Exported calendars place deadlines with a time in this zone, so calendar apps show them at
        that time wherever they are. Floating: at the same clock time in every zone. All-day
        deadlines have no zone.
      </p>
      <CheckedForm state={form} aria-labelledby={headingId} onSubmit={submit}>
        <div className="field">
          <label htmlFor={selectId}>{LABELS.time_zone}</label>
          <select
            id={selectId}
            name="time_zone"
            value={choice}
            onChange={(event) => {
              setChoice(event.target.value);
              setDone('');
              clear();
            }}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${selectId}-now${error ? ` ${selectId}-error` : ''}`}
          >
            <option value={INSTANCE_DEFAULT}>Instance default</option>
            <option value={FLOATING}>Floating</option>
            {zoneChoices(user.time_zone, SUPPORTED_ZONES).map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
          <p className="hint" id={`${selectId}-now`}>
            Calendars now use {calendarZoneInWords(user)}.
          </p>
          {error && (
            <p className="field-error" id={`${selectId}-error`}>
              {error}
            </p>
          )}
        </div>
        <SubmitButton busy={update.isPending} busyText="Saving…">
          Save time zone
        </SubmitButton>
        <p role="status" className="hint">
          {done}
        </p>
      </CheckedForm>
    </section>
  );
}
