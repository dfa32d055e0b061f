import type { ApiToken, PrismaClient, TokenScope, UserRole } from '../generated/prisma/client.js';
import { isSecretShaped, randomSecret, sha256Hex } from '../secrets.js';
import { createWithinQuota } from './user-quota.js';

/** Every API token starts so: recognisable in a leak, by a secret scanner, and apart from a session id. */
export const API_TOKEN_PREFIX = 'tot_';

/** Whether `text` has the shape of an API token (checked before any look-up). */
export function isApiTokenShaped(text: string): boolean {
  return text.startsWith(API_TOKEN_PREFIX) && isSecretShaped(text.slice(API_TOKEN_PREFIX.length));
}

/** A token as authentication needs it. */
export interface TokenIdentity {
  id: string;
  userId: string;
  role: UserRole;
  scope: TokenScope;
  lastUsedAt: Date | null;
}

/**
 * The only place API tokens are read and written. Revoking a token deletes its row.
 * `quota`: how many tokens one user may have (null: no limit, AUTH_MODE=local).
 */
export function createApiTokensRepository(
  prisma: PrismaClient,
  quota: number | null = null,
  clock: () => Date = () => new Date(),
) {
  return {
    /**
     * A new token of `userId` that may do what `scope` allows: 256 random bits after the prefix.
     * @returns the token itself, to be shown once (only its SHA-256 is stored), and its row.
     * @throws QuotaExceededError when the user has as many as the quota allows.
     */
    async create(
      userId: string,
      name: string,
      scope: TokenScope,
    ): Promise<{ token: string; record: ApiToken }> {
      const token = `${API_TOKEN_PREFIX}${randomSecret()}`;
      const record = await createWithinQuota(
        prisma,
        userId,
        { quota: 'api_tokens', limit: quota },
        (tx) => tx.apiToken.count({ where: { userId } }),
        (tx) =>
          tx.apiToken.create({
            data: { userId, name, scope, tokenSha256: sha256Hex(token), createdAt: clock() },
          }),
      );
      return { token, record };
    },

    /** The token whose SHA-256 is `tokenSha256`, with its user's role. */
    async find(tokenSha256: string): Promise<TokenIdentity | null> {
      const found = await prisma.apiToken.findUnique({
        where: { tokenSha256 },
        select: {
          id: true,
          userId: true,
          scope: true,
          lastUsedAt: true,
          user: { select: { role: true } },
        },
      });
      if (!found) return null;
      const { user, ...token } = found;
      return { ...token, role: user.role };
    },

    /** Records that the token was used now. @returns false when it was revoked meanwhile. */
    async touch(id: string): Promise<boolean> {
      const { count } = await prisma.apiToken.updateMany({
        where: { id },
        data: { lastUsedAt: clock() },
      });
      return count > 0;
    },

    /** The user's tokens, newest first (their rows, which hold no secret). */
    list(userId: string): Promise<ApiToken[]> {
      return prisma.apiToken.findMany({ where: { userId }, orderBy: { createdAt: 'desc' } });
    },

    /** Revokes the user's token `id`; false when the user has none with this id. */
    async revoke(userId: string, id: string): Promise<boolean> {
      const { count } = await prisma.apiToken.deleteMany({ where: { id, userId } });
      return count > 0;
    },
  };
}

export type ApiTokensRepository = ReturnType<typeof createApiTokensRepository>;
