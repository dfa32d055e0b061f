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
