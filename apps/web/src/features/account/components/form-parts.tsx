import type { ReactNode } from 'react';
import { TextField } from '../../../components/form/text-field';

/** The label of the field that proves the account's password: the API's field `current_password`. */
export const CURRENT_PASSWORD_LABEL = 'Current password';

/** The account's current password, asked before a change of its credentials. */
export function CurrentPasswordField({
  value,
  onChange,
  error,
  shown = false,
  hint,
}: {
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  /** Whether it is shown as text (a "Show passwords" box). */
  shown?: boolean;
  hint?: ReactNode;
}) {
  return (
    <TextField
      name="current_password"
      label={CURRENT_PASSWORD_LABEL}
      type={shown ? 'text' : 'password'}
      autoComplete="current-password"
      hint={hint}
      value={value}
      onChange={onChange}
      error={error}
    />
  );
}

/** A labelled checkbox of an account form. */
export function Checkbox({
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

/** Shows what the password fields hold: long passphrases are easier to type when seen. */
export const RevealPasswords = Checkbox;
