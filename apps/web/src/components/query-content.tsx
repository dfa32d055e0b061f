import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorState } from './error-state';

interface QueryContentProps<T> {
  query: UseQueryResult<T, Error>;
  /** What is loaded, for the messages, e.g. "the workers". */
  what: string;
  children: (data: T) => ReactNode;
}

/**
 * A query's data, or what stands in for it: "Loading…", or the error with a
 * retry. A failed refresh keeps the last data up and says so.
 */
export function QueryContent<T>({ query, what, children }: QueryContentProps<T>) {
  if (query.data !== undefined)
    return (
      <>
        {query.isError && (
          <p className="hint">
            Could not refresh {what} ({query.error.message}); showing the last known.
          </p>
        )}
        {children(query.data)}
      </>
    );
  if (query.isError)
    return (
      <ErrorState onRetry={() => void query.refetch()}>
        Could not load {what}. {query.error.message}
      </ErrorState>
    );
  return <p className="hint">Loading {what}…</p>;
}
