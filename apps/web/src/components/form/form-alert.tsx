/** A form's error that belongs to no field: announced at once, and focusable, so the form can put the keyboard on it. */
export function FormAlert({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="form-error" role="alert" tabIndex={-1} data-form-error>
      {message}
    </p>
  );
}
