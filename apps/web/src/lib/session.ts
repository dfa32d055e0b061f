import { createContext, use, useSyncExternalStore } from 'react';
import type { SessionState, User } from './session-state';
import type { SessionStore } from './session-store';

export const SessionContext = createContext<SessionStore | null>(null);

/** The page's session store (AppProviders holds it). */
export function useSessionStore(): SessionStore {
  const store = use(SessionContext);
  if (!store) throw new Error('useSessionStore() needs AppProviders around it');
  return store;
}

/** Who is using the page, following sign-in, sign-out and ended sessions. */
export function useSession(): SessionState {
  const store = useSessionStore();
  return useSyncExternalStore(store.subscribe, store.getState);
}

/** The signed-in user, if the page knows one. */
export function useUser(): User | null {
  const session = useSession();
  return session.status === 'signed-in' ? session.user : null;
}
