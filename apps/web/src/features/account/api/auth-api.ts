import { apiRequest } from '../../../lib/api-client';
import type { TokenScope } from '@taskoverflow/contracts/values';
import type {
  ApiTokenSummary,
  CreatedApiToken,
  CreatedInvite,
  InviteSummary,
  SessionSummary,
  SetupStatus,
  SignInProviders,
  User,
} from '../types';

export const accountKeys = {
  all: ['account'] as const,
  providers: ['account', 'providers'] as const,
  tokens: ['account', 'tokens'] as const,
  sessions: ['account', 'sessions'] as const,
  setup: ['account', 'setup'] as const,
  invites: ['account', 'invites'] as const,
};

export interface Credentials {
  email: string;
  password: string;
  /** Sign-up only: the setup code that claims the instance, or an invite's secret. */
  setup_code?: string;
  invite?: string;
}

/** Signs in (or up): the API sets the session cookie. Their 401 is a wrong password, not an ended session. */
export async function signIn(mode: 'sign-in' | 'sign-up', credentials: Credentials): Promise<User> {
  const { data } = await apiRequest<{ user: User }>(`/auth/${mode}`, {
    method: 'POST',
    body: credentials,
    expectUnauthorized: true,
  });
  return data.user;
}

/** Whether an admin has claimed the instance, and who may sign up (asked before anyone signs in). */
export async function fetchSetupStatus(signal?: AbortSignal): Promise<SetupStatus> {
  return (await apiRequest<SetupStatus>('/auth/setup', { signal })).data;
}

/** The ways to sign in besides a password: an OpenID Connect provider's button, if the server has one. */
export async function fetchProviders(signal?: AbortSignal): Promise<SignInProviders> {
  return (await apiRequest<SignInProviders>('/auth/providers', { signal })).data;
}

/** Ends this session and clears its cookie (answered 204 also when it had ended already). */
export async function signOut(): Promise<void> {
  await apiRequest<undefined>('/auth/sign-out', { method: 'POST' });
}

export async function fetchTokens(signal?: AbortSignal): Promise<ApiTokenSummary[]> {
  return (await apiRequest<ApiTokenSummary[]>('/auth/tokens', { signal })).data;
}

export interface NewToken {
  name: string;
  scope: TokenScope;
  /** The account's password: a session alone cannot make a token. */
  currentPassword: string;
}

/** A new token: the only answer that holds its secret. */
export async function createToken({
  name,
  scope,
  currentPassword,
}: NewToken): Promise<CreatedApiToken> {
  const body = { name, scope, current_password: currentPassword };
  return (await apiRequest<CreatedApiToken>('/auth/tokens', { method: 'POST', body })).data;
}

export async function revokeToken(id: string): Promise<void> {
  await apiRequest<undefined>(`/auth/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export async function fetchSessions(signal?: AbortSignal): Promise<SessionSummary[]> {
  return (await apiRequest<SessionSummary[]>('/auth/sessions', { signal })).data;
}

export async function endSession(id: string): Promise<void> {
  await apiRequest<undefined>(`/auth/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/** Ends every session of the account, this one too; API tokens stay (a password change revokes them). */
export async function endAllSessions(): Promise<void> {
  await apiRequest<undefined>('/auth/sessions', { method: 'DELETE' });
}

/** Sets the zone of the account's calendars (an IANA name, `floating`, or null for the instance default). */
export async function updateTimeZone(timeZone: User['time_zone']): Promise<User> {
  const { data } = await apiRequest<{ user: User }>('/auth/me', {
    method: 'PATCH',
    body: { time_zone: timeZone },
  });
  return data.user;
}

export interface PasswordChange {
  current: string;
  next: string;
  /** Whether the account's API tokens are revoked too. */
  revokeTokens: boolean;
}

/** Needs the current password; ends the account's other sessions, and its tokens if asked. */
export async function changePassword({
  current,
  next,
  revokeTokens,
}: PasswordChange): Promise<void> {
  await apiRequest<undefined>('/auth/password', {
    method: 'PUT',
    body: { current_password: current, new_password: next, revoke_tokens: revokeTokens },
  });
}

/** The admin's invites still usable (never their links). */
export async function fetchInvites(signal?: AbortSignal): Promise<InviteSummary[]> {
  return (await apiRequest<InviteSummary[]>('/admin/invites', { signal })).data;
}

/** A new invite: the only answer that holds its link. */
export async function createInvite(): Promise<CreatedInvite> {
  return (await apiRequest<CreatedInvite>('/admin/invites', { method: 'POST' })).data;
}

export async function revokeInvite(id: string): Promise<void> {
  await apiRequest<undefined>(`/admin/invites/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
