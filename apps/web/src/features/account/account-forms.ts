// The pure part of the account forms: what they check before sending (where
// the API's refusals show is lib/form-errors.ts, shared by every form).
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  characterLength,
} from '@taskoverflow/contracts/values';
import { fieldMessage, type FormErrors } from '../../lib/form-errors';

/**
 * The password rules as the page states them: a length in characters, and
 * nothing about their kinds. The API also refuses the commonest passwords; it
 * says so itself.
 */
export const PASSWORD_RULES =
  `${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters: any of them, spaces too, ` +
  'with no rules about digits or symbols. A long phrase is easy to remember and hard to guess. ' +
  'Very common passwords are refused.';

/** A new password's length, checked before sending, in the API's words. */
export function newPasswordProblem(password: string): string | undefined {
  const length = characterLength(password);
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
