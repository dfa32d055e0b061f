// The pure part of the account forms: what they check before sending, and
// where the API's refusals show (next to a field, or for the whole form).
import type {
  PASSWORD_MAX_LENGTH as CONTRACT_MAX_LENGTH,
  PASSWORD_MIN_LENGTH as CONTRACT_MIN_LENGTH,
  TOKEN_NAME_MAX_LENGTH as CONTRACT_TOKEN_NAME_MAX_LENGTH,
} from '@taskoverflow/contracts';
import { ApiError } from '../../lib/api-client';

// The contract's bounds, restated: the contracts package is schemas (typebox), too heavy for
// the page. Typed by the contract's literal types, so that a change there fails the typecheck here.

/**
 * The password rules: a length in characters, and nothing about their kinds.
 * The API also refuses the commonest passwords; it says so itself.
 */
export const PASSWORD_MIN_LENGTH: typeof CONTRACT_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH: typeof CONTRACT_MAX_LENGTH = 128;
export const TOKEN_NAME_MAX_LENGTH: typeof CONTRACT_TOKEN_NAME_MAX_LENGTH = 100;

export const PASSWORD_RULES =
  `${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters: any of them, spaces too, ` +
  'with no rules about digits or symbols. A long phrase is easy to remember and hard to guess. ' +
  'Very common passwords are refused.';

/** Messages, ready to show, for the fields (by their name in the request body) and for the whole form. */
export interface FormErrors {
  fields: Partial<Record<string, string>>;
  form?: string;
}

export const NO_ERRORS: FormErrors = { fields: {} };

export function hasErrors(errors: FormErrors): boolean {
  return errors.form !== undefined || Object.values(errors.fields).some(Boolean);
}

/** Characters as the API counts them (code points), not UTF-16 units. */
const characters = (text: string) => [...text].length;

/** A new password's length, checked before sending, in the API's words. */
export function newPasswordProblem(password: string): string | undefined {
  const length = characters(password);
  if (length === 0) return 'is required';
  if (length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
  return undefined;
}

/** What the sign-in and sign-up form checks itself: that there is something worth sending. */
export function credentialsProblems(
  mode: 'sign-in' | 'sign-up',
  email: string,
  password: string,
): FormErrors {
  const problems: Record<string, string | undefined> = {};
  const trimmed = email.trim();
  if (trimmed === '') problems.email = 'is required';
  else if (!/^[^\s@]+@[^\s@]+$/.test(trimmed)) problems.email = 'must look like name@example.com';
  if (mode === 'sign-up') problems.password = newPasswordProblem(password);
  else if (password === '') problems.password = 'is required';
  return { fields: labelled(problems, { email: 'Email', password: 'Password' }) };
}

function labelled(
  problems: Record<string, string | undefined>,
  labels: Record<string, string>,
): FormErrors['fields'] {
  const fields: FormErrors['fields'] = {};
  for (const [field, problem] of Object.entries(problems))
    if (problem) fields[field] = fieldMessage(labels[field] ?? field, problem);
  return fields;
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
