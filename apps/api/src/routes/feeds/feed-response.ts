import type { FeedSummary, FeedWithUrl } from '@taskoverflow/contracts';
import { selectionOf, type CalendarFeed } from '@taskoverflow/db';
import { instantOrNull } from '../../lib/instant.js';

export function toFeedSummary(feed: CalendarFeed): FeedSummary {
  return {
    id: feed.id,
    name: feed.name,
    selection: selectionOf(feed),
    reminder_minutes: feed.reminderMinutes,
    created_at: feed.createdAt.toISOString(),
    rendered_at: instantOrNull(feed.renderedAt),
    event_count: feed.eventCount,
    render_error: feed.renderError,
    last_fetched_at: instantOrNull(feed.lastFetchedAt),
    last_fetched_by: feed.lastFetchedBy,
  };
}

/** The feed with its secret URL, over https (or http) and as webcal://, which opens a calendar app. */
export function toFeedWithUrl(feed: CalendarFeed, url: string): FeedWithUrl {
  return { ...toFeedSummary(feed), url, webcal_url: url.replace(/^https?:/, 'webcal:') };
}
