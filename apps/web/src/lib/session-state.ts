// Who is using the page, as a state machine with no I/O: the store
// (session-store.ts) feeds it what the API answered.
import type { User } from '@taskoverflow/contracts';

export type { User };

/** Why the sign-in screen shows: the session ended by itself (or elsewhere), or the user signed out here. */
export type SignedOutReason = 'ended' | 'signed-out';

export type SessionState =
  /** `GET /auth/me` has not answered yet. */
  | { status: 'checking' }
  /**
   * `GET /auth/me` failed for another reason than 401 (the API is unreachable,
   * or older than accounts): the page shows as it did before accounts, and
   * each part says what fails; the first 401 leads to the sign-in screen.
   */
  | { status: 'unverified' }
  | { status: 'signed-in'; user: User }
  /** `email`: of the account whose session ended, to fill in again. */
  | { status: 'signed-out'; reason: SignedOutReason | null; email: string | null };

export type SessionEvent =
  /** `GET /auth/me` answered, or a sign-in or sign-up succeeded. */
  | { type: 'identified'; user: User }
  /** `GET /auth/me` answered 401: nobody is signed in. */
  | { type: 'anonymous' }
  /** `GET /auth/me` failed otherwise. */
  | { type: 'unreachable' }
  /** Some other request answered 401: the session has ended (expired, revoked, signed out elsewhere). */
  | { type: 'refused' }
  /** The user signed out here (this session, or everywhere). */
  | { type: 'signed-out' };

export const CHECKING: SessionState = { status: 'checking' };

const ended = (user: User): SessionState => ({
  status: 'signed-out',
  reason: 'ended',
  email: user.email,
});
const nobody: SessionState = { status: 'signed-out', reason: null, email: null };

export function nextSession(state: SessionState, event: SessionEvent): SessionState {
  switch (event.type) {
    case 'identified':
      return { status: 'signed-in', user: event.user };
    case 'anonymous':
      if (state.status === 'signed-in') return ended(state.user);
      return state.status === 'signed-out' ? state : nobody;
    case 'unreachable':
      return state.status === 'checking' ? { status: 'unverified' } : state;
    case 'refused':
      // While checking, `GET /auth/me` is about to say it; signed out, there is nothing to end.
      if (state.status === 'signed-in') return ended(state.user);
      return state.status === 'unverified' ? nobody : state;
    case 'signed-out':
      return { status: 'signed-out', reason: 'signed-out', email: null };
  }
}

/**
 * AUTH_MODE=local answers every request as its one owner: there is no
 * sign-in, no sign-out and no account to manage.
 */
export function isLocalOwner(user: User): boolean {
  return user.role === 'owner';
}
