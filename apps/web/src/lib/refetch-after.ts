import type { QueryClient, QueryFilters } from '@tanstack/react-query';

/**
 * Refetches the matching queries so that their answers are read after this
 * call (the page heard that the data changed). TanStack Query would hand back
 * a fetch already under way, whose answer may predate the change; cancelling
 * it instead would, under a steady stream of changes, let no fetch ever
 * finish. So one under way is let finish, then followed by one more.
 */
export async function refetchAfterNow(queryClient: QueryClient, filters: QueryFilters) {
  const busy = queryClient.isFetching(filters) > 0;
  await queryClient.invalidateQueries(filters, { cancelRefetch: false });
  if (busy) await queryClient.invalidateQueries(filters, { cancelRefetch: false });
}
