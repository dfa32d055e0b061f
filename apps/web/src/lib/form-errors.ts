// What a form shows of a refusal: the API's messages next to the fields they
// are about, or for the whole form, in sentences.
import { ApiError } from './api-client';

/** Messages, ready to show, for the fields (by their name in the request body) and for the whole form. */
export interface FormErrors {
  fields: Partial<Record<string, string>>;
  form?: string;
}

export const NO_ERRORS: FormErrors = { fields: {} };

export function hasErrors(errors: FormErrors): boolean {
  return errors.form !== undefined || Object.values(errors.fields).some(Boolean);
}

/** "45 seconds", "1 minute", "14 minutes", "2 hours": a wait, rounded up, in words. */
export function durationInWords(seconds: number): string {
  const count = (value: number, unit: string) => `${value} ${unit}${value === 1 ? '' : 's'}`;
  if (seconds < 60) return count(Math.max(1, Math.ceil(seconds)), 'second');
  if (seconds < 3600) return count(Math.ceil(seconds / 60), 'minute');
  return count(Math.ceil(seconds / 3600), 'hour');
}

const sentence = (text: string) =>
  (text.charAt(0).toUpperCase() + text.slice(1)).replace(/[.!]?$/, '.');

export interface FormFields {
  /** The form's fields: body name → label, e.g. `{ new_password: 'New password' }`. */
  labels: Record<string, string>;
  /** The field a 409 is about (sign-up: `email`, taken). */
  conflict?: string;
}

/**
 * Where a refusal shows. Field messages of a 400 go next to the fields this
 * form has, said with their label ("Password is one of the most common
 * passwords…"), in the API's words; a 409 goes to the field it is about; a
 * 401 of a sign-in is its one generic sentence; a 429 says how long to wait,
 * in words; anything else is for the whole form.
 */
export function formErrorsFrom(error: unknown, { labels, conflict }: FormFields): FormErrors {
  if (!(error instanceof ApiError)) return { fields: {}, form: 'Something went wrong. Try again.' };
  if (error.status === 429) {
    const wait = error.retryAfterSeconds;
    return {
      fields: {},
      form:
        wait === null
          ? sentence(error.message)
          : `Too many attempts. Try again in ${durationInWords(wait)}.`,
    };
  }
  if (error.status === 409 && conflict) return { fields: { [conflict]: sentence(error.message) } };
  const placed: FormErrors['fields'] = {};
  const other: string[] = [];
  for (const [field, message] of Object.entries(error.fields)) {
    const label = labels[field];
    if (label) placed[field] = fieldMessage(label, message);
    else other.push(`${field} ${message}`);
  }
  if (Object.keys(placed).length > 0 && other.length === 0) return { fields: placed };
  if (other.length > 0) return { fields: placed, form: sentence(other.join('; ')) };
  if (error.status === 401 && error.error !== 'Unauthorized')
    return { fields: {}, form: `${sentence(error.error)} ${sentence(error.message)}` };
  return { fields: {}, form: sentence(error.message) };
}

/** A field's message as shown next to it: its label, then the API's words. */
export function fieldMessage(label: string, problem: string): string {
  return sentence(`${label} ${problem}`);
}
