import { QueryClient } from '@tanstack/react-query';
import { isClientError } from './api-client';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        // A refused request (4xx) fails the same way again; network errors and 5xx may not.
        retry: (failureCount, error) => !isClientError(error) && failureCount < 2,
      },
    },
  });
}
