import { useId } from 'react';

/** How each calendar app subscribes to a URL, and how often it looks again. */
export function SubscribeHelp({ id }: { id: string }) {
  const headingId = useId();
  return (
    <section className="card" id={id} aria-labelledby={headingId} tabIndex={-1}>
      <h3 id={headingId}>Subscribe from your calendar app</h3>
      <p className="hint">
        Paste the feed’s URL where your app asks for one. The app asks for it again by itself, so
        changes to your todos show up there without a new export.
      </p>
      <dl className="feed-help">
        <div>
          <dt>Google Calendar</dt>
          <dd>
            On the web: next to <strong>Other calendars</strong>, press <strong>+</strong>, then{' '}
            <strong>From URL</strong>; paste the URL and press <strong>Add calendar</strong>. Google
            refreshes subscriptions on its own schedule, only every 8 to 24 hours, and it cannot be
            made to refresh sooner.
          </dd>
        </div>
        <div>
          <dt>Apple Calendar</dt>
          <dd>
            On a Mac: <strong>File → New Calendar Subscription…</strong>, paste the URL, press{' '}
            <strong>Subscribe</strong>, and set <strong>Auto-refresh</strong> to{' '}
            <strong>Every 5 minutes</strong>. On an iPhone or iPad, use{' '}
            <strong>Open in calendar app</strong>.
          </dd>
        </div>
        <div>
          <dt>Outlook</dt>
          <dd>
            <strong>Add calendar → Subscribe from web</strong> (Outlook on the web) or{' '}
            <strong>From Internet</strong> (Outlook for Windows); paste the URL.
          </dd>
        </div>
        <div>
          <dt>Thunderbird</dt>
          <dd>
            <strong>New Calendar → On the Network</strong>, paste the URL as the location, and
            choose how often to refresh.
          </dd>
        </div>
      </dl>
    </section>
  );
}
