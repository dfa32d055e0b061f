import type { ReactNode } from 'react';

/** What failed, said in place of the missing content, with a way to try again. */
export function ErrorState({ children, onRetry }: { children: ReactNode; onRetry: () => void }) {
  return (
    <div className="error-state" role="alert">
      <p>{children}</p>
      <button type="button" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
