import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FeedSummary } from '../types';
import { createFeed, deleteFeed, feedKeys, fetchFeeds, rotateFeed } from './feeds-api';

/** While a feed waits for its first render, ask this often: the worker takes a moment. */
const WHILE_RENDERING_MS = 2_000;

export function useFeeds() {
  return useQuery({
    queryKey: feedKeys.all,
    queryFn: ({ signal }) => fetchFeeds(signal),
    refetchInterval: ({ state }) =>
      state.data?.some((feed) => feed.rendered_at === null) ? WHILE_RENDERING_MS : false,
  });
}

/**
 * A change to the feeds, after which the list is asked again. The secret URLs
 * that create and rotate answer stay with the caller (shown once), never in the query cache.
 */
function useFeedChange<Variables, Result>(mutationFn: (variables: Variables) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () => queryClient.invalidateQueries({ queryKey: feedKeys.all }),
  });
}

export const useCreateFeed = () => useFeedChange(createFeed);
export const useRotateFeed = () => useFeedChange((feed: FeedSummary) => rotateFeed(feed.id));
export const useDeleteFeed = () => useFeedChange((feed: FeedSummary) => deleteFeed(feed.id));
