import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { ErrorResponse } from '@taskoverflow/contracts';
import fp from 'fastify-plugin';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { WriteRateLimit } from '../config.js';
import { tooManyRequests } from '../lib/too-many-requests.js';
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
 */
export const writeRateLimit = fp(
  async (app: FastifyInstance, limit: WriteRateLimit) => {
    const writes = new RateLimiterMemory({
      keyPrefix: 'writes',
      points: limit.burst,
      duration: limit.burst / limit.perSecond,
    });
    async function countWrite(request: FastifyRequest): Promise<void> {
      await writes.consume(request.caller.userId).catch((rejection: unknown) => {
        throw tooManyRequests(rejection, 'writes');
      });
    }
    // After authentication's own onRoute hook, which puts `authenticate` first.
    app.addHook('onRoute', (route) => {
      if (!isCallersWrite(route)) return;
      route.onRequest = [...[route.onRequest ?? []].flat(), countWrite];
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
