import { useId, type ReactNode, type Ref } from 'react';

interface TextFieldProps {
  /** Its name in the request body: the form finds the field of an error by it. */
  name: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'email' | 'password';
  autoComplete: string;
  /** Said below the field, and read with it. */
  hint?: ReactNode;
  error?: string;
  inputRef?: Ref<HTMLInputElement>;
  spellCheck?: boolean;
  /** `numeric`: a number typed as text (phones show digits; no spinner that changes it by accident). */
  inputMode?: 'numeric';
  placeholder?: string;
}

/** A labelled input with its hint and its error, both tied to it for screen readers. */
export function TextField({
  name,
  label,
  value,
  onChange,
  type = 'text',
  autoComplete,
  hint,
  error,
  inputRef,
  spellCheck,
  inputMode,
  placeholder,
}: TextFieldProps) {
  const id = useId();
  const describedBy =
    [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') ||
    undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        ref={inputRef}
        id={id}
        name={name}
        data-field={name}
        type={type}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        autoComplete={autoComplete}
        spellCheck={spellCheck}
        inputMode={inputMode}
        placeholder={placeholder}
        autoCapitalize={type === 'text' ? undefined : 'off'}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
