import { useId, useState, type FormEvent } from 'react';
import { fieldMessage, formErrorsFrom, hasErrors, type FormErrors } from '../../../lib/form-errors';
import { newPasswordProblem, PASSWORD_RULES } from '../account-forms';
import { useChangePassword } from '../api/use-account';
import { CheckedForm } from '../../../components/form/checked-form';
import { SubmitButton } from '../../../components/form/submit-button';
import { CURRENT_PASSWORD_LABEL, Checkbox, CurrentPasswordField } from './form-parts';
import { TextField } from '../../../components/form/text-field';
import { useFormErrors } from '../../../components/form/use-form-errors';

const LABELS = { current_password: CURRENT_PASSWORD_LABEL, new_password: 'New password' };

/**
 * A new password, given the current one; the account's other sessions end,
 * and its API tokens too unless the box is unticked (a thief's token must
 * not outlive the password they stole).
 */
export function ChangePassword({ email }: { email: string }) {
  const headingId = useId();
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [show, setShow] = useState(false);
  const [revokeTokens, setRevokeTokens] = useState(true);
  const [done, setDone] = useState('');
  const form = useFormErrors();
  const { errors, report, clear, clearField } = form;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (change.isPending) return;
    setDone('');
    const problems: FormErrors = { fields: {} };
    if (current === '')
      problems.fields.current_password = fieldMessage(LABELS.current_password, 'is required');
    const problem = newPasswordProblem(next);
    if (problem) problems.fields.new_password = fieldMessage(LABELS.new_password, problem);
    if (hasErrors(problems)) return report(problems);
    clear();
    change.mutate(
      { current, next, revokeTokens },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
          setDone(
            revokeTokens
              ? 'Password changed. Your other sessions were signed out and your API tokens revoked.'
              : 'Password changed. Your other sessions were signed out; your API tokens still work.',
          );
        },
        onError: (error) => report(formErrorsFrom(error, { labels: LABELS })),
      },
    );
  };

  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>Change password</h3>
      <CheckedForm state={form} aria-labelledby={headingId} onSubmit={submit}>
        {/* For password managers: which account the new password is for. */}
        <input type="email" autoComplete="username" value={email} readOnly hidden />
        <CurrentPasswordField
          shown={show}
          value={current}
          onChange={(value) => {
            setCurrent(value);
            clearField('current_password');
          }}
          error={errors.fields.current_password}
        />
        <TextField
          name="new_password"
          label={LABELS.new_password}
          type={show ? 'text' : 'password'}
          autoComplete="new-password"
          hint={PASSWORD_RULES}
          value={next}
          onChange={(value) => {
            setNext(value);
            clearField('new_password');
          }}
          error={errors.fields.new_password}
        />
        <Checkbox checked={show} onChange={setShow}>
          Show passwords
        </Checkbox>
        <Checkbox checked={revokeTokens} onChange={setRevokeTokens}>
          Also revoke API tokens
        </Checkbox>
        <SubmitButton busy={change.isPending} busyText="Changing…">
          Change password
        </SubmitButton>
        <p className="hint" role="status">
          {done}
        </p>
      </CheckedForm>
    </section>
  );
}
