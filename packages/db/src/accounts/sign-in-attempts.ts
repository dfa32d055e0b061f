import type pg from 'pg';
import { RateLimiterPostgres } from 'rate-limiter-flexible';

export interface AttemptCounterOptions {
  /** What it counts (the start of each key). */
  keyPrefix: string;
  /** How many attempts a key may have in a window. */
  points: number;
  /** The window, in seconds. */
  durationS: number;
}

/**
 * Counters of sign-in attempts, kept in the sign_in_attempts table so that
 * every API process counts the same attempts: rate-limiter-flexible's, which
 * also deletes the rows an hour past their window.
 */
export function createSignInAttemptCounters(pool: pg.Pool) {
  return ({ keyPrefix, points, durationS }: AttemptCounterOptions) =>
    new RateLimiterPostgres({
      storeClient: pool,
      tableName: 'sign_in_attempts',
      // Made by migration 20261218500000_sign_in_attempts.
      tableCreated: true,
      keyPrefix,
      points,
      duration: durationS,
    });
}

export type SignInAttemptCounters = ReturnType<typeof createSignInAttemptCounters>;
