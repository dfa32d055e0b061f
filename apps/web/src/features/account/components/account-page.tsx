import { useId } from 'react';
import { ErrorBoundary } from '../../../components/error-boundary';
import { useUser } from '../../../lib/session';
import { isLocalOwner, type User } from '../../../lib/session-state';
import { ApiTokens } from './api-tokens';
import { ChangePassword } from './change-password';
import { InviteLinks } from './invite-links';
import { LinkProvider } from './provider-sign-in';
import { SessionsList } from './sessions-list';
import { TimeZoneSetting } from './time-zone-setting';
import '../account.css';

const ROLES: Record<User['role'], { name: string; about: string }> = {
  admin: {
    name: 'Admin',
    about:
      'You claimed this TaskOverflow with its setup code. The Jobs view shows you every user’s exports and all workers, you can retry or cancel any export, and you make the invite links.',
  },
  member: { name: 'Member', about: 'The Jobs view shows your own exports.' },
  owner: {
    name: 'Owner',
    about:
      'This TaskOverflow runs without accounts (AUTH_MODE=local): it has one owner and no sign-in, and serves this machine only. API tokens, sessions and passwords exist with AUTH_MODE=accounts.',
  },
};

/** The signed-in account: who, its API tokens, its sessions, its password; the admin's invite links. */
export function AccountPage() {
  const user = useUser();
  const overviewId = useId();
  if (!user) return null;
  const role = ROLES[user.role];
  return (
    <div className="account">
      <div className="account-heading">
        <h2>Account</h2>
        <p className="hint">
          Who you are signed in as, and how scripts and browsers reach your todos.
        </p>
      </div>
      <section className="card" aria-labelledby={overviewId}>
        <h3 id={overviewId}>You</h3>
        <dl className="account-facts">
          <div>
            <dt>Email</dt>
            <dd>{user.email}</dd>
          </div>
          <div>
            <dt>Role</dt>
            <dd>{role.name}</dd>
          </div>
        </dl>
        <p className="hint">{role.about}</p>
      </section>
      <TimeZoneSetting user={user} />
      {!isLocalOwner(user) && (
        <>
          <ErrorBoundary what="your API tokens">
            <ApiTokens />
          </ErrorBoundary>
          <ErrorBoundary what="your sessions">
            <SessionsList />
          </ErrorBoundary>
          <ErrorBoundary what="the password change">
            <ChangePassword email={user.email} />
          </ErrorBoundary>
          {user.role === 'admin' && (
            <ErrorBoundary what="the invite links">
              <InviteLinks />
            </ErrorBoundary>
          )}
          <ErrorBoundary what="sign-in with a provider">
            <LinkProvider />
          </ErrorBoundary>
        </>
      )}
    </div>
  );
}

/** For `React.lazy`, which wants a default export. */
export default AccountPage;
