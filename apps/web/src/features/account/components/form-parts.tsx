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
