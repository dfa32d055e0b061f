import { useId, useRef, useState } from 'react';
import { ErrorBoundary } from '../../../components/error-boundary';
import { CreateFeedForm } from './create-feed-form';
import { FeedsList } from './feeds-list';
import type { IssuedFeed } from './issued-url';
import { SubscribeHelp } from './subscribe-help';
import '../feeds.css';

/**
 * Calendar feeds: private URLs that calendar apps subscribe to, so that they
 * keep up with the todos by themselves (an export is a copy of one moment).
 */
export function FeedsPage() {
  const formId = useId();
  const helpId = useId();
  const nameRef = useRef<HTMLInputElement>(null);
  // The URL lives here only, never in the query cache or in storage: gone with the page.
  const [issued, setIssued] = useState<IssuedFeed | null>(null);
  return (
    <div className="feeds">
      <div className="feeds-heading">
        <h2>Subscribe</h2>
        <p className="hint">
          Give your calendar app a feed’s private URL: it shows your todos with a deadline as
          events, and picks up their changes by itself.
        </p>
      </div>
      <section className="card" aria-labelledby={formId}>
        <h3 id={formId}>New feed</h3>
        <CreateFeedForm
          nameRef={nameRef}
          onCreated={(feed) => setIssued({ feed, why: 'created' })}
        />
      </section>
      <ErrorBoundary what="your feeds">
        <FeedsList issued={issued} onIssued={setIssued} helpId={helpId} />
      </ErrorBoundary>
      <SubscribeHelp id={helpId} />
    </div>
  );
}

/** For `React.lazy`, which wants a default export. */
export default FeedsPage;
