import { useId } from 'react';
import { useNotify } from '../../../components/notices';
import { QueryContent } from '../../../components/query-content';
import { TableScroll } from '../../../components/table-scroll';
import { failureMessage } from '../../../lib/api-client';
import { formatTime } from '../../../lib/format-time';
import { useEndAllSessions, useEndSession, useSessions } from '../api/use-account';
import type { SessionSummary } from '../types';
import { describeUserAgent } from '../../../lib/user-agent';
import { ConfirmButton } from '../../../components/confirm-button';

/** Where the account is signed in: end one session, or all of them. */
export function SessionsList() {
  const headingId = useId();
  const sessions = useSessions();
  const end = useEndSession();
  const endAll = useEndAllSessions();
  const notify = useNotify();

  const endOne = (session: SessionSummary, device: string) =>
    end.mutate(session, {
      onSuccess: () =>
        session.current ? undefined : notify({ tone: 'info', message: `Signed out ${device}.` }),
      onError: (error) =>
        notify({ tone: 'error', message: failureMessage(`Could not sign out ${device}`, error) }),
    });

  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>Sessions</h3>
      <p className="hint">The browsers signed in to this account, the most recently used first.</p>
      <QueryContent query={sessions} what="your sessions">
        {(list) => (
          <TableScroll label="Sessions">
            <table className="data-table">
              <caption className="visually-hidden">Sessions</caption>
              <thead>
                <tr>
                  <th scope="col">Device</th>
                  <th scope="col">Signed in</th>
                  <th scope="col">Last seen</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((session) => {
                  const device = describeUserAgent(session.user_agent);
                  const started = formatTime(session.created_at);
                  return (
                    <tr key={session.id} className={session.current ? 'is-current' : undefined}>
                      <th scope="row">
                        <span className="cell-main">
                          {device}{' '}
                          {session.current && (
                            <span className="badge tone-active">This session</span>
                          )}
                        </span>
                        {session.user_agent && session.user_agent.trim() !== device && (
                          <span className="hint user-agent">{session.user_agent}</span>
                        )}
                      </th>
                      <td>
                        <time dateTime={session.created_at}>{started}</time>
                      </td>
                      <td>
                        <time dateTime={session.last_seen_at}>
                          {formatTime(session.last_seen_at)}
                        </time>
                      </td>
                      <td className="actions-cell">
                        <button
                          type="button"
                          aria-label={
                            session.current
                              ? 'Sign out this session'
                              : `Sign out ${device}, signed in ${started}`
                          }
                          aria-disabled={
                            (end.isPending && end.variables.id === session.id) || undefined
                          }
                          onClick={() => (end.isPending ? undefined : endOne(session, device))}
                        >
                          Sign out
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
        )}
      </QueryContent>
      <div className="sign-out-everywhere">
        <ConfirmButton
          question="Sign out everywhere, this browser too? API tokens keep working: revoke them above."
          confirm="Sign out everywhere"
          busy={endAll.isPending}
          onConfirm={() =>
            endAll.mutate(undefined, {
              onError: (error) =>
                notify({
                  tone: 'error',
                  message: failureMessage('Could not sign out everywhere', error),
                }),
            })
          }
        >
          Sign out everywhere
        </ConfirmButton>
      </div>
    </section>
  );
}
