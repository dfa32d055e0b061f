import { useEffect, useId, useRef, useState } from 'react';
import type { CreatedApiToken } from '../types';

/**
 * A token just made, its secret shown this once: selected, with a copy
 * button (the clipboard, or else the selection for Ctrl+C) and a clear word
 * that it will not be shown again.
 */
export function NewToken({ token, onDone }: { token: CreatedApiToken; onDone: () => void }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState('');

  // Focused and selected: Ctrl+C copies it at once, and screen readers read the warning with it.
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [token]);

  const select = () => {
    input.current?.focus();
    input.current?.select();
  };
  const copy = async () => {
    try {
      // Absent where the page is not a secure context (plain http on another host than localhost).
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(token.token);
      setCopied('Copied to the clipboard.');
    } catch {
      select();
      setCopied(
        'The clipboard is not available here: the token is selected, press Ctrl+C (⌘C on a Mac) to copy it.',
      );
    }
  };

  return (
    <div className="new-token" role="region" aria-labelledby={`${id}-heading`}>
      <h4 id={`${id}-heading`}>New token “{token.name}”</h4>
      <p id={`${id}-once`} className="new-token-warning">
        Copy it now: it will not be shown again. TaskOverflow keeps only a fingerprint of it.
      </p>
      <div className="field">
        <label htmlFor={`${id}-token`}>Token</label>
        <div className="token-copy">
          <input
            ref={input}
            id={`${id}-token`}
            className="token-value"
            readOnly
            value={token.token}
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
        {copied}
      </p>
      <div className="form-actions">
        <button type="button" onClick={onDone}>
          Done, hide it
        </button>
      </div>
    </div>
  );
}
