import { RateLimiterRes } from 'rate-limiter-flexible';
import { HttpError } from '../plugins/error-handler.js';

/**
 * The 429 for a rate limiter's rejection, with `Retry-After` in whole
 * seconds; `what` names what there were too many of. Anything else that the
 * limiter threw is not a rejection, and is thrown again.
 */
export function tooManyRequests(rejection: unknown, what: string): HttpError {
  if (!(rejection instanceof RateLimiterRes)) throw rejection;
  const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
  return new HttpError(
    429,
    `Too many ${what}; try again in ${seconds} seconds`,
    {},
    { 'retry-after': String(seconds) },
  );
}
