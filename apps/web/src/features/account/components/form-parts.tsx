import type { FormEvent, ReactNode } from 'react';
import { FormAlert } from './form-alert';
import type { useFormErrors } from './use-form-errors';

/** A form's name: the heading it sits under, or words of its own. */
type FormName = { 'aria-labelledby': string } | { 'aria-label': string };

/**
 * An account form: it checks its fields itself (`noValidate`: no browser
 * bubbles, the API's words instead), and its refusal that belongs to no field
 * comes first, where `useFormErrors` puts the keyboard.
 */
export function CheckedForm({
  state: { formRef, errors },
  className = 'inline-form',
  onSubmit,
  children,
  ...name
}: FormName & {
  state: Pick<ReturnType<typeof useFormErrors>, 'formRef' | 'errors'>;
  className?: string;
  onSubmit: (event: FormEvent) => void;
  children: ReactNode;
}) {
  return (
    <form ref={formRef} className={className} {...name} onSubmit={onSubmit} noValidate>
      <FormAlert message={errors.form} />
      {children}
    </form>
  );
}

/** A form's submit button; while its request runs it says so and ignores presses (still focusable). */
export function SubmitButton({
  busy,
  busyText,
  children,
}: {
  busy: boolean;
  busyText: string;
  children: string;
}) {
  return (
    <div className="form-actions">
      <button type="submit" className="primary" aria-disabled={busy || undefined}>
        {busy ? busyText : children}
      </button>
    </div>
  );
}

/** Shows what the password fields hold: long passphrases are easier to type when seen. */
export function RevealPasswords({
  checked,
  onChange,
  children,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  children: string;
}) {
  return (
    <label className="checkbox">
      <input
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
      />
      {children}
    </label>
  );
}
