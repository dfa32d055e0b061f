import cookie from '@fastify/cookie';
import {
  LOCAL_OWNER_ID,
  createApiTokensRepository,
  createSessionsRepository,
  isApiTokenShaped,
  sha256Hex,
  type ApiTokensRepository,
  type SessionTimeouts,
  type SessionsRepository,
  type UserRole,
} from '@taskoverflow/db';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import type { Quotas, TokenScope } from '@taskoverflow/contracts';
import type { AuthMode } from '../config.js';
import { createCredentialWatches } from '../lib/credential-watch.js';
import { createIdentityCache } from '../lib/identity-cache.js';
import { API_PREFIX } from '../lib/route-paths.js';
import { scopeByMethod, tokenReaches, type RouteScope } from '../lib/route-scope.js';
import { createSessionCookie, type SessionCookie } from '../lib/session-cookie.js';
import { HttpError } from './error-handler.js';

/** What a request authenticated with. */
export type Credential =
  | { kind: 'local' }
  /** `id`: the SHA-256 of the cookie's secret; `publicId`: its name in lists. */
  | { kind: 'session'; id: string; publicId: string }
  | { kind: 'token'; id: string; scope: TokenScope };

/** Who is calling. */
export interface Caller {
  userId: string;
  role: UserRole;
  credential: Credential;
}

/**
 * What the account routes need of authentication: the cookie, the sessions and
 * tokens it checks (one repository each, for the app), and dropping identities at once.
 */
export interface Authentication {
  mode: AuthMode;
  cookie: SessionCookie;
  sessions: SessionsRepository;
  tokens: ApiTokensRepository;
  /** Drops every cached identity of a user in this process (the others hear it from the database). */
  forgetUser: (userId: string) => void;
  /** Drops the cached identity of one session or token (by its SHA-256). */
  forgetCredential: (sha256: string) => void;
  /**
   * The user whose identity this process has cached for the request's
   * credential, without a database round trip and without the one that makes
   * a cached identity safe to serve: the credential may have just been
   * revoked. Only for refusing a request early; undefined in AUTH_MODE=local
   * and when nothing is cached.
   */
  cachedUserId: (request: FastifyRequest) => string | undefined;
  /**
   * Calls `onEnd` when the credential of `request` (an authenticated one)
   * ends — signed out, revoked, its password changed, its role changed —
   * in whichever API process that happened; for event streams, which outlive
   * their request's authentication. Never in AUTH_MODE=local.
   * @returns the function that stops watching.
   */
  watchCredential: (request: FastifyRequest, onEnd: () => void) => () => void;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling; on a public route there is nobody to ask for (reading it throws). */
    readonly caller: Caller;
  }
  interface FastifyContextConfig {
    /** Answered without an identity in AUTH_MODE=accounts: the one list of such routes is their configs. */
    public?: boolean;
    /**
     * What the route needs of a credential (route-scope.ts); left out: `read`
     * for GET and HEAD, `write` for the other methods. Set on every route that
     * needs an identity once it is declared.
     */
    scope?: RouteScope;
  }
  interface FastifyInstance {
    authentication: Authentication;
  }
}

export interface AuthenticationOptions {
  mode: AuthMode;
  https: boolean;
  sessions: SessionTimeouts;
  /** The sessions and API tokens one user may have; null: no limit. */
  quotas: Pick<Quotas, 'sessions' | 'api_tokens'> | null;
}

/** Every request of AUTH_MODE=local: the local owner (created by the accounts migration). */
const LOCAL_CALLER: Caller = Object.freeze({
  userId: LOCAL_OWNER_ID,
  role: 'owner',
  credential: Object.freeze({ kind: 'local' }),
});

/** Where the authenticated caller of a request is kept. */
const CALLER = Symbol('caller');
/** Where the credential a request presents is kept once read (a peek and authentication both need it). */
const PRESENTED = Symbol('presented credential');
/** A request as this plugin sees it: with its caller's and its credential's slots. */
const slotOf = (request: FastifyRequest) =>
  request as FastifyRequest & {
    [CALLER]: Caller | null;
    [PRESENTED]: Presented | null | undefined;
  };

/**
 * A session's or token's use is written down at most this often per API
 * process (or a tenth of the idle timeout, if shorter: that bounds its error).
 */
export const LAST_USED_WRITE_INTERVAL_MS = 60_000;

/** A resolved credential, as cached: who, and how long it lives. */
interface Identity {
  userId: string;
  caller: Caller;
  /** When it was last used, as far as this process knows (ms). */
  lastUsedAt: number;
  /** When it ends unless used again (ms): sessions only. */
  endsAt(): number;
  /** Writes its use down; false when it has ended meanwhile. */
  touch(): Promise<boolean>;
}

/** A credential as a request presents it: the SHA-256 it is cached and stored by, and how to load it. */
interface Presented {
  sha256: string;
  load: (sha256: string) => Promise<Identity | null>;
}

const REALM = 'Bearer realm="TaskOverflow"';

function unauthorized(credentialSent: boolean): HttpError {
  return credentialSent
    ? new HttpError(
        401,
        'This session has ended, or this API token is not valid (revoked?); sign in again',
        {},
        { 'www-authenticate': `${REALM}, error="invalid_token"` },
      )
    : new HttpError(
        401,
        'Sign in, or send an API token as Authorization: Bearer <token>',
        {},
        { 'www-authenticate': REALM },
      );
}

const ACCOUNT_NEEDS_SESSION =
  'Managing the account (API tokens, password, sessions) needs a signed-in session, not an API token';

/** The 403 of a token whose scope does not reach the route. */
function outOfScope(token: TokenScope, needed: RouteScope): HttpError {
  return new HttpError(
    403,
    needed === 'account'
      ? ACCOUNT_NEEDS_SESSION
      : `This API token's scope is "${token}"; this request needs "${needed}"`,
    { token_scope: token, needed_scope: needed },
    { 'www-authenticate': `${REALM}, error="insufficient_scope", scope="${needed}"` },
  );
}

/** Whether a route needs a caller: everything under {@link API_PREFIX} that does not say it is public. */
export function needsIdentity(route: RouteOptions): boolean {
  return route.url.startsWith(`${API_PREFIX}/`) && route.config?.public !== true;
}

/**
 * Who is calling. AUTH_MODE=local: always the local owner. AUTH_MODE=accounts:
 * the user of the session cookie or of `Authorization: Bearer <API token>`
 * (the header wins), or a 401 for every route under the API prefix but the public
 * ones. Identities are cached per credential (see createIdentityCache), so
 * that most requests cost no database round trip; a revoked or expired
 * credential is refused at once all the same.
 */
export const authentication = fp(
  async (app: FastifyInstance, options: AuthenticationOptions) => {
    // Parsed on demand (session-cookie.ts): most API requests carry no cookie worth parsing.
    await app.register(cookie, { hook: false });
    const sessionCookie = createSessionCookie({
      https: options.https,
      maxAgeMs: options.sessions.absoluteTimeoutMs,
    });
    const identities = createIdentityCache<Identity>(app.databaseEvents);
    const watches = createCredentialWatches(app.databaseEvents);
    const sessions = createSessionsRepository(app.prisma, {
      ...options.sessions,
      quota: options.quotas?.sessions ?? null,
    });
    const tokens = createApiTokensRepository(app.prisma, options.quotas?.api_tokens ?? null);
    app.decorate('authentication', {
      mode: options.mode,
      cookie: sessionCookie,
      sessions,
      tokens,
      forgetUser: identities.forgetUser,
      forgetCredential: identities.forget,
      // presentedBy is declared below with the other AUTH_MODE=accounts functions; local mode never calls it.
      cachedUserId: (request) => {
        if (options.mode === 'local') return undefined;
        const presented = presentedBy(request);
        return presented ? identities.peek(presented.sha256)?.userId : undefined;
      },
      watchCredential: (request, onEnd) => {
        if (options.mode === 'local') return () => {};
        const presented = presentedBy(request);
        if (!presented) return () => {};
        const { caller } = request;
        // Loaded afresh, never from the cache: the change may be this very credential's.
        const stillValid = async () =>
          (await presented.load(presented.sha256))?.caller.role === caller.role;
        return watches.watch(caller.userId, stillValid, onEnd);
      },
    } satisfies Authentication);

    // The OpenAPI document says which operations need no credential (openapi.ts requires one by default).
    app.addHook('onRoute', (route) => {
      if (!needsIdentity(route) && route.schema) route.schema = { ...route.schema, security: [] };
    });

    if (options.mode === 'local') {
      app.decorateRequest('caller', { getter: () => LOCAL_CALLER });
      return;
    }

    // A property of every request (decorated, so that requests keep one shape), not a WeakMap: cheaper.
    app.decorateRequest(CALLER, null);
    app.decorateRequest(PRESENTED, undefined);
    app.decorateRequest('caller', {
      getter(this: FastifyRequest) {
        const caller = slotOf(this)[CALLER];
        // A bug, not a client's mistake: a public route has no caller to use.
        if (!caller) throw new Error(`request.caller read on public route ${this.url}`);
        return caller;
      },
    });

    const writeInterval = Math.min(
      LAST_USED_WRITE_INTERVAL_MS,
      options.sessions.idleTimeoutMs / 10,
    );

    const loadSession = async (id: string): Promise<Identity | null> => {
      const found = await sessions.find(id);
      if (!found) return null;
      const identity: Identity = {
        userId: found.userId,
        caller: {
          userId: found.userId,
          role: found.role,
          credential: { kind: 'session', id, publicId: found.publicId },
        },
        lastUsedAt: found.lastSeenAt.getTime(),
        endsAt: () =>
          Math.min(identity.lastUsedAt + options.sessions.idleTimeoutMs, found.expiresAt.getTime()),
        touch: () => sessions.touch(id),
      };
      return identity;
    };
    const loadToken = async (sha256: string): Promise<Identity | null> => {
      const found = await tokens.find(sha256);
      if (!found) return null;
      return {
        userId: found.userId,
        caller: {
          userId: found.userId,
          role: found.role,
          credential: { kind: 'token', id: found.id, scope: found.scope },
        },
        lastUsedAt: found.lastUsedAt?.getTime() ?? 0,
        endsAt: () => Infinity,
        touch: () => tokens.touch(found.id),
      };
    };

    async function resolve(
      sha256: string,
      load: (sha256: string) => Promise<Identity | null>,
    ): Promise<Caller | null> {
      const now = Date.now();
      let identity: Identity | null | undefined = await identities.get(sha256);
      // Past its end by this process's count: another process may have seen it used since.
      if (!identity || identity.endsAt() <= now)
        identity = await identities.load(sha256, () => load(sha256));
      if (!identity || identity.endsAt() <= now) return null;
      if (now - identity.lastUsedAt >= writeInterval) {
        // Set first, so that requests arriving meanwhile do not write it again.
        identity.lastUsedAt = now;
        if (!(await identity.touch())) {
          identities.forget(sha256);
          return null;
        }
      }
      return identity.caller;
    }

    /**
     * The request's credential (the header wins over the cookie): null when
     * malformed (a 401 without asking the database), undefined when it sent none.
     */
    function readCredential(request: FastifyRequest): Presented | null | undefined {
      const { authorization } = request.headers;
      if (authorization !== undefined) {
        const token = /^Bearer +(\S+) *$/i.exec(authorization)?.[1];
        return token && isApiTokenShaped(token)
          ? { sha256: sha256Hex(token), load: loadToken }
          : null;
      }
      const secret = sessionCookie.read(request);
      if (secret === undefined) return undefined;
      return secret ? { sha256: sha256Hex(secret), load: loadSession } : null;
    }
    // Read once per request: a write's early refusal (cachedUserId) and its authentication both need it.
    function presentedBy(request: FastifyRequest): Presented | null | undefined {
      const slot = slotOf(request);
      if (slot[PRESENTED] === undefined) slot[PRESENTED] = readCredential(request);
      return slot[PRESENTED];
    }

    async function identify(request: FastifyRequest): Promise<Caller> {
      const presented = presentedBy(request);
      const caller = presented ? await resolve(presented.sha256, presented.load) : null;
      if (!caller) throw unauthorized(presented !== undefined);
      return caller;
    }

    /** Who may call a route of `scope`: its caller, unless a token whose scope does not reach it. */
    const authenticateFor = (scope: RouteScope) =>
      async function authenticate(request: FastifyRequest): Promise<void> {
        const caller = await identify(request);
        const { credential } = caller;
        if (credential.kind === 'token' && !tokenReaches(credential.scope, scope))
          throw outOfScope(credential.scope, scope);
        slotOf(request)[CALLER] = caller;
      };
    // Decided once per route, when it is declared: public routes pay nothing, and no route is forgotten.
    app.addHook('onRoute', (route) => {
      if (!needsIdentity(route)) return;
      const scope = route.config?.scope ?? scopeByMethod(route.method);
      route.config = { ...route.config, scope };
      route.onRequest = [authenticateFor(scope), ...[route.onRequest ?? []].flat()];
    });
  },
  { name: 'authentication', dependencies: ['database', 'database-events'] },
);
