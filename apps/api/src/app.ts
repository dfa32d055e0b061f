import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import compress from '@fastify/compress';
import Fastify, { type FastifyInstance, type FastifyReply, type RouteOptions } from 'fastify';
import type { DestinationStream } from 'pino';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { ApiConfig } from './config.js';
import { requestId } from './lib/request-id.js';
import { OneLinePerRequest } from './lib/request-log.js';
import { API_PREFIX, ROUTE_PREFIXES } from './lib/route-paths.js';
import { sessionCookieName } from './lib/session-cookie.js';
import { authentication } from './plugins/authentication.js';
import { database } from './plugins/database.js';
import { errorBody, errorHandler } from './plugins/error-handler.js';
import { instanceClaim } from './plugins/instance-claim.js';
import { databaseEvents } from './plugins/database-events.js';
import { metrics } from './plugins/metrics.js';
import { openapi } from './plugins/openapi.js';
import { security } from './plugins/security.js';
import { validation } from './plugins/validation.js';
import { webApp } from './plugins/web-app.js';
import { writeRateLimit } from './plugins/write-rate-limit.js';
import { authRoutes } from './routes/auth/auth-routes.js';
import { calendarExportsRoutes } from './routes/calendar-exports/calendar-exports-routes.js';
import { invitesRoutes } from './routes/admin/invites-routes.js';
import { healthRoutes } from './routes/health/health-routes.js';
import { feedsRoutes } from './routes/feeds/feeds-routes.js';
import { monitorRoutes } from './routes/monitor/monitor-routes.js';
import { todosRoutes } from './routes/todos/todos-routes.js';

/** Where `npm run build` puts the web app (the same path from `src/` and `dist/`). */
const defaultWebDistDir = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** The whole API: plugins, then routes. It never listens; server.ts does. */
export interface BuildAppOptions {
  webDistDir?: string;
  /** Where JSON log lines go instead of stdout (tests read them). */
  logStream?: DestinationStream;
  /** Told of every route as it is declared (the isolation test walks them all). */
  onRoute?: (route: RouteOptions) => void;
}

export async function buildApp(
  config: ApiConfig,
  { webDistDir = defaultWebDistDir, logStream, onRoute }: BuildAppOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      ...(logStream ? { stream: logStream } : {}),
      ...(config.prettyLogs && !logStream
        ? {
            transport: {
              target: 'pino-pretty',
              options: { ignore: 'pid,hostname', singleLine: true },
            },
          }
        : {}),
      redact: ['req.headers.authorization', 'req.headers.cookie'],
    },
    logController: new OneLinePerRequest(),
    bodyLimit: config.bodyLimitBytes,
    requestTimeout: config.requestTimeoutMs,
    // genReqId decides, so that a malformed X-Request-Id is replaced rather than trusted.
    requestIdHeader: false,
    genReqId: requestId,
    trustProxy: config.trustProxy,
    // The router's own refusals (a malformed URL, a segment over 100 characters) in the one
    // error shape: they never reach the error handler.
    frameworkErrors: (error, _request, reply) => {
      const statusCode = error.statusCode ?? 400;
      void (reply as FastifyReply).code(statusCode).send(errorBody(statusCode, error.message));
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  if (onRoute) app.addHook('onRoute', onRoute);
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });

  // gzip first: a 20 MB calendar compresses several times faster than with brotli, for a similar size.
  await app.register(compress, {
    encodings: ['gzip', 'br', 'deflate'],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await app.register(security, {
    corsOrigins: config.corsOrigins,
    allowedHosts: config.allowedHosts,
    publicOrigin: config.publicUrl && new URL(config.publicUrl).origin,
    https: config.https,
  });
  await app.register(validation);
  await app.register(errorHandler);
  await app.register(database, {
    databaseUrl: config.databaseUrl,
    poolSize: config.databasePoolSize,
    exportTtlMs: config.exportTtlMs,
    connectTimeoutMs: config.databaseConnectTimeoutMs,
    statementTimeoutMs: config.databaseStatementTimeoutMs,
  });
  await app.register(databaseEvents, { databaseUrl: config.databaseUrl });
  await app.register(instanceClaim, { mode: config.auth.mode, adminEmail: config.auth.adminEmail });
  const sessions = {
    idleTimeoutMs: config.auth.sessionIdleTimeoutMs,
    absoluteTimeoutMs: config.auth.sessionAbsoluteTimeoutMs,
  };
  // Before any route: it guards each route as it is declared.
  await app.register(authentication, {
    mode: config.auth.mode,
    https: config.https,
    sessions,
    quotas: config.quotas,
  });
  if (config.writeRateLimit) await app.register(writeRateLimit, config.writeRateLimit);
  await app.register(openapi, { sessionCookieName: sessionCookieName(config.https) });
  await app.register(metrics);

  await app.register(
    async (api) => {
      await api.register(healthRoutes);
      await api.register(authRoutes, {
        prefix: ROUTE_PREFIXES.auth,
        mode: config.auth.mode,
        sessions,
        throttle: {
          perAccount: config.auth.signInLimitPerAccount,
          perClient: config.auth.signInLimitPerClient,
          successesPerClient: config.auth.signInSuccessLimitPerClient,
        },
        signUpLimitPerClient: config.auth.signUpLimitPerClient,
        signUp: config.auth.signUp,
        adminEmail: config.auth.adminEmail,
        calendarTimeZone: config.calendarTimeZone,
        oidc: config.oidc,
        publicUrl: config.publicUrl,
        https: config.https,
      });
      await api.register(invitesRoutes, {
        prefix: ROUTE_PREFIXES.invites,
        publicUrl: config.publicUrl,
      });
      await api.register(todosRoutes, {
        prefix: ROUTE_PREFIXES.todos,
        publicUrl: config.publicUrl,
        quota: config.quotas?.todos ?? null,
      });
      await api.register(calendarExportsRoutes, {
        prefix: ROUTE_PREFIXES.exports,
        publicUrl: config.publicUrl,
        maxAttempts: config.exportMaxAttempts,
        rateLimitPerMinute: config.exportRateLimitPerMinute,
        statusWaitMs: config.statusWaitMs,
        activeQuota: config.quotas?.active_exports ?? null,
      });
      await api.register(feedsRoutes, {
        prefix: ROUTE_PREFIXES.feeds,
        publicUrl: config.publicUrl,
        unknownSecretsPerMinute: config.feedUnknownLimitPerMinute,
        quota: config.quotas?.feeds ?? null,
      });
      await api.register(monitorRoutes, {
        prefix: ROUTE_PREFIXES.monitor,
        publicUrl: config.publicUrl,
        workerStaleAfterMs: config.workerStaleAfterMs,
        eventStreams: config.eventStreams,
      });
    },
    { prefix: API_PREFIX },
  );
  await app.register(webApp, { distDir: webDistDir });
  return app;
}
