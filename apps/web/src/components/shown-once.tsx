import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

interface ShownOnceProps {
  /** The region's heading, e.g. `New token “backup”`. */
  heading: string;
  /** Said above the value, and read with it: that it will not be shown again, and why. */
  warning: string;
  /** The value's label, e.g. "Token". */
  label: string;
  /** The secret itself. */
  value: string;
  /** More to do with it, below the value (a link that opens it, instructions). */
  children?: ReactNode;
  onDone: () => void;
}

/**
 * A secret just made, shown this once: selected, with a copy button (the
 * clipboard, or else the selection for Ctrl+C) whose outcome is announced,
 * and a clear word that it will not be shown again. The secret lives in the
 * caller's state only, never in the query cache or in storage.
 */
export function ShownOnce({ heading, warning, label, value, children, onDone }: ShownOnceProps) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  // What the last Copy did, said only while the value it copied is the one shown.
  const [copied, setCopied] = useState({ value: '', message: '' });

  const select = () => {
    input.current?.focus();
    input.current?.select();
  };
  // Focused and selected: Ctrl+C copies it at once, and screen readers read the warning with it.
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [value]);

  const copy = async () => {
    try {
      // Absent where the page is not a secure context (plain http on another host than localhost).
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(value);
      setCopied({ value, message: 'Copied to the clipboard.' });
    } catch {
      select();
      setCopied({
        value,
        message: `The clipboard is not available here: the ${label.toLowerCase()} is selected, press Ctrl+C (⌘C on a Mac) to copy it.`,
      });
    }
  };

  return (
    <div className="shown-once" role="region" aria-labelledby={`${id}-heading`}>
      <h4 id={`${id}-heading`}>{heading}</h4>
      <p id={`${id}-once`} className="shown-once-warning">
        {warning}
      </p>
      <div className="field">
        <label htmlFor={`${id}-value`}>{label}</label>
        <div className="secret-copy">
          <input
            ref={input}
            id={`${id}-value`}
            className="secret-value"
            readOnly
            value={value}
            spellCheck={false}
            autoComplete="off"
            aria-describedby={`${id}-once`}
            onFocus={(event) => event.target.select()}
          />
          <button type="button" onClick={() => void copy()}>
            Copy
          </button>
        </div>
      </div>
      <p className="hint" role="status">
        {copied.value === value ? copied.message : ''}
      </p>
      {children}
      <div className="form-actions">
        <button type="button" onClick={onDone}>
          Done, hide it
        </button>
      </div>
    </div>
  );
}
