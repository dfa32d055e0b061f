import { isSupportedTimeZone } from '@taskoverflow/calendar';
import {
  CalendarTimeZoneEnvironment,
  CommonEnvironment,
  commonSettingsOf,
  DatabaseUrl,
  ExportTtlEnvironment,
  PortEnvironment,
  SessionIdleTimeoutEnvironment,
  WorkerStaleAfterEnvironment,
  hoursToMs,
  instanceTimeZoneOf,
  loadEnvironment,
  type CommonSettings,
} from '@taskoverflow/contracts/environment';
import {
  QUOTAS,
  SignUpModeSchema,
  type QuotaName,
  type Quotas,
  type SignUpMode,
} from '@taskoverflow/contracts';
import { normaliseEmail } from '@taskoverflow/db';
import { Type, type Static } from 'typebox';
import { isLoopbackHost } from './lib/loopback.js';
import { parseTrustProxy, type TrustProxy } from './lib/trust-proxy.js';

const HOST_NAME = '\\.?[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*';

/** A quota's setting (QUOTA_<NAME>: see quotaSetting): at least one, its default in QUOTAS. */
const quotaLimit = (quota: QuotaName) =>
  Type.Integer({ minimum: 1, default: QUOTAS[quota].default });

const HttpUrl = Type.String({ pattern: '^https?://' });

/** The settings this process reads from its environment (names, types, defaults). */
export const Environment = Type.Object({
  ...CommonEnvironment,
  ...CalendarTimeZoneEnvironment,
  HOST: Type.String({ default: 'localhost' }),
  ...PortEnvironment,
  DATABASE_URL: DatabaseUrl,
  DATABASE_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
  BODY_LIMIT_BYTES: Type.Integer({ minimum: 1024, default: 1_048_576 }),
  PUBLIC_URL: Type.Optional(HttpUrl),
  EXPORT_MAX_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 25, default: 5 }),
  ...ExportTtlEnvironment,
  ...WorkerStaleAfterEnvironment,
  EXPORT_RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, default: 120 }),
  CORS_ORIGINS: Type.String({
    default: '',
    pattern: '^(https?://[^,\\s]+(,https?://[^,\\s]+)*)?$',
  }),
  TRUST_PROXY: Type.String({ default: '' }),
  ALLOWED_HOSTS: Type.String({ default: '', pattern: `^(${HOST_NAME}(,${HOST_NAME})*)?$` }),
  REQUEST_TIMEOUT_MS: Type.Integer({ minimum: 1000, default: 30_000 }),
  DATABASE_CONNECT_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 5_000 }),
  DATABASE_STATEMENT_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 30_000 }),
  EVENT_STREAMS_PER_CLIENT: Type.Integer({ minimum: 1, default: 20 }),
  EVENT_STREAMS_MAX: Type.Integer({ minimum: 1, default: 1_000 }),
  STATUS_WAIT_MS: Type.Integer({ minimum: 0, maximum: 60_000, default: 1_000 }),
  AUTH_MODE: Type.Union([Type.Literal('local'), Type.Literal('accounts')], { default: 'local' }),
  ...SessionIdleTimeoutEnvironment,
  SESSION_ABSOLUTE_TIMEOUT_HOURS: Type.Number({
    exclusiveMinimum: 0,
    maximum: 8_760,
    default: 720,
  }),
  SIGN_UP: Type.Union(SignUpModeSchema.anyOf, { default: 'open' }),
  // Empty: anyone with the setup code may claim (compose passes an unset variable as empty).
  ADMIN_EMAIL: Type.String({ default: '', pattern: '^(\\s*[^\\s@]+@[^\\s@]+\\s*)?$' }),
  SIGN_IN_LIMIT_PER_ACCOUNT: Type.Integer({ minimum: 1, default: 10 }),
  SIGN_IN_LIMIT_PER_CLIENT: Type.Integer({ minimum: 1, default: 30 }),
  SIGN_IN_SUCCESS_LIMIT_PER_CLIENT: Type.Integer({ minimum: 1, default: 100 }),
  SIGN_UP_LIMIT_PER_CLIENT: Type.Integer({ minimum: 1, default: 30 }),
  FEED_UNKNOWN_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, default: 30 }),
  QUOTA_TODOS: quotaLimit('todos'),
  QUOTA_FEEDS: quotaLimit('feeds'),
  QUOTA_API_TOKENS: quotaLimit('api_tokens'),
  QUOTA_SESSIONS: quotaLimit('sessions'),
  QUOTA_ACTIVE_EXPORTS: quotaLimit('active_exports'),
  OIDC_ISSUER: Type.Optional(HttpUrl),
  OIDC_CLIENT_ID: Type.Optional(Type.String({ minLength: 1 })),
  OIDC_CLIENT_SECRET: Type.Optional(Type.String({ minLength: 1 })),
  OIDC_BUTTON_LABEL: Type.String({
    minLength: 1,
    maxLength: 60,
    default: 'Sign in with OpenID Connect',
  }),
  WRITE_RATE_PER_SECOND: Type.Integer({ minimum: 1, default: 50 }),
  WRITE_BURST: Type.Integer({ minimum: 1, default: 200 }),
  WRITE_REFUSALS_HELD_MAX: Type.Integer({ minimum: 0, default: 1_000 }),
  WRITE_CONCURRENCY_PER_USER: Type.Integer({ minimum: 1, default: 1 }),
});

/**
 * `local`: one implicit owner, no sign-in, loopback only. `accounts`: every
 * route under /api/v1 but the public ones needs a session or an API token.
 */
export type AuthMode = 'local' | 'accounts';

export interface AuthConfig {
  mode: AuthMode;
  /** A session unused this long ends. */
  sessionIdleTimeoutMs: number;
  /** A session ends this long after sign-in, used or not. */
  sessionAbsoluteTimeoutMs: number;
  /**
   * Failed sign-ins (and checks of a current password) allowed per account
   * from one client address, and per client address, in each 15-minute
   * window; then 429 until the window ends.
   */
  signInLimitPerAccount: number;
  signInLimitPerClient: number;
  /** Successful sign-ins (and checks of a current password) per client address per window. */
  signInSuccessLimitPerClient: number;
  /** Sign-ups one client address may make per window. */
  signUpLimitPerClient: number;
  /** Who may create an account (the claim with the setup code works in every mode). */
  signUp: SignUpMode;
  /** ADMIN_EMAIL, normalised: the only email that may claim the instance; undefined: any. */
  adminEmail: string | undefined;
}

/** Sign-in at an OpenID Connect provider (authorization code flow with PKCE). */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The sign-in page's button. */
  buttonLabel: string;
}

/** Writes (POST, PUT, PATCH, DELETE) one signed-in user may make: sustained, and at once. */
export interface WriteRateLimit {
  perSecond: number;
  burst: number;
  /** Refusals of users who came back before their Retry-After, held until it, at most at once (0: none). */
  refusalsHeldMax: number;
  /** Admitted writes of one user that run at once; the others wait their turn. */
  concurrentPerUser: number;
}

export interface ApiConfig extends CommonSettings {
  host: string;
  port: number;
  databaseUrl: string;
  databasePoolSize: number;
  bodyLimitBytes: number;
  /** Base of the absolute URLs the API hands out; from the request's Host when absent. */
  publicUrl: string | undefined;
  /** Tries a calendar export gets (the first and its retries) before it is FAILURE. */
  exportMaxAttempts: number;
  /** How long an ended export (its calendar, its error, its cancellation) is kept before the purge deletes it. */
  exportTtlMs: number;
  /** Exports one client may start per minute (429 beyond). */
  exportRateLimitPerMinute: number;
  corsOrigins: string[];
  /** Which peers may speak for the client in `X-Forwarded-For/-Host/-Proto`. */
  trustProxy: TrustProxy;
  /** Host names served besides loopback names, IP addresses and PUBLIC_URL's host (`.x.example`: and its subdomains). */
  allowedHosts: string[];
  /** Whether clients reach us over https (PUBLIC_URL says so): then browsers are told to stay on https. */
  https: boolean;
  /** Longest time a client may take to send a whole request. */
  requestTimeoutMs: number;
  /** Longest wait for a database connection from the pool. */
  databaseConnectTimeoutMs: number;
  /** Longest a single SQL statement may run. */
  databaseStatementTimeoutMs: number;
  /** Longest a status request waits for an unfinished export to end (0: answer at once). */
  statusWaitMs: number;
  /** Event streams one client (address) may hold open at once, and all clients together. */
  eventStreams: { perClient: number; max: number };
  /** A worker silent this long is shown as not alive (as the workers' reaper presumes it dead). */
  workerStaleAfterMs: number;
  /** The zone of calendars whose owner chose none (null: floating); the API shows it as their effective zone. */
  calendarTimeZone: string | null;
  /** Fetches of unknown feed URLs one client may make per minute; then 429. */
  feedUnknownLimitPerMinute: number;
  auth: AuthConfig;
  /**
   * What one user may have (403 beyond). Null in AUTH_MODE=local: quotas keep
   * users from crowding each other out, and local mode has one user, on this
   * machine, who is also its operator (the shared benchmark runs there, with
   * 50 exports in flight).
   */
  quotas: Quotas | null;
  /** How fast one user may write (429 beyond); null in AUTH_MODE=local, for the same reason. */
  writeRateLimit: WriteRateLimit | null;
  /** OIDC_*: null when no provider is set (or AUTH_MODE=local, which has no sign-in). */
  oidc: OidcSettings | null;
}

/** Thrown for settings that are each valid but wrong together. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the environment once; a bad value stops the process with its name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const values = loadEnvironment(Environment, env);
  if (values.AUTH_MODE === 'local' && !isLoopbackHost(values.HOST)) {
    throw new ConfigError(
      `HOST=${values.HOST} is not a loopback address, and AUTH_MODE=local lets anyone who reaches ` +
        'the API act as its one owner, without signing in. Set HOST=localhost (or 127.0.0.1, ::1) ' +
        'to serve this machine only, or AUTH_MODE=accounts to serve others, with sign-in.',
    );
  }
  const publicUrl = values.PUBLIC_URL?.replace(/\/+$/, '');
  const oidc = oidcSettingsOf(values);
  const listOf = (text: string) => (text ? text.split(',') : []);
  const sharedByUsers = values.AUTH_MODE === 'accounts';
  return {
    ...commonSettingsOf(values),
    host: values.HOST,
    port: values.PORT,
    databaseUrl: values.DATABASE_URL,
    databasePoolSize: values.DATABASE_POOL_SIZE,
    bodyLimitBytes: values.BODY_LIMIT_BYTES,
    publicUrl,
    exportMaxAttempts: values.EXPORT_MAX_ATTEMPTS,
    exportTtlMs: hoursToMs(values.EXPORT_TTL_HOURS),
    exportRateLimitPerMinute: values.EXPORT_RATE_LIMIT_PER_MINUTE,
    corsOrigins: listOf(values.CORS_ORIGINS),
    trustProxy: parseTrustProxy(values.TRUST_PROXY),
    allowedHosts: [
      ...listOf(values.ALLOWED_HOSTS.toLowerCase()),
      ...(publicUrl ? [new URL(publicUrl).hostname] : []),
    ],
    https: publicUrl?.startsWith('https://') ?? false,
    requestTimeoutMs: values.REQUEST_TIMEOUT_MS,
    databaseConnectTimeoutMs: values.DATABASE_CONNECT_TIMEOUT_MS,
    databaseStatementTimeoutMs: values.DATABASE_STATEMENT_TIMEOUT_MS,
    statusWaitMs: values.STATUS_WAIT_MS,
    eventStreams: { perClient: values.EVENT_STREAMS_PER_CLIENT, max: values.EVENT_STREAMS_MAX },
    workerStaleAfterMs: values.WORKER_STALE_AFTER_MS,
    calendarTimeZone: instanceTimeZoneOf(values.CALENDAR_TIME_ZONE, isSupportedTimeZone),
    feedUnknownLimitPerMinute: values.FEED_UNKNOWN_LIMIT_PER_MINUTE,
    auth: {
      mode: values.AUTH_MODE,
      sessionIdleTimeoutMs: hoursToMs(values.SESSION_IDLE_TIMEOUT_HOURS),
      sessionAbsoluteTimeoutMs: hoursToMs(values.SESSION_ABSOLUTE_TIMEOUT_HOURS),
      signInLimitPerAccount: values.SIGN_IN_LIMIT_PER_ACCOUNT,
      signInLimitPerClient: values.SIGN_IN_LIMIT_PER_CLIENT,
      signInSuccessLimitPerClient: values.SIGN_IN_SUCCESS_LIMIT_PER_CLIENT,
      signUpLimitPerClient: values.SIGN_UP_LIMIT_PER_CLIENT,
      signUp: values.SIGN_UP,
      adminEmail: values.ADMIN_EMAIL ? normaliseEmail(values.ADMIN_EMAIL) : undefined,
    },
    quotas: sharedByUsers
      ? {
          todos: values.QUOTA_TODOS,
          feeds: values.QUOTA_FEEDS,
          api_tokens: values.QUOTA_API_TOKENS,
          sessions: values.QUOTA_SESSIONS,
          active_exports: values.QUOTA_ACTIVE_EXPORTS,
        }
      : null,
    writeRateLimit: sharedByUsers
      ? {
          perSecond: values.WRITE_RATE_PER_SECOND,
          burst: values.WRITE_BURST,
          refusalsHeldMax: values.WRITE_REFUSALS_HELD_MAX,
          concurrentPerUser: values.WRITE_CONCURRENCY_PER_USER,
        }
      : null,
    oidc: sharedByUsers ? oidc : null,
  };
}

/** The OIDC_* settings: none, or the issuer with its client's id and secret, all three. */
function oidcSettingsOf(values: Static<typeof Environment>): OidcSettings | null {
  const {
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: clientId,
    OIDC_CLIENT_SECRET: clientSecret,
  } = values;
  if (!issuer && !clientId && !clientSecret) return null;
  if (!issuer || !clientId || !clientSecret) {
    throw new ConfigError(
      'Sign-in with OpenID Connect needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together; ' +
        `missing: ${[!issuer && 'OIDC_ISSUER', !clientId && 'OIDC_CLIENT_ID', !clientSecret && 'OIDC_CLIENT_SECRET'].filter(Boolean).join(', ')}`,
    );
  }
  return { issuer, clientId, clientSecret, buttonLabel: values.OIDC_BUTTON_LABEL };
}
