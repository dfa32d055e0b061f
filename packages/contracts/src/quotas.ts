import { Type, type Static } from 'typebox';
import { ErrorResponse } from './errors.js';

/**
 * The per-user quotas (DESIGN.md, "Many users on one server"): what each
 * counts, in the words of its refusal, and its default. Each is set by the
 * variable {@link quotaSetting} names. Lists get theirs when lists exist.
 */
export const QUOTAS = {
  todos: { counts: 'todos', default: 100_000 },
  feeds: { counts: 'calendar feeds', default: 20 },
  api_tokens: { counts: 'API tokens', default: 50 },
  /** Not refused: a new sign-in ends the oldest session instead. */
  sessions: { counts: 'live sessions', default: 50 },
  /** Exports waiting or running (PENDING, STARTED, RETRY); ended ones do not count. */
  active_exports: { counts: 'exports waiting or running', default: 20 },
} as const;

export type QuotaName = keyof typeof QUOTAS;

/** Each quota's limit: how many of its things one user may have. */
export type Quotas = Record<QuotaName, number>;

/** The environment variable that sets a quota: `QUOTA_` and its name, e.g. QUOTA_API_TOKENS. */
export const quotaSetting = (quota: QuotaName) => `QUOTA_${quota.toUpperCase()}`;

/** The 403 of a creation beyond a quota: the one error shape, naming the quota, its limit and its setting. */
export const QuotaExceededResponse = Type.Object(
  {
    error: Type.String({ description: 'What was refused, for people' }),
    quota: Type.Enum(Object.keys(QUOTAS) as QuotaName[], { description: 'Which quota' }),
    limit: Type.Integer({ description: 'How many one user may have' }),
    setting: Type.String({ description: 'The environment variable that sets the limit' }),
  },
  { $id: 'QuotaExceededResponse', additionalProperties: false },
);
export type QuotaExceededResponse = Static<typeof QuotaExceededResponse>;

/**
 * The 403 of a route that creates something a quota counts: the quota's, or
 * the one error shape of any other refusal (a cross-site request's).
 */
export const CreationForbidden = Type.Union([QuotaExceededResponse, ErrorResponse]);

/**
 * Thrown (by a repository, inside the transaction that counted) when a
 * creation would take a user beyond a quota: nothing was written. The API
 * answers it 403 with {@link quotaExceededBody}.
 */
export class QuotaExceededError extends Error {
  override name = 'QuotaExceededError';

  constructor(
    readonly quota: QuotaName,
    readonly limit: number,
  ) {
    super(quotaExceededBody(quota, limit).error);
  }
}

/** The body of the 403 for going beyond `quota`, whose limit is `limit`. */
export function quotaExceededBody(quota: QuotaName, limit: number): QuotaExceededResponse {
  return {
    error: `Quota exceeded: at most ${limit.toLocaleString('en-US')} ${QUOTAS[quota].counts} per user`,
    quota,
    limit,
    setting: quotaSetting(quota),
  };
}
