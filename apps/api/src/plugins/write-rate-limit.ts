import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { ErrorResponse } from '@taskoverflow/contracts';
import fp from 'fastify-plugin';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { WriteRateLimit } from '../config.js';
import { createRefusalHold } from '../lib/refusal-hold.js';
import { secondsUntilAllowed, tooManyRequestsFor } from '../lib/too-many-requests.js';
import { createTurnsPerKey } from '../lib/turns-per-key.js';
import { needsIdentity } from './authentication.js';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Whether a route writes and is a signed-in caller's (sign-up and sign-in are public: they have their throttles). */
function isCallersWrite(route: RouteOptions): boolean {
  return needsIdentity(route) && [route.method].flat().some((method) => WRITE_METHODS.has(method));
}

/**
 * AUTH_MODE=accounts: every user's writes under the API prefix are rate
 * limited, per user, so that no user can keep the database busy for the
 * others; 429 with Retry-After beyond. rate-limiter-flexible has no token
 * bucket: a window of `burst` writes lasting `burst / perSecond` seconds
 * allows the same sustained rate and the same burst (at most two bursts meet
 * across a window's edge). Counted in this process's memory, like the
 * sign-in throttle: N API processes allow N times as much. Checked at
 * onRequest, once the caller is known and before the body is read: a refused
 * write costs nothing more.
 *
 * A user already over the limit is refused before authentication when this
 * process has their credential's identity cached: a user writing flat out is
 * refused hundreds of times a second, and each full authentication waits for
 * a round trip on the LISTEN connection that every other user's requests
 * share (identity-cache.ts), so the refusals would slow everybody. The peek
 * skips that round trip: a credential revoked a moment ago (its notice still
 * on its way) of a user over the limit gets this 429 instead of a 401 until
 * the notice arrives (at the latest, the window ends); it writes nothing and
 * reads nothing either way. While notifications cannot be heard nothing is
 * peeked at (identity-cache.ts). A write that is let through is still
 * authenticated in full, and counted.
 *
 * A user who comes back before the Retry-After of their refusal has their
 * next refusals held until then (refusal-hold.ts): a client that ignores
 * Retry-After in a closed loop then costs a few requests per window, not
 * thousands a second of everybody's CPU.
 *
 * A user's admitted writes also take turns: at most `concurrentPerUser` of
 * them run at once, the others wait in this process (first come, first
 * served) before their body is read. One user's writes wait for each other
 * in PostgreSQL anyway (each locks the owner's row), but there each holds a
 * pooled connection and a backend; a user writing from many clients at once
 * would otherwise get that many shares of the CPU against another user's one.
 */
export const writeRateLimit = fp(
  async (app: FastifyInstance, limit: WriteRateLimit) => {
    const writes = new RateLimiterMemory({
      keyPrefix: 'writes',
      points: limit.burst,
      duration: limit.burst / limit.perSecond,
    });
    const held = createRefusalHold(limit.refusalsHeldMax);
    app.addHook('preClose', async () => held.release());
    async function refuse(userId: string, rejection: unknown): Promise<never> {
      const seconds = await held.refusal(userId, secondsUntilAllowed(rejection));
      throw tooManyRequestsFor(seconds, 'writes');
    }
    // Reads the count without adding to it: refused writes need not be counted, the user is over already.
    async function refuseKnownOverLimit(request: FastifyRequest): Promise<void> {
      const userId = app.authentication.cachedUserId(request);
      if (userId === undefined) return;
      const counted = await writes.get(userId);
      if (counted && counted.consumedPoints >= limit.burst) await refuse(userId, counted);
    }
    async function countWrite(request: FastifyRequest): Promise<void> {
      const { userId } = request.caller;
      await writes.consume(userId).catch((rejection: unknown) => refuse(userId, rejection));
    }
    const turns = createTurnsPerKey(limit.concurrentPerUser);
    async function waitForTurn(request: FastifyRequest, reply: FastifyReply): Promise<void> {
      const turn = turns.take(request.caller.userId);
      // Sent, failed or abandoned by the client (maybe while it waited): the response closes once, either way.
      reply.raw.once('close', () => void turn.then((endTurn) => endTurn()));
      await turn;
    }
    // After authentication's own onRoute hook, which puts `authenticate` first: the peek goes before it.
    app.addHook('onRoute', (route) => {
      if (!isCallersWrite(route)) return;
      route.onRequest = [
        refuseKnownOverLimit,
        ...[route.onRequest ?? []].flat(),
        countWrite,
        waitForTurn,
      ];
      // The OpenAPI document lists the 429 too.
      if (route.schema)
        route.schema = {
          ...route.schema,
          response: { 429: ErrorResponse, ...(route.schema.response as object) },
        };
    });
  },
  { name: 'write-rate-limit', dependencies: ['authentication'] },
);
