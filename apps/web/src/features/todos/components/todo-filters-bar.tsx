import { useId, useState } from 'react';
import { WINDOW_DAYS_MAX } from '@taskoverflow/contracts/values';
import { parseWindow } from '../../../lib/todo-selection';
import { STATUS_FILTERS, type StatusFilter, type TodoFilters } from '../todo-filters';
import type { TodoCounts } from '../types';

interface TodoFiltersBarProps {
  filters: TodoFilters;
  counts: TodoCounts | undefined;
  onChange: (change: Partial<TodoFilters>) => void;
}

const windowToText = (days: number | null) => (days === null ? '' : String(days));

const STATUS_LABELS: Record<StatusFilter, string> = {
  all: 'All',
  active: 'Active',
  completed: 'Completed',
};

export function TodoFiltersBar({ filters, counts, onChange }: TodoFiltersBarProps) {
  const id = useId();
  // The field keeps what is typed; only whole numbers in range reach the filters.
  const [windowText, setWindowText] = useState(windowToText(filters.window));
  // Follow changes made elsewhere (e.g. "Show all todos").
  const [shownWindow, setShownWindow] = useState(filters.window);
  if (shownWindow !== filters.window) {
    setShownWindow(filters.window);
    setWindowText(windowToText(filters.window));
  }
  const windowValid = windowText === '' || parseWindow(windowText) !== null;

  const changeWindow = (text: string) => {
    setWindowText(text);
    const days = parseWindow(text);
    if (text === '' || days !== null) onChange({ window: days });
  };

  return (
    <div className="filters">
      <fieldset className="segmented">
        <legend className="visually-hidden">Show</legend>
        {STATUS_FILTERS.map((status) => (
          <label key={status} className={filters.status === status ? 'is-selected' : undefined}>
            <input
              type="radio"
              name={`${id}-status`}
              value={status}
              checked={filters.status === status}
              onChange={() => onChange({ status })}
            />
            {STATUS_LABELS[status]}{' '}
            <span className="count">{counts ? counts[status].toLocaleString() : '–'}</span>
          </label>
        ))}
      </fieldset>
      <div className="window-filter">
        <label htmlFor={`${id}-window`}>Due within</label>
        <input
          id={`${id}-window`}
          type="number"
          inputMode="numeric"
          min={0}
          max={WINDOW_DAYS_MAX}
          placeholder="any"
          value={windowText}
          onChange={(event) => changeWindow(event.target.value)}
          aria-invalid={windowValid ? undefined : true}
          aria-describedby={windowValid ? undefined : `${id}-window-error`}
        />
        <span>days</span>
        {!windowValid && (
          <p className="field-error" id={`${id}-window-error`}>
            Enter a whole number of days from 0 to {WINDOW_DAYS_MAX.toLocaleString()}.
          </p>
        )}
      </div>
    </div>
  );
}
