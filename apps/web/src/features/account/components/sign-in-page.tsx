import { INVITE_PARAMETER } from '@taskoverflow/contracts/values';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { drafts } from '../../../lib/drafts';
import { useSessionStore } from '../../../lib/session';
import type { SignedOutReason } from '../../../lib/session-state';
import { formErrorsFrom, hasErrors, type FormFields } from '../../../lib/form-errors';
import {
  AUTH_FIELD_LABELS,
  credentialsProblems,
  initialAuthMode,
  PASSWORD_RULES,
  signUpOffered,
  type AuthFormMode,
  type InstanceSetup,
} from '../account-forms';
import { signIn } from '../api/auth-api';
import { useSetupStatus } from '../api/use-account';
import { CheckedForm } from '../../../components/form/checked-form';
import { SubmitButton } from '../../../components/form/submit-button';
import { RevealPasswords } from './form-parts';
import { ProviderSignIn } from './provider-sign-in';
import { TextField } from '../../../components/form/text-field';
import { useFormErrors } from '../../../components/form/use-form-errors';

const TEXT: Record<AuthFormMode, { heading: string; submit: string; busy: string }> = {
  'sign-in': { heading: 'Sign in', submit: 'Sign in', busy: 'Signing in…' },
  'sign-up': { heading: 'Create an account', submit: 'Create account', busy: 'Creating…' },
  claim: { heading: 'Set up TaskOverflow', submit: 'Create admin account', busy: 'Creating…' },
};

interface SignInPageProps {
  /** Why it shows, if the page knows. */
  reason: SignedOutReason | null;
  /** The email of the session that ended, filled in again. */
  email: string | null;
}

/** The invite of the link that opened the page, if any. */
const inviteOfPage = () => new URLSearchParams(window.location.search).get(INVITE_PARAMETER);

/** The page's address without the invite: once used, it is of no more use. */
function forgetInviteOfPage() {
  const url = new URL(window.location.href);
  url.searchParams.delete(INVITE_PARAMETER);
  window.history.replaceState(window.history.state, '', url);
}

/**
 * Sign-in, sign-up and the claim of an unclaimed instance (sign-up with the
 * setup code the server printed), one form with switches between them.
 */
export function SignInPage({ reason, email: knownEmail }: SignInPageProps) {
  const session = useSessionStore();
  const setup = useSetupStatus().data;
  const headingId = useId();
  const [pageInvite] = useState(inviteOfPage);
  // Until the person picks a form, the instance's state picks it (an answer that arrives later too).
  const [chosenMode, setMode] = useState<AuthFormMode | null>(null);
  const mode = chosenMode ?? initialAuthMode(setup, pageInvite);
  const [email, setEmail] = useState(knownEmail ?? '');
  const [password, setPassword] = useState('');
  const [setupCode, setSetupCode] = useState('');
  const [invite, setInvite] = useState(pageInvite ?? '');
  const [showPassword, setShowPassword] = useState(false);
  const [busy, setBusy] = useState(false);
  const form = useFormErrors();
  const { errors, report, clear, clearField } = form;
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  // Read once: the drafts do not change while this screen shows.
  const [draftsKept] = useState(() => drafts.hasAny());
  const text = TEXT[mode];
  const askInvite = mode === 'sign-up' && (setup?.sign_up === 'invite' || pageInvite !== null);

  // The keyboard starts in the first field that needs typing.
  useEffect(() => {
    (knownEmail ? passwordRef : emailRef).current?.focus();
  }, [knownEmail]);

  const fields: FormFields = {
    labels: AUTH_FIELD_LABELS,
    conflict: mode === 'sign-in' ? undefined : 'email',
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const problems = credentialsProblems(mode, { email, password, setupCode });
    if (hasErrors(problems)) return report(problems);
    clear();
    setBusy(true);
    const credentials = {
      email: email.trim(),
      password,
      ...(mode === 'claim' && { setup_code: setupCode.trim() }),
      ...(askInvite && invite.trim() !== '' && { invite: invite.trim() }),
    };
    signIn(mode === 'sign-in' ? 'sign-in' : 'sign-up', credentials).then(
      // The page changes to what was asked for; this screen goes away.
      (user) => {
        if (credentials.invite) forgetInviteOfPage();
        session.signedIn(user);
      },
      (error: unknown) => {
        setBusy(false);
        report(formErrorsFrom(error, fields));
      },
    );
  };

  const switchTo = (next: AuthFormMode) => {
    setMode(next);
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
      {mode === 'claim' && (
        <p className="hint">
          Nobody has claimed this TaskOverflow yet. The account you create with its setup code
          becomes its admin, and takes the todos made without accounts.
        </p>
      )}
      {mode === 'sign-up' && pageInvite !== null && (
        <p className="hint">You were invited: create your account.</p>
      )}
      <CheckedForm state={form} className="auth-form" aria-labelledby={headingId} onSubmit={submit}>
        <TextField
          name="email"
          label={AUTH_FIELD_LABELS.email}
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
          label={AUTH_FIELD_LABELS.password}
          type={showPassword ? 'text' : 'password'}
          autoComplete={mode === 'sign-in' ? 'current-password' : 'new-password'}
          spellCheck={false}
          value={password}
          onChange={(value) => {
            setPassword(value);
            clearField('password');
          }}
          hint={mode === 'sign-in' ? undefined : PASSWORD_RULES}
          error={errors.fields.password}
          inputRef={passwordRef}
        />
        <RevealPasswords checked={showPassword} onChange={setShowPassword}>
          Show password
        </RevealPasswords>
        {mode === 'claim' && (
          <TextField
            name="setup_code"
            label={AUTH_FIELD_LABELS.setup_code}
            autoComplete="off"
            spellCheck={false}
            value={setupCode}
            onChange={(value) => {
              setSetupCode(value);
              clearField('setup_code');
            }}
            hint={
              <>
                The server prints it when it starts, while no admin exists: find it in its log — the
                output of <code>npm start</code>, or <code>docker compose logs api</code>. It works
                once; case and dashes do not matter.
              </>
            }
            error={errors.fields.setup_code}
          />
        )}
        {askInvite && (
          <TextField
            name="invite"
            label={AUTH_FIELD_LABELS.invite}
            autoComplete="off"
            spellCheck={false}
            value={invite}
            onChange={(value) => {
              setInvite(value);
              clearField('invite');
            }}
            hint="Sign-up here needs an invite: the link an admin sent you fills it in."
            error={errors.fields.invite}
          />
        )}
        <SubmitButton busy={busy} busyText={text.busy}>
          {text.submit}
        </SubmitButton>
      </CheckedForm>
      <ProviderSignIn />
      <ModeSwitches mode={mode} setup={setup} onSwitch={switchTo} />
    </section>
  );
}

/** The ways to the other forms: sign in instead; create an account; claim an unclaimed instance. */
function ModeSwitches({
  mode,
  setup,
  onSwitch,
}: {
  mode: AuthFormMode;
  setup: InstanceSetup | undefined;
  onSwitch: (mode: AuthFormMode) => void;
}) {
  const switchButton = (to: AuthFormMode, label: string) => (
    <button type="button" className="button-link" onClick={() => onSwitch(to)}>
      {label}
    </button>
  );
  if (mode !== 'sign-in')
    return (
      <p className="auth-switch">
        Have an account already? {switchButton('sign-in', 'Sign in instead')}
      </p>
    );
  return (
    <>
      {signUpOffered(setup) ? (
        <p className="auth-switch">
          No account yet? {switchButton('sign-up', 'Create an account')}
        </p>
      ) : (
        <p className="hint auth-switch">Sign-up is closed here: ask the admin for an account.</p>
      )}
      {setup?.claimed === false && (
        <p className="auth-switch">
          Running this server? {switchButton('claim', 'Set it up with the setup code')}
        </p>
      )}
    </>
  );
}
