import { RateLimiterMemory } from 'rate-limiter-flexible';
import { tooManyRequests } from '../../lib/too-many-requests.js';

/** The window in which failed attempts are counted; a throttled account or client waits at most this long. */
export const THROTTLE_WINDOW_S = 15 * 60;

export interface ThrottleLimits {
  /** Failed attempts per account (its email) per window, from all clients together. */
  perAccount: number;
  /** Failed attempts per client (see clientKey) per window, on all accounts together. */
  perClient: number;
}

const tooManyAttempts = (rejection: unknown) => tooManyRequests(rejection, 'failed attempts');

/**
 * Throttles password guessing (ASVS 6.1.1, 6.3.1): an attempt (sign-in, or a
 * password change's check of the current one) counts against its client and
 * its account, and only if it fails. A throttled client burns no attempts of
 * the account, so one client cannot lock an account beyond its own share; and
 * a throttled account is free again at the latest when its 15-minute window
 * ends (a lock-out that lasts is worse than slow guessing). Counted in this
 * process's memory: N API processes allow N times as many.
 */
export function createSignInThrottle(limits: ThrottleLimits) {
  const clients = new RateLimiterMemory({
    keyPrefix: 'client',
    points: limits.perClient,
    duration: THROTTLE_WINDOW_S,
  });
  const accounts = new RateLimiterMemory({
    keyPrefix: 'account',
    points: limits.perAccount,
    duration: THROTTLE_WINDOW_S,
  });

  return {
    /**
     * Runs `check` (what it returns unless the password was wrong: null)
     * unless the client or the account is throttled, and counts it if it fails.
     * @throws HttpError 429 with Retry-After when throttled.
     */
    async attempt<T>(
      account: string,
      client: string,
      check: () => Promise<T | null>,
    ): Promise<T | null> {
      // Counted before the check, so that attempts made at once cannot all slip under the limit.
      await clients.consume(client).catch((rejection: unknown) => {
        throw tooManyAttempts(rejection);
      });
      try {
        await accounts.consume(account);
      } catch (rejection) {
        await clients.reward(client);
        throw tooManyAttempts(rejection);
      }
      const succeeded = await check().catch(async (error: unknown) => {
        // Not a guess that failed: it could not be checked (the database is down, say).
        await Promise.all([clients.reward(client), accounts.reward(account)]);
        throw error;
      });
      if (succeeded !== null) {
        // A success is no guess: it counts against neither, and clears the account.
        await Promise.all([clients.reward(client), accounts.delete(account)]);
      }
      return succeeded;
    },
  };
}

export type SignInThrottle = ReturnType<typeof createSignInThrottle>;
