import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { drafts } from '../../../lib/drafts';
import { useSessionStore } from '../../../lib/session';
import type { SignedOutReason } from '../../../lib/session-state';
import { formErrorsFrom, hasErrors, type FormFields } from '../../../lib/form-errors';
import { credentialsProblems, PASSWORD_RULES } from '../account-forms';
import { signIn } from '../api/auth-api';
import { CheckedForm } from '../../../components/form/checked-form';
import { SubmitButton } from '../../../components/form/submit-button';
import { RevealPasswords } from './form-parts';
import { ProviderSignIn } from './provider-sign-in';
import { TextField } from '../../../components/form/text-field';
import { useFormErrors } from '../../../components/form/use-form-errors';

type Mode = 'sign-in' | 'sign-up';

const TEXT: Record<Mode, { heading: string; submit: string; busy: string }> = {
  'sign-in': { heading: 'Sign in', submit: 'Sign in', busy: 'Signing in…' },
  'sign-up': { heading: 'Create an account', submit: 'Create account', busy: 'Creating…' },
};

interface SignInPageProps {
  /** Why it shows, if the page knows. */
  reason: SignedOutReason | null;
  /** The email of the session that ended, filled in again. */
  email: string | null;
}

/** Sign-in and sign-up, one form with a switch between them. */
export function SignInPage({ reason, email: knownEmail }: SignInPageProps) {
  const session = useSessionStore();
  const headingId = useId();
  const [mode, setMode] = useState<Mode>('sign-in');
  const [email, setEmail] = useState(knownEmail ?? '');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [busy, setBusy] = useState(false);
  const form = useFormErrors();
  const { errors, report, clear, clearField } = form;
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  // Read once: the drafts do not change while this screen shows.
  const [draftsKept] = useState(() => drafts.hasAny());
  const text = TEXT[mode];

  // The keyboard starts in the first field that needs typing.
  useEffect(() => {
    (knownEmail ? passwordRef : emailRef).current?.focus();
  }, [knownEmail]);

  const fields: FormFields = {
    labels: { email: 'Email', password: 'Password' },
    conflict: mode === 'sign-up' ? 'email' : undefined,
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const problems = credentialsProblems(mode, email, password);
    if (hasErrors(problems)) return report(problems);
    clear();
    setBusy(true);
    signIn(mode, { email: email.trim(), password }).then(
      // The page changes to what was asked for; this screen goes away.
      (user) => session.signedIn(user),
      (error: unknown) => {
        setBusy(false);
        report(formErrorsFrom(error, fields));
      },
    );
  };

  const switchMode = () => {
    setMode(mode === 'sign-in' ? 'sign-up' : 'sign-in');
    clear();
    emailRef.current?.focus();
  };

  return (
    <section className="card auth" aria-labelledby={headingId}>
      <h2 id={headingId}>{text.heading}</h2>
      {reason === 'ended' && (
        <p className="auth-reason" role="alert">
          Your session ended; sign in again.
          {draftsKept && ' What you were typing is kept, and comes back after you sign in.'}
        </p>
      )}
      {reason === 'signed-out' && <p className="hint">You signed out.</p>}
      <CheckedForm state={form} className="auth-form" aria-labelledby={headingId} onSubmit={submit}>
        <TextField
          name="email"
          label="Email"
          type="email"
          autoComplete="username"
          spellCheck={false}
          value={email}
          onChange={(value) => {
            setEmail(value);
            clearField('email');
          }}
          error={errors.fields.email}
          inputRef={emailRef}
        />
        <TextField
          name="password"
          label="Password"
          type={showPassword ? 'text' : 'password'}
          autoComplete={mode === 'sign-up' ? 'new-password' : 'current-password'}
          spellCheck={false}
          value={password}
          onChange={(value) => {
            setPassword(value);
            clearField('password');
          }}
          hint={mode === 'sign-up' ? PASSWORD_RULES : undefined}
          error={errors.fields.password}
          inputRef={passwordRef}
        />
        <RevealPasswords checked={showPassword} onChange={setShowPassword}>
          Show password
        </RevealPasswords>
        <SubmitButton busy={busy} busyText={text.busy}>
          {text.submit}
        </SubmitButton>
      </CheckedForm>
      <ProviderSignIn />
      <p className="auth-switch">
        {mode === 'sign-in' ? 'No account yet?' : 'Have an account already?'}{' '}
        <button type="button" className="button-link" onClick={switchMode}>
          {mode === 'sign-in' ? 'Create an account' : 'Sign in instead'}
        </button>
      </p>
    </section>
  );
}
