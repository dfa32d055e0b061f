import { INVITE_LIFETIME_DAYS } from '@taskoverflow/contracts/values';
import { useId, useRef, useState } from 'react';
import { useNotify } from '../../../components/notices';
import { QueryContent } from '../../../components/query-content';
import {
  RevocableTable,
  RevokeCell,
  TimeCell,
  useRevoke,
} from '../../../components/revocable-table';
import { ShownOnce } from '../../../components/shown-once';
import { failureMessage } from '../../../lib/api-client';
import { formatTime } from '../../../lib/format-time';
import { useCreateInvite, useInvites, useRevokeInvite, useSetupStatus } from '../api/use-account';
import type { CreatedInvite } from '../types';

const SIGN_UP_NOW = {
  open: 'Sign-up is open here (SIGN_UP=open): anyone can create an account, invited or not.',
  invite: 'Sign-up here needs an invite (SIGN_UP=invite).',
  closed: 'Sign-up is closed here (SIGN_UP=closed): invite links do not work.',
};

/** The admin's invite links: make one (its link shown once, to copy), list them, revoke them. */
export function InviteLinks() {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const makeRef = useRef<HTMLButtonElement>(null);
  const signUp = useSetupStatus().data?.sign_up;
  const invites = useInvites();
  const create = useCreateInvite();
  const notify = useNotify();
  const { revoke, isRevoking } = useRevoke(useRevokeInvite(), {
    onRevoked: () => headingRef.current?.focus(),
    revoked: (invite) => `Revoked the invite made ${formatTime(invite.created_at)}.`,
    failed: (invite) => `Could not revoke the invite made ${formatTime(invite.created_at)}`,
  });
  // The link lives here only, never in the query cache or in storage: gone with the page.
  const [created, setCreated] = useState<CreatedInvite | null>(null);

  const make = () =>
    create.mutate(undefined, {
      onSuccess: setCreated,
      onError: (error) =>
        notify({ tone: 'error', message: failureMessage('Could not make an invite link', error) }),
    });

  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId} ref={headingRef} tabIndex={-1}>
        Invite links
      </h3>
      <p className="hint">
        {signUp && `${SIGN_UP_NOW[signUp]} `}Each link signs up one person, as a member, within{' '}
        {INVITE_LIFETIME_DAYS} days.
      </p>
      {created && (
        <ShownOnce
          heading="New invite link"
          warning="Copy it now and send it: it will not be shown again. TaskOverflow keeps only a fingerprint of it."
          label="Invite link"
          value={created.url}
          onDone={() => {
            setCreated(null);
            makeRef.current?.focus();
          }}
        />
      )}
      <div className="form-actions">
        <button
          ref={makeRef}
          type="button"
          className="primary"
          aria-disabled={create.isPending || undefined}
          onClick={() => (create.isPending ? undefined : make())}
        >
          {create.isPending ? 'Making…' : 'Make an invite link'}
        </button>
      </div>
      <QueryContent query={invites} what="the invite links">
        {(list) =>
          list.length === 0 ? (
            <p className="empty-state">No unused invite links.</p>
          ) : (
            <RevocableTable label="Unused invite links" columns={['Made', 'Expires']}>
              {list.map((invite) => (
                <tr key={invite.id}>
                  <th scope="row">
                    <time dateTime={invite.created_at}>{formatTime(invite.created_at)}</time>
                  </th>
                  <TimeCell at={invite.expires_at} />
                  <RevokeCell
                    label={`Revoke the invite made ${formatTime(invite.created_at)}`}
                    question="Revoke this invite? Its link stops working at once."
                    confirm="Revoke invite"
                    busy={isRevoking(invite)}
                    onConfirm={() => revoke(invite)}
                  />
                </tr>
              ))}
            </RevocableTable>
          )
        }
      </QueryContent>
    </section>
  );
}
