// The pure part of the account forms: what they check before sending (where
// the API's refusals show is lib/form-errors.ts, shared by every form).
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  characterLength,
  type SignUpMode,
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

/**
 * The forms of the signed-out page: sign in; sign up (as a member, with an
 * invite where SIGN_UP=invite); claim (sign up with the setup code: the admin).
 */
export type AuthFormMode = 'sign-in' | 'sign-up' | 'claim';

/** What the signed-out page knows of the instance (GET /auth/setup); undefined while it asks. */
export interface InstanceSetup {
  claimed: boolean;
  sign_up: SignUpMode;
}

/** The form the page opens with: an invite link opens the sign-up; an unclaimed instance, the claim. */
export function initialAuthMode(
  setup: InstanceSetup | undefined,
  invite: string | null,
): AuthFormMode {
  if (invite) return 'sign-up';
  return setup?.claimed === false ? 'claim' : 'sign-in';
}

/** Whether anyone but the claimer may sign up (not with SIGN_UP=closed). */
export function signUpOffered(setup: InstanceSetup | undefined): boolean {
  return setup?.sign_up !== 'closed';
}

export const AUTH_FIELD_LABELS = {
  email: 'Email',
  password: 'Password',
  setup_code: 'Setup code',
  invite: 'Invite',
};

/** What the signed-out page's form checks itself: that there is something worth sending. */
export function credentialsProblems(
  mode: AuthFormMode,
  { email, password, setupCode = '' }: { email: string; password: string; setupCode?: string },
): FormErrors {
  const problems: Record<string, string | undefined> = {};
  const trimmed = email.trim();
  if (trimmed === '') problems.email = 'is required';
  else if (!/^[^\s@]+@[^\s@]+$/.test(trimmed)) problems.email = 'must look like name@example.com';
  if (mode === 'sign-in') problems.password = password === '' ? 'is required' : undefined;
  else problems.password = newPasswordProblem(password);
  if (mode === 'claim' && setupCode.trim() === '') problems.setup_code = 'is required';
  return { fields: labelled(problems, AUTH_FIELD_LABELS) };
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
