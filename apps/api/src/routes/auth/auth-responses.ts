import type {
  ApiTokenSummary,
  SessionSummary,
  User as UserResponse,
} from '@taskoverflow/contracts';
import type { ApiToken, Session, User } from '@taskoverflow/db';
import { sessionEnd } from './sessions-repository.js';

/** The contract's shape of a user: never the password hash. */
export function toUserResponse(user: User): UserResponse {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    created_at: user.createdAt.toISOString(),
  };
}

/** A token as listed: never its secret (which is not stored anyway). */
export function toApiTokenSummary(token: ApiToken): ApiTokenSummary {
  return {
    id: token.id,
    name: token.name,
    created_at: token.createdAt.toISOString(),
    last_used_at: token.lastUsedAt?.toISOString() ?? null,
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
