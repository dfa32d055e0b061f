import type { QueryClient } from '@tanstack/react-query';
import { ApiError, apiRequest, onUnauthorized } from './api-client';
import type { DraftStore } from './drafts';
import {
  CHECKING,
  nextSession,
  type SessionEvent,
  type SessionState,
  type User,
} from './session-state';

/**
 * The page's one session: what `GET /auth/me` said, updated by sign-in,
 * sign-out and by any 401 from the API (see onUnauthorized).
 */
export interface SessionStore {
  getState: () => SessionState;
  subscribe: (listener: () => void) => () => void;
  /** Asks the API who is calling (one request at a time). */
  check: () => Promise<void>;
  /** A sign-in or sign-up succeeded, or the signed-in user's account changed (this is it now). */
  signedIn: (user: User) => void;
  /** The user signed out here, of this session or of all of them. */
  signedOut: () => void;
  /** Starts hearing the API's 401s; returns the stop. */
  connect: () => () => void;
}

export interface SessionStoreOptions {
  queryClient: QueryClient;
  drafts: DraftStore;
  /** Where it starts: by default checking (tests may start signed in). */
  initial?: SessionState;
}

export async function fetchMe(): Promise<User> {
  return (await apiRequest<{ user: User }>('/auth/me', { expectUnauthorized: true })).data.user;
}

export function createSessionStore({
  queryClient,
  drafts,
  initial = CHECKING,
}: SessionStoreOptions): SessionStore {
  let state = initial;
  if (state.status === 'signed-in') drafts.claim(state.user.id);
  let checking: Promise<void> | null = null;
  const listeners = new Set<() => void>();
  // Queries only: mutations on their way must still settle (a refused save puts its text back
  // into its form), and clearing the mutation cache would strand those queued behind them.
  const forgetData = () => queryClient.getQueryCache().clear();

  const dispatch = (event: SessionEvent) => {
    const before = state;
    const after = nextSession(before, event);
    if (after === before) return;
    state = after;
    if (after.status === 'signed-in') {
      // Whatever this user typed before the session ended comes back; anyone else's is dropped.
      drafts.claim(after.user.id);
      // A new sign-in starts from the server's data, never from what another account saw.
      // (From `unverified` the page stays up: its queries refetch by themselves.)
      if (before.status !== 'unverified' && before.status !== 'signed-in') forgetData();
    }
    if (after.status === 'signed-out') {
      if (after.reason === 'signed-out') drafts.clear();
      // What was typed is this user's, to be given back to them alone.
      else if (before.status === 'signed-in') drafts.claim(before.user.id);
      forgetData();
    }
    for (const listener of listeners) listener();
  };

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    check() {
      checking ??= fetchMe()
        .then(
          (user) => dispatch({ type: 'identified', user }),
          (error: unknown) =>
            dispatch(
              error instanceof ApiError && error.status === 401
                ? { type: 'anonymous' }
                : { type: 'unreachable' },
            ),
        )
        .finally(() => {
          checking = null;
        });
      return checking;
    },
    signedIn: (user) => dispatch({ type: 'identified', user }),
    signedOut: () => dispatch({ type: 'signed-out' }),
    connect: () => onUnauthorized(() => dispatch({ type: 'refused' })),
  };
}
