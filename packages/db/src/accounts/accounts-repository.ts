import { transferExports } from '../exports/transfer-exports.js';
import { transferFeeds } from '../feeds/feeds-repository.js';
import type { Prisma, PrismaClient, User } from '../generated/prisma/client.js';
import { LOCAL_OWNER_ID } from './local-owner.js';
import { transferTodos } from '../todos/todos-repository.js';
import { isUniqueViolation } from '../unique-violation.js';
import { consumeInvite } from './invites-repository.js';
import { consumeSetupCode, lockInstanceClaim } from './setup-code.js';

/**
 * What lets a sign-up in: nothing (SIGN_UP=open), the instance's setup code
 * (the claim: the account becomes admin), or an invite's secret (SIGN_UP=invite).
 */
export type Admission =
  { kind: 'open' } | { kind: 'claim'; setupCode: string } | { kind: 'invite'; invite: string };

/** A new account, or why there is none: the email is taken, or the setup code or invite did not work. */
export type SignUpOutcome = { user: User } | { refused: 'email-taken' | 'setup-code' | 'invite' };

/** Thrown inside the sign-up transaction to roll it back with the reason. */
class Refused extends Error {
  constructor(readonly reason: 'setup-code' | 'invite') {
    super(reason);
  }
}

/** How an email is stored and compared: without surrounding blanks, lower-case (a CHECK constraint insists). */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The admin that `setupCode` makes, with the local owner's data; throws {@link Refused} when the code is not the one. */
async function claim(
  tx: Prisma.TransactionClient,
  email: string,
  passwordHash: string,
  setupCode: string,
): Promise<User> {
  await lockInstanceClaim(tx);
  if (!(await consumeSetupCode(tx, setupCode))) throw new Refused('setup-code');
  const localOwner = await tx.user.findUnique({ where: { id: LOCAL_OWNER_ID } });
  const user = await tx.user.create({
    data: { email, passwordHash, role: 'admin', timeZone: localOwner?.timeZone ?? null },
  });
  await transferTodos(tx, LOCAL_OWNER_ID, user.id);
  await transferExports(tx, LOCAL_OWNER_ID, user.id);
  await transferFeeds(tx, LOCAL_OWNER_ID, user.id);
  return user;
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
     * A new account, `member`; or `admin` when `admission` is the instance's
     * setup code, and then it takes, in the same transaction, everything the
     * local owner had (the todos, exports and feeds made in AUTH_MODE=local,
     * and its time zone setting). The code or invite is used up with it.
     * @param email normalised ({@link normaliseEmail}).
     */
    async create(
      email: string,
      passwordHash: string,
      admission: Admission,
    ): Promise<SignUpOutcome> {
      try {
        const user = await prisma.$transaction(async (tx) => {
          if (admission.kind === 'claim')
            return claim(tx, email, passwordHash, admission.setupCode);
          if (
            admission.kind === 'invite' &&
            !(await consumeInvite(tx, admission.invite, new Date()))
          )
            throw new Refused('invite');
          return tx.user.create({ data: { email, passwordHash, role: 'member' } });
        });
        return { user };
      } catch (error) {
        if (error instanceof Refused) return { refused: error.reason };
        if (isUniqueViolation(error)) return { refused: 'email-taken' };
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
