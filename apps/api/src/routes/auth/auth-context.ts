import type { User as UserResponse } from '@taskoverflow/contracts';
import {
  sha256Hex,
  createAccountsRepository,
  type AccountsRepository,
  type SessionTimeouts,
  type User,
} from '@taskoverflow/db';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AuthMode, OidcSettings } from '../../config.js';
import { clientKey } from '../../lib/client-key.js';
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
  /** Sign-in at an OpenID Connect provider; null: none. */
  oidc: OidcSettings | null;
  publicUrl: string | undefined;
  /** Whether clients reach us over https (PUBLIC_URL says so). */
  https: boolean;
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
  /**
   * Spread into the options of the routes that manage the account's
   * credentials (tokens, password, sessions): {@link accountsOnly}, and the
   * `account` scope, which no API token reaches (a stolen token must not mint
   * more, nor lock its owner out).
   */
  credentialsOnly: {
    onRequest?: () => Promise<never>;
    config: { scope: 'account' };
  };
  /** The caller's account (a 401 if it was deleted since the credential was checked). */
  callerAccount: (request: FastifyRequest) => Promise<User>;
  /**
   * Proves the caller knows the account's password `given` (ASVS 6.2.3),
   * throttled as sign-ins are; a 400 naming `current_password` when it is wrong.
   */
  confirmPassword: (request: FastifyRequest, user: User, given: string) => Promise<void>;
  /** The answer that names a user. */
  userResponse: (user: User) => { user: UserResponse };
  /** Ends the session the request came with, if any, and starts a new one (a new id at every sign-in). */
  startSession: (request: FastifyRequest, reply: FastifyReply, userId: string) => Promise<void>;
  /** Ends the session the request came with, if any. */
  endRequestSession: (request: FastifyRequest) => Promise<void>;
}

/** The `:id` of a token or a session. */
export const IdParams = Type.Object({ id: Type.String({ maxLength: 100 }) });

/** A 400 naming the password field that breaks the policy, and how. */
export function badPassword(field: string, problem: string): HttpError {
  return new HttpError(400, `${field} ${problem}`, { fields: { [field]: problem } });
}

/** The 401 of a credential whose account was deleted since it was checked. */
export const accountGone = () => new HttpError(401, 'This account no longer exists');

const wrongPassword = () =>
  new HttpError(400, 'The current password is not the one given', {
    error: 'Current password is wrong',
    fields: { current_password: 'is wrong' },
  });

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
  const { cookie, sessions, forgetCredential } = app.authentication;
  const endRequestSession = async (request: FastifyRequest): Promise<void> => {
    const secret = cookie.read(request);
    if (!secret) return;
    const id = sha256Hex(secret);
    await sessions.end(id);
    forgetCredential(id);
  };
  const accounts = createAccountsRepository(app.prisma);
  const throttle = createSignInThrottle(options.throttle, app.signInAttempts);
  const passwords = () => (verifier ??= createPasswordVerifier());
  const accountsOnly = options.mode === 'accounts' ? {} : { onRequest: refuseInLocalMode };
  return {
    options,
    accounts,
    throttle,
    passwords,
    accountsOnly,
    credentialsOnly: { ...accountsOnly, config: { scope: 'account' } },
    async callerAccount(request) {
      const user = await accounts.get(request.caller.userId);
      if (!user) throw accountGone();
      return user;
    },
    async confirmPassword(request, user, given) {
      const verified = await throttle.attempt(user.email, clientKey(request.ip), async () =>
        (await (await passwords()).verify(user.passwordHash, given)) ? user : null,
      );
      if (!verified) throw wrongPassword();
    },
    userResponse: (user) => ({ user: toUserResponse(user, options.calendarTimeZone) }),
    endRequestSession,
    async startSession(request, reply, userId) {
      await endRequestSession(request);
      cookie.set(reply, await sessions.start(userId, request.headers['user-agent']));
    },
  };
}
