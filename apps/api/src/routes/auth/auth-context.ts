import type { User as UserResponse } from '@taskoverflow/contracts';
import {
  createAccountsRepository,
  type AccountsRepository,
  type SessionTimeouts,
  type User,
} from '@taskoverflow/db';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AuthMode } from '../../config.js';
import type { SignUpPolicy } from './admission.js';
import { HttpError } from '../../plugins/error-handler.js';
import { toUserResponse } from './auth-responses.js';
import { createPasswordVerifier, type PasswordVerifier } from './passwords.js';
import {
  createSignInThrottle,
  type SignInThrottle,
  type ThrottleLimits,
} from './sign-in-throttle.js';

export interface AuthRoutesOptions extends SignUpPolicy {
  mode: AuthMode;
  sessions: SessionTimeouts;
  throttle: ThrottleLimits;
  /** Accounts one client may create per throttle window. */
  signUpLimitPerClient: number;
  /** CALENDAR_TIME_ZONE: the zone of users who chose none (null: floating). */
  calendarTimeZone: string | null;
}

/**
 * What the auth route plugins share, made once: one accounts repository, and
 * one throttle and password verifier, so that sign-ins and password changes
 * count their failures together.
 */
export interface AuthContext {
  options: AuthRoutesOptions;
  accounts: AccountsRepository;
  throttle: SignInThrottle;
  /** The password verifier, made at the first use (it hashes once), in both paths of a sign-in alike. */
  passwords: () => Promise<PasswordVerifier>;
  /**
   * Spread into the options of every account route but `/me`'s. Spread, not
   * shared: plugins such as @fastify/rate-limit push their hooks into a route's own array.
   */
  accountsOnly: { onRequest?: () => Promise<never> };
  /** The answer that names a user. */
  userResponse: (user: User) => { user: UserResponse };
}

/** The `:id` of a token or a session. */
export const IdParams = Type.Object({ id: Type.String({ maxLength: 100 }) });

/** A 400 naming the password field that breaks the policy, and how. */
export function badPassword(field: string, problem: string): HttpError {
  return new HttpError(400, `${field} ${problem}`, { fields: { [field]: problem } });
}

const accountsOff = () =>
  new HttpError(404, 'AUTH_MODE=local: there is one owner and no sign-in; GET /auth/me names it', {
    error: 'Accounts are off',
  });

/** The context of the auth route plugins of `app`. */
export function createAuthContext(app: FastifyInstance, options: AuthRoutesOptions): AuthContext {
  let verifier: Promise<PasswordVerifier> | undefined;
  const refuseInLocalMode = async (): Promise<never> => {
    throw accountsOff();
  };
  return {
    options,
    accounts: createAccountsRepository(app.prisma),
    throttle: createSignInThrottle(options.throttle),
    passwords: () => (verifier ??= createPasswordVerifier()),
    accountsOnly: options.mode === 'accounts' ? {} : { onRequest: refuseInLocalMode },
    userResponse: (user) => ({ user: toUserResponse(user, options.calendarTimeZone) }),
  };
}
