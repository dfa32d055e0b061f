// The pure part of the new-feed form: what it holds as typed, what it checks
// before sending, and the body it sends.
import {
  FEED_NAME_MAX_LENGTH,
  REMINDER_MINUTES_MAX,
  WINDOW_DAYS_MAX,
  characterLength,
} from '@taskoverflow/contracts/values';
import { fieldMessage, type FormErrors } from '../../lib/form-errors';
import { parseWholeNumber, parseWindow } from '../../lib/todo-selection';
import type { CreateFeedBody } from './types';

/** The form's fields as typed; named as the body's fields, so that the API's refusals find them. */
export interface FeedDraft {
  name: string;
  /** Active todos only, or completed ones too. */
  completed: 'active' | 'all';
  /** Days, or empty for any deadline. */
  window: string;
  /** Minutes before the deadline, or empty for none. */
  reminder_minutes: string;
}

export const EMPTY_DRAFT: FeedDraft = {
  name: '',
  completed: 'active',
  window: '',
  reminder_minutes: '',
};

/** The labels of the fields that show their own errors (the radio buttons cannot be wrong). */
export const FEED_LABELS: Record<Exclude<keyof FeedDraft, 'completed'>, string> = {
  name: 'Name',
  window: 'Due within',
  reminder_minutes: 'Reminder',
};

/** The body to send, or what is wrong with the draft, said next to its fields. */
export function feedBodyFrom(
  draft: FeedDraft,
): { body: CreateFeedBody; errors?: undefined } | { errors: FormErrors } {
  const fields: FormErrors['fields'] = {};
  const name = draft.name.trim();
  if (characterLength(name) > FEED_NAME_MAX_LENGTH)
    fields.name = fieldMessage(
      FEED_LABELS.name,
      `must be at most ${FEED_NAME_MAX_LENGTH} characters`,
    );
  const window = draft.window.trim() === '' ? null : parseWindow(draft.window.trim());
  if (window === null && draft.window.trim() !== '')
    fields.window = fieldMessage(
      FEED_LABELS.window,
      `must be a whole number of days from 0 to ${WINDOW_DAYS_MAX.toLocaleString()}`,
    );
  const reminder =
    draft.reminder_minutes === ''
      ? null
      : parseWholeNumber(draft.reminder_minutes, 0, REMINDER_MINUTES_MAX);
  if (reminder === null && draft.reminder_minutes !== '')
    fields.reminder_minutes = fieldMessage(FEED_LABELS.reminder_minutes, 'is not one offered');
  if (Object.keys(fields).length > 0) return { errors: { fields } };
  return {
    body: {
      ...(name === '' ? {} : { name }),
      // Absent: completed todos too.
      ...(draft.completed === 'active' ? { completed: false } : {}),
      ...(window === null ? {} : { window }),
      reminder_minutes: reminder,
    },
  };
}
