import {
  TOKEN_SCOPES,
  TOKEN_SCOPE_DESCRIPTIONS,
  type TokenScope,
} from '@taskoverflow/contracts/values';
import { useId } from 'react';

/** One radio per token scope, each with its one-line explanation read with it. */
export function TokenScopePicker({
  value,
  onChange,
}: {
  value: TokenScope;
  onChange: (scope: TokenScope) => void;
}) {
  const id = useId();
  return (
    <fieldset className="field scope-picker">
      <legend>Scope</legend>
      {TOKEN_SCOPES.map((scope) => (
        <div key={scope} className="scope-option">
          <label className="checkbox">
            <input
              type="radio"
              name={`${id}-scope`}
              value={scope}
              checked={value === scope}
              onChange={() => onChange(scope)}
              aria-describedby={`${id}-${scope}`}
            />
            {scope}
          </label>
          <p className="hint" id={`${id}-${scope}`}>
            {TOKEN_SCOPE_DESCRIPTIONS[scope]}
          </p>
        </div>
      ))}
    </fieldset>
  );
}
