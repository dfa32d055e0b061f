import { useId, useRef, useState } from 'react';
import { ConfirmButton } from '../../../components/confirm-button';
import { useNotify } from '../../../components/notices';
import { QueryContent } from '../../../components/query-content';
import { RevocableTable, TimeCell, useRevoke } from '../../../components/revocable-table';
import { failureMessage } from '../../../lib/api-client';
import { formatTime } from '../../../lib/format-time';
import { describeUserAgent } from '../../../lib/user-agent';
import { useDeleteFeed, useFeeds, useRotateFeed } from '../api/use-feeds';
import { describeFeedSelection, describeReminder } from '../feed-format';
import type { FeedSummary, FeedWithUrl } from '../types';
import { IssuedUrl, type IssuedFeed } from './issued-url';

interface FeedsListProps {
  /** The URL just made or re-issued, shown once above the list. */
  issued: IssuedFeed | null;
  onIssued: (issued: IssuedFeed | null) => void;
  helpId: string;
}

/** The feeds: what each holds, when calendar apps last fetched it; rotate its URL, delete it. */
export function FeedsList({ issued, onIssued, helpId }: FeedsListProps) {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const feeds = useFeeds();
  const notify = useNotify();
  const rotate = useRotateFeed();
  // A rotation's question is answered: its row asks anew next time (a new ConfirmButton).
  const [rotations, setRotations] = useState<Partial<Record<string, number>>>({});
  const { revoke: remove, isRevoking: isRemoving } = useRevoke(useDeleteFeed(), {
    onRevoked: (feed) => {
      // Its row, and the focused button in it, are gone: keep the keyboard in this section.
      headingRef.current?.focus();
      if (issued?.feed.id === feed.id) onIssued(null);
    },
    revoked: (feed) => `Deleted “${feed.name}”.`,
    failed: (feed) => `Could not delete “${feed.name}”`,
  });

  const rotateOne = (feed: FeedSummary) =>
    rotate.mutate(feed, {
      onSuccess: (rotated: FeedWithUrl) => {
        setRotations((counts) => ({ ...counts, [feed.id]: (counts[feed.id] ?? 0) + 1 }));
        onIssued({ feed: rotated, why: 'rotated' });
      },
      onError: (error) =>
        notify({
          tone: 'error',
          message: failureMessage(`Could not rotate the URL of “${feed.name}”`, error),
        }),
    });

  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId} ref={headingRef} tabIndex={-1}>
        Your feeds
      </h3>
      {issued && (
        <IssuedUrl
          issued={issued}
          helpId={helpId}
          onDone={() => {
            onIssued(null);
            headingRef.current?.focus();
          }}
        />
      )}
      <p className="hint">
        A feed’s URL is shown only once, when it is made. To subscribe another app, or if the URL
        got out, <strong>Rotate</strong> issues a new one; the old one stops working at once.
      </p>
      <QueryContent query={feeds} what="your feeds">
        {(list) =>
          list.length === 0 ? (
            <p className="empty-state">No feeds yet: create one above.</p>
          ) : (
            <RevocableTable label="Calendar feeds" columns={['Feed', 'Calendar', 'Last fetched']}>
              {list.map((feed) => (
                <tr key={feed.id}>
                  <th scope="row">
                    <span className="cell-main">{feed.name}</span>
                    <span className="feed-settings">
                      {describeFeedSelection(feed.selection)} ·{' '}
                      {describeReminder(feed.reminder_minutes)}
                    </span>
                    <span className="hint">
                      Made <time dateTime={feed.created_at}>{formatTime(feed.created_at)}</time>
                    </span>
                  </th>
                  <RenderedCell feed={feed} />
                  <FetchedCell feed={feed} />
                  <td className="actions-cell">
                    <div className="feed-actions">
                      <ConfirmButton
                        key={`rotate-${rotations[feed.id] ?? 0}`}
                        label={`Rotate the URL of “${feed.name}”`}
                        question={`Rotate the URL of “${feed.name}”? The current URL stops working at once; calendar apps need the new one.`}
                        confirm="Rotate URL"
                        busy={rotate.isPending && rotate.variables.id === feed.id}
                        onConfirm={() => rotateOne(feed)}
                      >
                        Rotate
                      </ConfirmButton>
                      <ConfirmButton
                        label={`Delete “${feed.name}”`}
                        question={`Delete “${feed.name}”? Calendar apps subscribed to it stop getting updates.`}
                        confirm="Delete feed"
                        busy={isRemoving(feed)}
                        onConfirm={() => remove(feed)}
                      >
                        Delete
                      </ConfirmButton>
                    </div>
                  </td>
                </tr>
              ))}
            </RevocableTable>
          )
        }
      </QueryContent>
    </section>
  );
}

/**
 * How many events the worker last rendered, and when; or that it is still at
 * it; and why it cannot render the feed now (apps keep the last good render).
 */
function RenderedCell({ feed }: { feed: FeedSummary }) {
  const count = feed.event_count ?? 0;
  return (
    <td>
      {feed.rendered_at === null ? (
        <span className="hint">Being prepared…</span>
      ) : (
        <>
          <span className="cell-main">
            {count.toLocaleString()} {count === 1 ? 'event' : 'events'}
          </span>
          <span className="hint">
            Updated <time dateTime={feed.rendered_at}>{formatTime(feed.rendered_at)}</time>
          </span>
        </>
      )}
      {feed.render_error !== null && (
        <span className="field-error feed-render-error">Not updated: {feed.render_error}</span>
      )}
    </td>
  );
}

/** When a calendar app last fetched it, and which app, named from its User-Agent (whole in its title). */
function FetchedCell({ feed }: { feed: FeedSummary }) {
  if (feed.last_fetched_at === null) return <TimeCell at={null} otherwise="Not yet" />;
  return (
    <td>
      <time dateTime={feed.last_fetched_at}>{formatTime(feed.last_fetched_at)}</time>
      <span className="hint" title={feed.last_fetched_by ?? undefined}>
        by {describeUserAgent(feed.last_fetched_by, 'an unknown app')}
      </span>
    </td>
  );
}
