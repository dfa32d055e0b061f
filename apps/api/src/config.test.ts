import { describe, expect, it } from 'vitest';
import { QUOTAS, quotaSetting, type QuotaName } from '@taskoverflow/contracts';
import { ConfigError, Environment, loadConfig } from './config.js';

const valid = { DATABASE_URL: 'postgresql://u:p@localhost:5432/db' };

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    expect(loadConfig(valid)).toMatchObject({
      environment: 'development',
      host: 'localhost',
      port: 3000,
      databasePoolSize: 10,
      bodyLimitBytes: 1_048_576,
      exportMaxAttempts: 5,
      corsOrigins: [],
      publicUrl: undefined,
    });
  });

  it.each([
    ['DATABASE_URL', {}],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }],
    ['PORT', { ...valid, PORT: 'eighty' }],
    ['PORT', { ...valid, PORT: '70000' }],
    ['LOG_LEVEL', { ...valid, LOG_LEVEL: 'loud' }],
    ['CORS_ORIGINS', { ...valid, CORS_ORIGINS: 'not a url' }],
    ['PUBLIC_URL', { ...valid, PUBLIC_URL: 'example.com' }],
    ['TRUST_PROXY', { ...valid, TRUST_PROXY: 'true' }],
    ['SIGN_UP', { ...valid, SIGN_UP: 'anyone' }],
    ['ADMIN_EMAIL', { ...valid, ADMIN_EMAIL: 'not an email' }],
    ['TRUST_PROXY', { ...valid, TRUST_PROXY: '10.0.0.0/33' }],
    ['TRUST_PROXY', { ...valid, TRUST_PROXY: 'proxy.example' }],
    ['ALLOWED_HOSTS', { ...valid, ALLOWED_HOSTS: 'http://todo.example' }],
    ['ALLOWED_HOSTS', { ...valid, ALLOWED_HOSTS: 'todo.example:3000' }],
    ['CALENDAR_TIME_ZONE', { ...valid, CALENDAR_TIME_ZONE: 'Mars/Olympus_Mons' }],
    ['CALENDAR_TIME_ZONE', { ...valid, CALENDAR_TIME_ZONE: 'europe/berlin' }],
    ['QUOTA_FEEDS', { ...valid, QUOTA_FEEDS: '0' }],
    ['WRITE_BURST', { ...valid, WRITE_BURST: 'many' }],
  ])('names %s when it is missing or bad', (name, env) => {
    expect(() => loadConfig(env)).toThrow(name);
  });

  it('takes CALENDAR_TIME_ZONE as an IANA zone; unset or empty, calendars float', () => {
    expect(loadConfig(valid).calendarTimeZone).toBeNull();
    expect(loadConfig({ ...valid, CALENDAR_TIME_ZONE: '' }).calendarTimeZone).toBeNull();
    expect(loadConfig({ ...valid, CALENDAR_TIME_ZONE: 'Europe/Berlin' }).calendarTimeZone).toBe(
      'Europe/Berlin',
    );
  });

  it('reads a list of CORS origins and trims a trailing slash off PUBLIC_URL', () => {
    const config = loadConfig({
      ...valid,
      CORS_ORIGINS: 'https://a.example,http://b.example:8080',
      PUBLIC_URL: 'https://todo.example/',
    });
    expect(config.corsOrigins).toEqual(['https://a.example', 'http://b.example:8080']);
    expect(config.publicUrl).toBe('https://todo.example');
  });

  it('trusts no proxy by default, a hop count, or listed addresses', () => {
    expect(loadConfig(valid).trustProxy).toBe(false);
    expect(loadConfig({ ...valid, TRUST_PROXY: '0' }).trustProxy).toBe(false);
    const twoHops = loadConfig({ ...valid, TRUST_PROXY: '2' }).trustProxy as (
      address: string,
      hop: number,
    ) => boolean;
    expect([0, 1, 2].map((hop) => twoHops('10.0.0.1', hop))).toEqual([true, true, false]);
    expect(loadConfig({ ...valid, TRUST_PROXY: 'loopback, 10.0.0.0/8,::1' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      '::1',
    ]);
  });

  it('serves PUBLIC_URL’s host and ALLOWED_HOSTS, and is https only when PUBLIC_URL is', () => {
    const config = loadConfig({
      ...valid,
      PUBLIC_URL: 'https://todo.example',
      ALLOWED_HOSTS: 'API.internal,.team.example',
    });
    expect(config.allowedHosts).toEqual(['api.internal', '.team.example', 'todo.example']);
    expect(config.https).toBe(true);
    expect(loadConfig({ ...valid, PUBLIC_URL: 'http://todo.example' }).https).toBe(false);
    expect(loadConfig(valid).https).toBe(false);
  });

  it('runs in AUTH_MODE=local by default, with documented session timeouts and throttles', () => {
    expect(loadConfig(valid).auth).toEqual({
      mode: 'local',
      sessionIdleTimeoutMs: 7 * 86_400_000,
      sessionAbsoluteTimeoutMs: 30 * 86_400_000,
      signInLimitPerAccount: 10,
      signInLimitPerClient: 30,
      signInSuccessLimitPerClient: 100,
      signUpLimitPerClient: 30,
      signUp: 'open',
      adminEmail: undefined,
    });
    expect(loadConfig({ ...valid, AUTH_MODE: 'accounts' }).auth.mode).toBe('accounts');
    expect(() => loadConfig({ ...valid, AUTH_MODE: 'none' })).toThrow('AUTH_MODE');
    expect(() => loadConfig({ ...valid, SESSION_IDLE_TIMEOUT_HOURS: '0' })).toThrow(
      'SESSION_IDLE_TIMEOUT_HOURS',
    );
  });

  it.each([
    'localhost',
    '127.0.0.1',
    '127.1.2.3',
    '::1',
    '[::1]',
    '0:0:0:0:0:0:0:1',
    '::ffff:127.0.0.1',
  ])('listens on loopback %s in AUTH_MODE=local', (host) => {
    expect(loadConfig({ ...valid, HOST: host }).host).toBe(host);
  });

  it.each(['0.0.0.0', '::', '192.168.1.20', 'todo.example', '::ffff:10.0.0.1'])(
    'refuses HOST=%s in AUTH_MODE=local, saying what to do, and takes it in AUTH_MODE=accounts',
    (host) => {
      expect(() => loadConfig({ ...valid, HOST: host })).toThrow(
        new ConfigError(
          `HOST=${host} is not a loopback address, and AUTH_MODE=local lets anyone who reaches the API act as its one owner, without signing in. Set HOST=localhost (or 127.0.0.1, ::1) to serve this machine only, or AUTH_MODE=accounts to serve others, with sign-in.`,
        ),
      );
      expect(loadConfig({ ...valid, HOST: host, AUTH_MODE: 'accounts' }).host).toBe(host);
    },
  );

  it('lets anyone sign up by default; SIGN_UP and ADMIN_EMAIL (normalised) say otherwise', () => {
    expect(loadConfig(valid).auth).toMatchObject({ signUp: 'open', adminEmail: undefined });
    expect(loadConfig({ ...valid, ADMIN_EMAIL: '' }).auth.adminEmail).toBeUndefined();
    expect(
      loadConfig({ ...valid, SIGN_UP: 'invite', ADMIN_EMAIL: ' Ada@Example.COM ' }).auth,
    ).toMatchObject({ signUp: 'invite', adminEmail: 'ada@example.com' });
  });

  it('has a setting for every quota, named as its 403 names it', () => {
    for (const quota of Object.keys(QUOTAS) as QuotaName[])
      expect(Environment.properties).toHaveProperty(quotaSetting(quota));
  });

  it('applies quotas and the write limit in AUTH_MODE=accounts, with the documented defaults', () => {
    const config = loadConfig({ ...valid, AUTH_MODE: 'accounts' });
    expect(config.quotas).toEqual({
      todos: 100_000,
      feeds: 20,
      api_tokens: 50,
      sessions: 50,
      active_exports: 20,
    });
    expect(config.writeRateLimit).toEqual({
      perSecond: 50,
      burst: 200,
      refusalsHeldMax: 1_000,
      concurrentPerUser: 1,
    });
    expect(loadConfig({ ...valid, AUTH_MODE: 'accounts', QUOTA_FEEDS: '3' }).quotas?.feeds).toBe(3);
  });

  it('has neither in AUTH_MODE=local: one user, no neighbour to guard', () => {
    const config = loadConfig({ ...valid, QUOTA_FEEDS: '3' });
    expect(config.quotas).toBeNull();
    expect(config.writeRateLimit).toBeNull();
  });
});
