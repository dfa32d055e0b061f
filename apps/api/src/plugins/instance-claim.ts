import { createSetupCodes } from '@taskoverflow/db';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { AuthMode } from '../config.js';

/** The setup code of an instance that no admin has claimed yet. */
export interface InstanceClaim {
  /**
   * Makes a new setup code (replacing any earlier one) and logs it, while no
   * admin exists: what this process does at start. @returns the code, or null
   * when the instance is claimed.
   */
  issueSetupCode(): Promise<string | null>;
  /** The code this process printed at start; null when there was none to print. */
  readonly setupCodeAtStart: string | null;
  /** Whether an admin exists. */
  isClaimed(): Promise<boolean>;
}

declare module 'fastify' {
  interface FastifyInstance {
    instanceClaim: InstanceClaim;
  }
}

export interface InstanceClaimOptions {
  mode: AuthMode;
  /** ADMIN_EMAIL: named in the log line, so that the operator knows which email to sign up with. */
  adminEmail: string | undefined;
}

/**
 * No account is admin by being first: while none is, every start in
 * AUTH_MODE=accounts prints a new one-time setup code, and the sign-up that
 * presents it becomes the admin. Each start replaces the code (only its hash
 * is stored, so nobody could print the old one again): the last one printed works.
 */
export const instanceClaim = fp(
  (app: FastifyInstance, { mode, adminEmail }: InstanceClaimOptions) => {
    const setupCodes = createSetupCodes(app.prisma);
    const claim = {
      async issueSetupCode() {
        const code = await setupCodes.issue();
        if (code) {
          const who = adminEmail ? ` as ${adminEmail} (ADMIN_EMAIL)` : '';
          app.log.warn(
            `No admin yet. Setup code: ${code} — sign up${who} with it to claim this instance as ` +
              'its admin. It works once; a restart replaces it.',
          );
        }
        return code;
      },
      setupCodeAtStart: null as string | null,
      isClaimed: () => setupCodes.isClaimed(),
    };
    app.decorate('instanceClaim', claim);
    // AUTH_MODE=local has no sign-up: its one owner is the operator.
    if (mode === 'accounts')
      app.addHook('onReady', async () => {
        claim.setupCodeAtStart = await claim.issueSetupCode();
      });
  },
  { name: 'instance-claim', dependencies: ['database'] },
);
