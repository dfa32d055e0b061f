import type { SignUpBody, SignUpMode } from '@taskoverflow/contracts';
import type { Admission } from '@taskoverflow/db';
import { HttpError } from '../../plugins/error-handler.js';

/** Who may sign up: SIGN_UP, and ADMIN_EMAIL (the only email that may claim the instance). */
export interface SignUpPolicy {
  signUp: SignUpMode;
  adminEmail: string | undefined;
}

const refused = (message: string, field?: string, problem?: string) =>
  new HttpError(403, message, field && problem ? { fields: { [field]: problem } } : {});

/**
 * What lets this sign-up in, or a 403 saying why nothing does. The setup
 * code works in every mode (it is how the operator gets in when sign-up is
 * closed); ADMIN_EMAIL's email is kept for it, so that nobody can take it first.
 * @param email normalised.
 */
export function admissionOf(
  email: string,
  { setup_code: setupCode, invite }: Pick<SignUpBody, 'setup_code' | 'invite'>,
  { signUp, adminEmail }: SignUpPolicy,
): Admission {
  if (setupCode !== undefined) {
    if (adminEmail !== undefined && email !== adminEmail)
      throw refused(
        'Only the email that ADMIN_EMAIL names may claim this instance',
        'email',
        'is not the one ADMIN_EMAIL names',
      );
    return { kind: 'claim', setupCode };
  }
  if (email === adminEmail)
    throw refused(
      'This email is kept for the admin (ADMIN_EMAIL): sign up with the setup code from the server’s log',
      'setup_code',
      'is required for this email',
    );
  if (signUp === 'closed')
    throw refused('Sign-up is closed on this server (SIGN_UP=closed); ask its admin');
  if (signUp === 'open') return { kind: 'open' };
  if (invite === undefined)
    throw refused('Sign-up needs an invite link on this server (SIGN_UP=invite); ask its admin');
  return { kind: 'invite', invite };
}

/** The 403 for a setup code or invite that did not work; nothing was created. */
export function admissionRefused(reason: 'setup-code' | 'invite'): HttpError {
  return reason === 'setup-code'
    ? refused(
        'The setup code is wrong, or was used: the instance may be claimed already',
        'setup_code',
        'is wrong or was used',
      )
    : refused(
        'This invite link is unknown, used, revoked or expired; ask for a new one',
        'invite',
        'does not work',
      );
}
