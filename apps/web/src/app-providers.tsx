import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { NoticesProvider } from './components/notices';
import { drafts } from './lib/drafts';
import { SessionContext } from './lib/session';
import type { SessionState } from './lib/session-state';
import { createSessionStore } from './lib/session-store';

/** Everything the features expect around them; tests render inside it too. */
export function AppProviders({
  queryClient,
  initialSession,
  children,
}: {
  queryClient: QueryClient;
  /** By default the page asks the API who is calling; tests may start elsewhere. */
  initialSession?: SessionState;
  children: ReactNode;
}) {
  const [session] = useState(() =>
    createSessionStore({ queryClient, drafts, initial: initialSession }),
  );
  useEffect(() => session.connect(), [session]);
  return (
    <QueryClientProvider client={queryClient}>
      <SessionContext value={session}>
        <NoticesProvider>{children}</NoticesProvider>
      </SessionContext>
    </QueryClientProvider>
  );
}
