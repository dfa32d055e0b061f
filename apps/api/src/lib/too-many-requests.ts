import { RateLimiterRes } from 'rate-limiter-flexible';
import { HttpError } from '../plugins/error-handler.js';

/**
 * Whole seconds until a rate limiter's rejection ends (at least 1). Anything
 * else that the limiter threw is not a rejection, and is thrown again.
 */
export function secondsUntilAllowed(rejection: unknown): number {
  if (!(rejection instanceof RateLimiterRes)) throw rejection;
  return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
}

/** The 429 telling the client to come back in `seconds` (`Retry-After`); `what` names what there were too many of. */
export function tooManyRequestsFor(seconds: number, what: string): HttpError {
  return new HttpError(
    429,
    `Too many ${what}; try again in ${seconds} seconds`,
    {},
    { 'retry-after': String(seconds) },
  );
}

/** The 429 for a rate limiter's rejection (see {@link secondsUntilAllowed}). */
export function tooManyRequests(rejection: unknown, what: string): HttpError {
  return tooManyRequestsFor(secondsUntilAllowed(rejection), what);
}
