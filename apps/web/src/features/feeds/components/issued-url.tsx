import { ShownOnce } from '../../../components/shown-once';
import type { FeedWithUrl } from '../types';

/** A feed's URL, just made (`created`) or re-issued (`rotated`): shown this once. */
export interface IssuedFeed {
  feed: FeedWithUrl;
  why: 'created' | 'rotated';
}

const WARNING =
  'Copy it now: it will not be shown again. TaskOverflow keeps only a fingerprint of it, and anyone who has the URL can read this feed.';

/** The URL shown once, with the link that hands it to the calendar app set for webcal:// links. */
export function IssuedUrl({
  issued: { feed, why },
  helpId,
  onDone,
}: {
  issued: IssuedFeed;
  /** The instructions' id, to point at them. */
  helpId: string;
  onDone: () => void;
}) {
  return (
    <ShownOnce
      heading={why === 'created' ? `URL of “${feed.name}”` : `New URL of “${feed.name}”`}
      warning={
        why === 'created'
          ? WARNING
          : `The old URL stopped working: give this one to the calendar apps that used it. ${WARNING}`
      }
      label="Feed URL"
      value={feed.url}
      onDone={onDone}
    >
      <p className="feed-open">
        <a className="button primary" href={feed.webcal_url}>
          Open in calendar app
        </a>
        <span className="hint">
          Apple Calendar, Outlook and Thunderbird open it from this link; for Google Calendar, copy
          the URL and <a href={`#${helpId}`}>follow the steps for your app</a>.
        </span>
      </p>
    </ShownOnce>
  );
}
