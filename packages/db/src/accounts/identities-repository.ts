import type { PrismaClient, User } from '../generated/prisma/client.js';
import { isUniqueViolation } from '../unique-violation.js';

/** An identity at an OpenID Connect provider: the issuer and its subject (`sub`). */
export interface ProviderIdentity {
  issuer: string;
  subject: string;
}

/** The only place the user_identities table is reached: accounts linked to OpenID Connect identities. */
export function createIdentitiesRepository(prisma: PrismaClient) {
  return {
    /** The account the identity signs in as, if it is linked to one. */
    async userOf({ issuer, subject }: ProviderIdentity): Promise<User | null> {
      const linked = await prisma.userIdentity.findUnique({
        where: { issuer_subject: { issuer, subject } },
        select: { user: true },
      });
      return linked?.user ?? null;
    },

    /**
     * Links the identity to an account that exists.
     * @returns false when the identity is linked to an account already.
     */
    async link(userId: string, { issuer, subject }: ProviderIdentity): Promise<boolean> {
      try {
        await prisma.userIdentity.create({ data: { userId, issuer, subject } });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },

    /**
     * A new `member` account, without a password, linked to the identity.
     * @param email normalised.
     * @returns the account, or null when the email is another account's.
     */
    async createLinked(email: string, identity: ProviderIdentity): Promise<User | null> {
      try {
        return await prisma.user.create({ data: { email, identities: { create: identity } } });
      } catch (error) {
        if (isUniqueViolation(error)) return null;
        throw error;
      }
    },

    /** The issuers the user's account is linked at. */
    async issuersOf(userId: string): Promise<string[]> {
      const identities = await prisma.userIdentity.findMany({
        where: { userId },
        select: { issuer: true },
      });
      return identities.map((identity) => identity.issuer);
    },
  };
}

export type IdentitiesRepository = ReturnType<typeof createIdentitiesRepository>;
