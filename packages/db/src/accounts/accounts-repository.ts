import { transferExports } from '../exports/transfer-exports.js';
import { transferFeeds } from '../feeds/feeds-repository.js';
import type { PrismaClient, User } from '../generated/prisma/client.js';
import { LOCAL_OWNER_ID } from './local-owner.js';
import { transferTodos } from '../todos/todos-repository.js';
import { isUniqueViolation } from '../unique-violation.js';

// Any constant: every API process takes it to create an account, so that "the first account" is decided once.
const ACCOUNT_CREATION_LOCK_KEY = 7_370_616_932;

/** How an email is stored and compared: without surrounding blanks, lower-case (a CHECK constraint insists). */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The only place the account routes reach the users table. */
export function createAccountsRepository(prisma: PrismaClient) {
  return {
    get(id: string): Promise<User | null> {
      return prisma.user.findUnique({ where: { id } });
    },

    /** @param email normalised ({@link normaliseEmail}). */
    findByEmail(email: string): Promise<User | null> {
      return prisma.user.findUnique({ where: { email } });
    },

    /**
     * A new account, `member`; except the first one, which is `admin` and
     * takes, in the same transaction, everything the local owner had (the
     * todos and exports made in AUTH_MODE=local, and its time zone setting):
     * switching a database to accounts mode gives that data to the first account.
     * @param email normalised ({@link normaliseEmail}).
     * @returns the account, or null when the email is taken.
     */
    async create(email: string, passwordHash: string): Promise<User | null> {
      try {
        return await prisma.$transaction(async (tx) => {
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ACCOUNT_CREATION_LOCK_KEY})`;
          const first = (await tx.user.count({ where: { role: { not: 'owner' } } })) === 0;
          // The first account takes the local owner's calendar setting with the todos.
          const localOwner = first
            ? await tx.user.findUnique({ where: { id: LOCAL_OWNER_ID } })
            : null;
          const user = await tx.user.create({
            data: {
              email,
              passwordHash,
              role: first ? 'admin' : 'member',
              timeZone: localOwner?.timeZone ?? null,
            },
          });
          if (first) {
            await transferTodos(tx, LOCAL_OWNER_ID, user.id);
            await transferExports(tx, LOCAL_OWNER_ID, user.id);
            await transferFeeds(tx, LOCAL_OWNER_ID, user.id);
          }
          return user;
        });
      } catch (error) {
        if (isUniqueViolation(error)) return null;
        throw error;
      }
    },

    /**
     * Sets the user's time zone setting (an IANA name, `floating`, or null for
     * the instance's default); a trigger makes their earlier calendars unfit
     * for reuse. @returns the account, or null when it no longer exists.
     */
    async setTimeZone(userId: string, timeZone: string | null): Promise<User | null> {
      const [user] = await prisma.user.updateManyAndReturn({
        where: { id: userId },
        data: { timeZone },
      });
      return user ?? null;
    },

    /**
     * Sets a new password hash and ends every session of the account but
     * `keepSessionId` (ASVS 7.4.3), and, when `revokeTokens`, its API tokens,
     * all together: a thief's credentials end with the password they stole.
     */
    async changePassword(
      userId: string,
      passwordHash: string,
      { keepSessionId, revokeTokens }: { keepSessionId: string | undefined; revokeTokens: boolean },
    ): Promise<void> {
      await prisma.$transaction([
        prisma.user.update({ where: { id: userId }, data: { passwordHash }, select: { id: true } }),
        prisma.session.deleteMany({
          where: { userId, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) },
        }),
        ...(revokeTokens ? [prisma.apiToken.deleteMany({ where: { userId } })] : []),
      ]);
    },
  };
}

export type AccountsRepository = ReturnType<typeof createAccountsRepository>;
