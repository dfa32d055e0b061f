import { apiRequest } from '../../../lib/api-client';
import type { CreateFeedBody, FeedSummary, FeedWithUrl } from '../types';

export const feedKeys = { all: ['feeds'] as const };

/** The feeds, newest first: never their URLs, which the API keeps only as hashes. */
export async function fetchFeeds(signal?: AbortSignal): Promise<FeedSummary[]> {
  return (await apiRequest<FeedSummary[]>('/feeds', { signal })).data;
}

/** A new feed: one of the two answers that hold its secret URL. */
export async function createFeed(body: CreateFeedBody): Promise<FeedWithUrl> {
  return (await apiRequest<FeedWithUrl>('/feeds', { method: 'POST', body })).data;
}

/** A new secret URL for the feed; the old one stops working at once. */
export async function rotateFeed(id: string): Promise<FeedWithUrl> {
  return (
    await apiRequest<FeedWithUrl>(`/feeds/${encodeURIComponent(id)}/rotate`, { method: 'POST' })
  ).data;
}

export async function deleteFeed(id: string): Promise<void> {
  await apiRequest<undefined>(`/feeds/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
