import type { UseMutationResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ConfirmButton } from './confirm-button';
import { useNotify } from './notices';
import { TableScroll } from './table-scroll';
import { failureMessage } from '../lib/api-client';
import { formatTime } from '../lib/format-time';

/**
 * What the account has handed out (API tokens, sessions, calendar feeds), a row each: named in
 * its header cell, then its times, then the button that revokes it (that
 * column's header is for screen readers only: the buttons name their row).
 */
export function RevocableTable({
  label,
  columns,
  children,
}: {
  /** The table's name, e.g. "Sessions". */
  label: string;
  /** The headers of the columns before the action's. */
  columns: readonly string[];
  /** The rows (`<tr>`). */
  children: ReactNode;
}) {
  return (
    <TableScroll label={label}>
      <table className="data-table">
        <caption className="visually-hidden">{label}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </TableScroll>
  );
}

/** A cell with a moment, or `otherwise` where there is none (e.g. a token never used). */
export function TimeCell({ at, otherwise }: { at: string | null; otherwise?: string }) {
  return (
    <td>
      {at ? <time dateTime={at}>{formatTime(at)}</time> : <span className="hint">{otherwise}</span>}
    </td>
  );
}

/** The last cell of a row: Revoke, which asks `question` first (`label` names the row for screen readers). */
export function RevokeCell({
  label,
  question,
  confirm,
  busy,
  onConfirm,
}: {
  label: string;
  question: string;
  /** The button that answers yes, e.g. "Revoke token". */
  confirm: string;
  busy: boolean;
  onConfirm: () => void;
}) {
  return (
    <td className="actions-cell">
      <ConfirmButton
        label={label}
        question={question}
        confirm={confirm}
        busy={busy}
        onConfirm={onConfirm}
      >
        Revoke
      </ConfirmButton>
    </td>
  );
}

interface RevokeNotices<Row> {
  /** Said once it is revoked; undefined says nothing. */
  revoked: (row: Row) => string | undefined;
  /** What could not be done, e.g. `Could not revoke “backup”` (the reason follows). */
  failed: (row: Row) => string;
  /** After it is revoked, before the notice, e.g. to move the keyboard off its vanished row. */
  onRevoked?: (row: Row) => void;
}

/**
 * Revokes one row of a {@link RevocableTable} with `mutation`, and tells how it went;
 * `isRevoking(row)` says whether that row's request is the one running.
 */
export function useRevoke<Row extends { id: string }>(
  mutation: UseMutationResult<void, Error, Row>,
  { revoked, failed, onRevoked }: RevokeNotices<Row>,
) {
  const notify = useNotify();
  return {
    revoke: (row: Row) =>
      mutation.mutate(row, {
        onSuccess: () => {
          onRevoked?.(row);
          const message = revoked(row);
          if (message) notify({ tone: 'info', message });
        },
        onError: (error) => notify({ tone: 'error', message: failureMessage(failed(row), error) }),
      }),
    isRevoking: (row: Row) => mutation.isPending && mutation.variables.id === row.id,
  };
}
