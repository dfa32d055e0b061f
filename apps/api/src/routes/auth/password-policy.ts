import { PASSWORD_MIN_LENGTH, characterLength } from '@taskoverflow/contracts';
import { dictionary } from '@zxcvbn-ts/language-common';
import { normalisePassword } from './passwords.js';

/**
 * The commonest passwords long enough to be allowed otherwise: those of
 * zxcvbn's frequency-ranked list of leaked passwords with at least
 * {@link PASSWORD_MIN_LENGTH} characters (about 18,000), lower-cased.
 */
const COMMON_PASSWORDS = new Set(
  dictionary['passwords-common']
    .filter((password) => characterLength(password) >= PASSWORD_MIN_LENGTH)
    .map((password) => password.toLowerCase()),
);
export const COMMON_PASSWORD_COUNT = COMMON_PASSWORDS.size;

/** Words of this service that a password must not be, with or without digits and symbols around them. */
const SERVICE_WORDS = ['taskoverflow', 'task overflow'];

/**
 * Why `password` may not be chosen by the account `email`, or undefined when
 * it may. No composition rules (ASVS 6.2.5): only length (the schema), the
 * commonest passwords (6.2.4) and words of the context (6.2.11).
 */
export function passwordProblem(password: string, email: string): string | undefined {
  const folded = normalisePassword(password).toLowerCase();
  if (COMMON_PASSWORDS.has(folded))
    return 'is one of the most common passwords, which are tried first; choose another';
  const core = folded.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  const contextWords = [email, email.split('@')[0]!, ...SERVICE_WORDS];
  if (contextWords.includes(core) || contextWords.includes(folded))
    return 'is too easy to guess from your email or this service; choose another';
  return undefined;
}
