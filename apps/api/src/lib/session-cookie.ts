import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isSecretShaped } from '@taskoverflow/db';

/** The session cookie's name: with the `__Host-` prefix over https, which binds it to this host, Secure, Path=/. */
export function sessionCookieName(https: boolean): string {
  return https ? '__Host-taskoverflow_session' : 'taskoverflow_session';
}

export interface SessionCookieOptions {
  /** Whether clients reach us over https (PUBLIC_URL says so). */
  https: boolean;
  /** The session's absolute lifetime: the browser may drop the cookie then. */
  maxAgeMs: number;
}

/**
 * The session cookie (ASVS 3.3.1, 3.3.2, 3.3.4): HttpOnly (no script reads
 * it), SameSite=Lax (no cross-site request but top-level navigation carries
 * it), Path=/; Secure and `__Host-` when served over https.
 */
export function createSessionCookie({ https, maxAgeMs }: SessionCookieOptions) {
  const name = sessionCookieName(https);
  const attributes: CookieSerializeOptions = {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: https,
  };
  return {
    name,
    /** The session secret the request carries, if it has the shape of one. */
    read(request: FastifyRequest): string | undefined {
      const header = request.headers.cookie;
      // Parsed only here, not on every request: most API requests carry no cookie to read.
      const value = header ? request.server.parseCookie(header)[name] : undefined;
      return value && isSecretShaped(value) ? value : undefined;
    },
    set(reply: FastifyReply, secret: string): void {
      void reply.setCookie(name, secret, { ...attributes, maxAge: Math.floor(maxAgeMs / 1000) });
    },
    clear(reply: FastifyReply): void {
      void reply.clearCookie(name, attributes);
    },
  };
}

export type SessionCookie = ReturnType<typeof createSessionCookie>;
