import {
  effectiveTimeZone,
  type ApiTokenSummary,
  type SessionSummary,
  type User as UserResponse,
} from '@taskoverflow/contracts';
import { type ApiToken, type Session, type User, sessionEnd } from '@taskoverflow/db';
import { instantOrNull } from '../../lib/instant.js';

/**
 * The contract's shape of a user: never the password hash. `instanceTimeZone`
 * (CALENDAR_TIME_ZONE) is what a user without a time zone setting gets.
 */
export function toUserResponse(user: User, instanceTimeZone: string | null): UserResponse {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    created_at: user.createdAt.toISOString(),
    time_zone: user.timeZone,
    calendar_time_zone: effectiveTimeZone(user.timeZone, instanceTimeZone),
  };
}

/** A token as listed: never its secret (which is not stored anyway). */
export function toApiTokenSummary(token: ApiToken): ApiTokenSummary {
  return {
    id: token.id,
    name: token.name,
    scope: token.scope,
    created_at: token.createdAt.toISOString(),
    last_used_at: instantOrNull(token.lastUsedAt),
  };
}

/** A session as listed: named by its public id, never by the hash of its secret. */
export function toSessionSummary(
  session: Session,
  idleTimeoutMs: number,
  currentPublicId: string | undefined,
): SessionSummary {
  return {
    id: session.publicId,
    created_at: session.createdAt.toISOString(),
    last_seen_at: session.lastSeenAt.toISOString(),
    expires_at: sessionEnd(session, idleTimeoutMs).toISOString(),
    user_agent: session.userAgent,
    current: session.publicId === currentPublicId,
  };
}
