import { useId } from 'react';
import { useNotify } from '../../../components/notices';
import { QueryContent } from '../../../components/query-content';
import { failureMessage } from '../../../lib/api-client';
import { formatTime } from '../../../lib/format-time';
import { useEndAllSessions, useEndSession, useSessions } from '../api/use-account';
import { ConfirmButton } from '../../../components/confirm-button';
import { RevocableTable, TimeCell, useRevoke } from '../../../components/revocable-table';
import { describeUserAgent } from '../../../lib/user-agent';

/** Where the account is signed in: end one session, or all of them. */
export function SessionsList() {
  const headingId = useId();
  const sessions = useSessions();
  const end = useEndSession();
  // Ending this session signs out: the page goes, with nothing to say.
  const { revoke: endOne, isRevoking: isEnding } = useRevoke(end, {
    revoked: (session) =>
      session.current ? undefined : `Signed out ${describeUserAgent(session.user_agent)}.`,
    failed: (session) => `Could not sign out ${describeUserAgent(session.user_agent)}`,
  });
  const endAll = useEndAllSessions();
  const notify = useNotify();

  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>Sessions</h3>
      <p className="hint">The browsers signed in to this account, the most recently used first.</p>
      <QueryContent query={sessions} what="your sessions">
        {(list) => (
          <RevocableTable label="Sessions" columns={['Device', 'Signed in', 'Last seen']}>
            {list.map((session) => {
              const device = describeUserAgent(session.user_agent);
              const started = formatTime(session.created_at);
              return (
                <tr key={session.id} className={session.current ? 'is-current' : undefined}>
                  <th scope="row">
                    <span className="cell-main">
                      {device}{' '}
                      {session.current && <span className="badge tone-active">This session</span>}
                    </span>
                    {session.user_agent && session.user_agent.trim() !== device && (
                      <span className="hint user-agent">{session.user_agent}</span>
                    )}
                  </th>
                  <TimeCell at={session.created_at} />
                  <TimeCell at={session.last_seen_at} />
                  <td className="actions-cell">
                    <button
                      type="button"
                      aria-label={
                        session.current
                          ? 'Sign out this session'
                          : `Sign out ${device}, signed in ${started}`
                      }
                      aria-disabled={isEnding(session) || undefined}
                      onClick={() => (end.isPending ? undefined : endOne(session))}
                    >
                      Sign out
                    </button>
                  </td>
                </tr>
              );
            })}
          </RevocableTable>
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
