import type { ReactNode } from 'react';

/**
 * A wide table that scrolls sideways inside its card instead of widening the
 * page; focusable, so that keyboard users can scroll it too.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={`${label} table`}>
      {children}
    </div>
  );
}
