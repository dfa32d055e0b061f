import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSessionStore } from '../../../lib/session';
import type { InviteSummary, SessionSummary } from '../types';
import {
  accountKeys,
  changePassword,
  createInvite,
  createToken,
  endAllSessions,
  endSession,
  fetchInvites,
  fetchProviders,
  fetchSessions,
  fetchSetupStatus,
  fetchTokens,
  revokeInvite,
  revokeToken,
  signOut,
  updateTimeZone,
} from './auth-api';

export function useSignInProviders() {
  return useQuery({
    queryKey: accountKeys.providers,
    queryFn: ({ signal }) => fetchProviders(signal),
    // The server's settings: they do not change while the page is open.
    staleTime: Infinity,
  });
}

export function useTokens() {
  return useQuery({ queryKey: accountKeys.tokens, queryFn: ({ signal }) => fetchTokens(signal) });
}

export function useSessions() {
  return useQuery({
    queryKey: accountKeys.sessions,
    queryFn: ({ signal }) => fetchSessions(signal),
  });
}

/** The new token's secret stays with the caller (shown once): it never enters the query cache. */
export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createToken,
    onSettled: () => queryClient.invalidateQueries({ queryKey: accountKeys.tokens }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: { id: string; name: string }) => revokeToken(token.id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: accountKeys.tokens }),
  });
}

/** Ends one session; ending this one is signing out. */
export function useEndSession() {
  const queryClient = useQueryClient();
  const session = useSessionStore();
  return useMutation({
    mutationFn: (ended: SessionSummary) => endSession(ended.id),
    onSuccess: (_, ended) => (ended.current ? session.signedOut() : undefined),
    onSettled: (_, __, ended) =>
      ended.current ? undefined : queryClient.invalidateQueries({ queryKey: accountKeys.sessions }),
  });
}

export function useEndAllSessions() {
  const session = useSessionStore();
  return useMutation({ mutationFn: endAllSessions, onSuccess: () => session.signedOut() });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changePassword,
    // The other sessions have ended, and the tokens may have been revoked.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.all }),
  });
}

export function useSignOut() {
  const session = useSessionStore();
  return useMutation({ mutationFn: signOut, onSuccess: () => session.signedOut() });
}

/** The page's user is what the API answered: every view shows the new setting at once. */
export function useUpdateTimeZone() {
  const session = useSessionStore();
  return useMutation({ mutationFn: updateTimeZone, onSuccess: (user) => session.signedIn(user) });
}

export function useSetupStatus() {
  return useQuery({
    queryKey: accountKeys.setup,
    queryFn: ({ signal }) => fetchSetupStatus(signal),
    // Asked afresh by each signed-out page: a claim made a moment ago must not show the first-run form again.
    staleTime: 0,
  });
}

export function useInvites() {
  return useQuery({ queryKey: accountKeys.invites, queryFn: ({ signal }) => fetchInvites(signal) });
}

/** The new invite's link stays with the caller (shown once): it never enters the query cache. */
export function useCreateInvite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createInvite,
    onSettled: () => queryClient.invalidateQueries({ queryKey: accountKeys.invites }),
  });
}

export function useRevokeInvite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invite: InviteSummary) => revokeInvite(invite.id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: accountKeys.invites }),
  });
}
