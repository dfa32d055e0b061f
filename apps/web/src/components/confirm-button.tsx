import { useId, useRef, useState, type KeyboardEvent } from 'react';

interface ConfirmButtonProps {
  /** The button's text, e.g. "Revoke". */
  children: string;
  /** Its accessible name when the text alone is ambiguous, e.g. `Revoke “backup”`. */
  label?: string;
  /** Asked before acting, e.g. `Revoke “backup”? Scripts that use it stop at once.` */
  question: string;
  /** The confirming button's text, e.g. "Revoke token". */
  confirm: string;
  onConfirm: () => void;
  busy?: boolean;
  className?: string;
}

/**
 * A destructive action asked about in place: the button turns into the
 * question, its confirmation (focused, and described by the question) and
 * Cancel; Escape or Cancel puts the button back, with the keyboard on it.
 */
export function ConfirmButton({
  children,
  label,
  question,
  confirm,
  onConfirm,
  busy = false,
  className,
}: ConfirmButtonProps) {
  const id = useId();
  const [asking, setAsking] = useState(false);
  const returnFocus = useRef(false);

  const cancel = () => {
    returnFocus.current = true;
    setAsking(false);
  };
  const cancelOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    cancel();
  };

  if (!asking)
    return (
      <button
        type="button"
        className={`danger${className ? ` ${className}` : ''}`}
        aria-label={label}
        ref={(button) => {
          if (button && returnFocus.current) {
            returnFocus.current = false;
            button.focus();
          }
        }}
        onClick={() => setAsking(true)}
      >
        {children}
      </button>
    );
  return (
    <div
      className="confirm"
      role="group"
      aria-labelledby={`${id}-question`}
      onKeyDown={cancelOnEscape}
    >
      <p id={`${id}-question`}>{question}</p>
      <div className="form-actions">
        <button
          type="button"
          className="danger"
          autoFocus
          aria-describedby={`${id}-question`}
          aria-disabled={busy || undefined}
          onClick={() => (busy ? undefined : onConfirm())}
        >
          {busy ? 'Working…' : confirm}
        </button>
        <button type="button" onClick={cancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
