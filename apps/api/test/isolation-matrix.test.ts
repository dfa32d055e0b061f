import { LOCAL_OWNER_ID } from '@taskoverflow/db';
import type supertest from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { TOKEN_SCOPES, type TokenScope } from '@taskoverflow/contracts';
import type { RouteScope } from '../src/lib/route-scope.js';
import { connectEventStream, type ReceivedEvent } from '../src/testing/index.js';
import {
  ACCOUNTS_ENV,
  PASSWORD,
  claimInstance,
  signUp,
  tokenOf,
  type Account,
} from './helpers/accounts.js';
import { useTestApp } from './helpers/test-app.js';

/**
 * Every route the API declares, tried as five callers in AUTH_MODE=accounts:
 * the owner of the resources it names, another user, nobody, a revoked API
 * token and an expired session; and as the owner's API tokens of each scope,
 * which the route's scope lets through or refuses. Each /api/v1 route must
 * have a rule below: a route added without one fails this test, so no route
 * can skip the question.
 */
const ctx = useTestApp(ACCOUNTS_ENV);

type Http = ReturnType<typeof supertest>;

/** What the owner's resources are, made afresh for each route. */
interface World {
  todoId: number;
  exportId: string;
  tokenId: string;
  sessionId: string;
  feedId: string;
  /** An invite the admin made. */
  inviteId: string;
}

/** What a route needs of an API token (route-scope.ts): a session may do all. */
interface Scoped {
  scope: RouteScope;
}

type Rule =
  /** Answered without an identity (health, sign-up, sign-in, sign-out). */
  | { public: true }
  /** Needs an identity; names one of the owner's resources: another user gets 404, as for a missing one. */
  | (Scoped & { names: (world: World) => string; body?: unknown; ownerGets: number })
  /** Needs an identity; the caller's own things: another user's answer shows none of the owner's. */
  | (Scoped & { own: string; body?: unknown; ownerGets: number })
  /** Needs an identity; the admin's alone (the whole system's figures, invites): 404 to anyone else. */
  | (Scoped & { adminOnly: (world: World) => string; adminGets: number });

/** Which token scopes reach a route of each scope: the table the API must keep. */
const REACHED_BY: Record<RouteScope, TokenScope[]> = {
  read: ['read', 'write'],
  write: ['write'],
  account: [],
  metrics: ['metrics'],
};

const RULES: Record<string, Rule> = {
  'GET /api/v1/health': { public: true },
  'GET /api/v1/health/ready': { public: true },
  'POST /api/v1/auth/sign-up': { public: true },
  'POST /api/v1/auth/sign-in': { public: true },
  'POST /api/v1/auth/sign-out': { public: true },
  'GET /api/v1/auth/providers': { public: true },
  'GET /api/v1/auth/setup': { public: true },
  'GET /api/v1/metrics': { scope: 'metrics', adminOnly: () => '/api/v1/metrics', adminGets: 200 },
  'POST /api/v1/admin/invites': {
    scope: 'account',
    adminOnly: () => '/api/v1/admin/invites',
    adminGets: 201,
  },
  'GET /api/v1/admin/invites': {
    scope: 'account',
    adminOnly: () => '/api/v1/admin/invites',
    adminGets: 200,
  },
  'DELETE /api/v1/admin/invites/:id': {
    scope: 'account',
    adminOnly: (w) => `/api/v1/admin/invites/${w.inviteId}`,
    adminGets: 204,
  },
  'GET /api/v1/auth/me': { scope: 'read', own: '/api/v1/auth/me', ownerGets: 200 },
  'PATCH /api/v1/auth/me': {
    scope: 'write',
    own: '/api/v1/auth/me',
    body: { time_zone: 'Europe/Berlin' },
    ownerGets: 200,
  },
  'POST /api/v1/auth/tokens': {
    scope: 'account',
    own: '/api/v1/auth/tokens',
    body: { name: 'x', current_password: PASSWORD },
    ownerGets: 201,
  },
  'GET /api/v1/auth/tokens': { scope: 'account', own: '/api/v1/auth/tokens', ownerGets: 200 },
  'DELETE /api/v1/auth/tokens/:id': {
    scope: 'account',
    names: (w) => `/api/v1/auth/tokens/${w.tokenId}`,
    ownerGets: 204,
  },
  'GET /api/v1/auth/sessions': { scope: 'account', own: '/api/v1/auth/sessions', ownerGets: 200 },
  'DELETE /api/v1/auth/sessions/:id': {
    scope: 'account',
    names: (w) => `/api/v1/auth/sessions/${w.sessionId}`,
    ownerGets: 204,
  },
  'DELETE /api/v1/auth/sessions': {
    scope: 'account',
    own: '/api/v1/auth/sessions',
    ownerGets: 204,
  },
  'PUT /api/v1/auth/password': {
    scope: 'account',
    own: '/api/v1/auth/password',
    body: { current_password: 'wrong password here', new_password: 'another long passphrase' },
    ownerGets: 400,
  },
  'GET /api/v1/todos': { scope: 'read', own: '/api/v1/todos', ownerGets: 200 },
  'POST /api/v1/todos': {
    scope: 'write',
    own: '/api/v1/todos',
    body: { title: 'new' },
    ownerGets: 201,
  },
  'GET /api/v1/todos/:id': {
    scope: 'read',
    names: (w) => `/api/v1/todos/${w.todoId}`,
    ownerGets: 200,
  },
  'PUT /api/v1/todos/:id': {
    scope: 'write',
    names: (w) => `/api/v1/todos/${w.todoId}`,
    body: { title: 'renamed' },
    ownerGets: 200,
  },
  // DELETE answers 200 for a missing todo too (the contract): the test checks the todo survives.
  'DELETE /api/v1/todos/:id': {
    scope: 'write',
    names: (w) => `/api/v1/todos/${w.todoId}`,
    ownerGets: 200,
  },
  'POST /api/v1/todos/ical': {
    scope: 'write',
    own: '/api/v1/todos/ical',
    body: {},
    ownerGets: 202,
  },
  'GET /api/v1/todos/ical': { scope: 'read', own: '/api/v1/todos/ical', ownerGets: 200 },
  'GET /api/v1/todos/ical/:task_id/status': {
    scope: 'read',
    names: (w) => `/api/v1/todos/ical/${w.exportId}/status`,
    ownerGets: 200,
  },
  'GET /api/v1/todos/ical/:task_id/result': {
    scope: 'read',
    names: (w) => `/api/v1/todos/ical/${w.exportId}/result`,
    ownerGets: 200,
  },
  'GET /api/v1/monitor/summary': { scope: 'read', own: '/api/v1/monitor/summary', ownerGets: 200 },
  'GET /api/v1/monitor/workers': { scope: 'read', own: '/api/v1/monitor/workers', ownerGets: 200 },
  'GET /api/v1/monitor/exports': { scope: 'read', own: '/api/v1/monitor/exports', ownerGets: 200 },
  'POST /api/v1/monitor/exports/:task_id/retry': {
    scope: 'write',
    names: (w) => `/api/v1/monitor/exports/${w.exportId}/retry`,
    // The export is SUCCESS: only a FAILURE one can be retried.
    ownerGets: 409,
  },
  'POST /api/v1/monitor/exports/:task_id/cancel': {
    scope: 'write',
    names: (w) => `/api/v1/monitor/exports/${w.exportId}/cancel`,
    ownerGets: 409,
  },
  'GET /api/v1/feeds': { scope: 'read', own: '/api/v1/feeds', ownerGets: 200 },
  'POST /api/v1/feeds': { scope: 'write', own: '/api/v1/feeds', body: {}, ownerGets: 201 },
  'POST /api/v1/feeds/:feed_id/rotate': {
    scope: 'write',
    names: (w) => `/api/v1/feeds/${w.feedId}/rotate`,
    ownerGets: 200,
  },
  'DELETE /api/v1/feeds/:feed_id': {
    scope: 'write',
    names: (w) => `/api/v1/feeds/${w.feedId}`,
    ownerGets: 204,
  },
  // Calendar apps cannot sign in: the secret in the URL is the key (feeds.test.ts).
  'GET /api/v1/feeds/:secret.ics': { public: true },
  // A stream: its answer to each caller is checked by the event stream's own tests; here, its door.
  'GET /api/v1/monitor/events': { scope: 'read', own: '/api/v1/monitor/events', ownerGets: 200 },
};

/** The URL a rule's requests go to. */
function urlOf(rule: Rule, world: World): string {
  if ('names' in rule) return rule.names(world);
  if ('own' in rule) return rule.own;
  if ('adminOnly' in rule) return rule.adminOnly(world);
  throw new Error('a public route is not tried with identities');
}

const apiRoutes = () =>
  ctx.routes.filter(
    (route) => route.split(' ')[1]!.startsWith('/api/v1/') && !route.startsWith('HEAD '),
  );

const send = (
  http: Http,
  method: string,
  url: string,
  body: unknown,
  auth: Record<string, string>,
) => {
  const request = http[method.toLowerCase() as 'get'](url).set(auth);
  return body === undefined ? request : request.send(body as object);
};

interface Callers {
  owner: Record<string, string>;
  /** The owner's API tokens, one of each scope. */
  ownerTokens: Record<TokenScope, Record<string, string>>;
  other: Record<string, string>;
  anonymous: Record<string, string>;
  revokedToken: Record<string, string>;
  expiredSession: Record<string, string>;
}

const bearer = (token: { token: string }) => ({ authorization: `Bearer ${token.token}` });

/** A token of each scope of `account`. */
async function tokensOf(account: Account): Promise<Record<TokenScope, Record<string, string>>> {
  const entries = [];
  for (const scope of TOKEN_SCOPES)
    entries.push([scope, bearer(await tokenOf(ctx.http, account, { name: scope, scope }))]);
  return Object.fromEntries(entries) as Record<TokenScope, Record<string, string>>;
}

/** The owner's resources and the five callers: the admin, who claimed the instance, is neither owner nor other. */
async function arrange(): Promise<{ world: World; callers: Callers; admin: Account }> {
  const admin = await claimInstance(ctx);
  const invite = await ctx.http
    .post('/api/v1/admin/invites')
    .set('cookie', admin.cookie)
    .expect(201);
  const [owner, other, stale] = [
    await signUp(ctx.http),
    await signUp(ctx.http),
    await signUp(ctx.http),
  ];
  const asOwner = { cookie: owner.cookie };
  const todo = await ctx.http
    .post('/api/v1/todos')
    .set(asOwner)
    .send({ title: 'the owner’s' })
    .expect(201);
  const text = 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n';
  const calendar = await ctx.app.prisma.calendarExport.create({
    data: {
      ownerId: owner.user.id,
      status: 'SUCCESS',
      maxAttempts: 1,
      content: Buffer.from(text),
      sizeBytes: text.length,
      contentSha256: 'b'.repeat(64),
    },
  });
  const feed = await ctx.http.post('/api/v1/feeds').set(asOwner).send({}).expect(201);
  const token = await tokenOf(ctx.http, owner);
  const revoked = await tokenOf(ctx.http, owner);
  await ctx.http.get('/api/v1/auth/me').set('authorization', `Bearer ${revoked.token}`).expect(200);
  await ctx.http.delete(`/api/v1/auth/tokens/${revoked.id}`).set(asOwner).expect(204);
  // A second session of the owner, to end by id.
  const signIn = await ctx.http
    .post('/api/v1/auth/sign-in')
    .send({ email: owner.email, password: owner.password })
    .expect(200);
  const sessions = await ctx.http.get('/api/v1/auth/sessions').set(asOwner).expect(200);
  const second = (sessions.body as { id: string; current: boolean }[]).find((s) => !s.current)!;
  expect(signIn.status).toBe(200);
  // Expired before it was ever used, so that no process has it in memory.
  await ctx.app.prisma.session.updateMany({
    where: { userId: stale.user.id },
    data: { expiresAt: new Date(Date.now() - 1000) },
  });
  return {
    admin,
    world: {
      todoId: todo.body.id,
      exportId: calendar.id,
      tokenId: token.id,
      sessionId: second.id,
      feedId: feed.body.id,
      inviteId: invite.body.id,
    },
    callers: {
      owner: asOwner,
      ownerTokens: await tokensOf(owner),
      other: { cookie: other.cookie },
      anonymous: {},
      revokedToken: { authorization: `Bearer ${revoked.token}` },
      expiredSession: { cookie: stale.cookie },
    },
  };
}

describe('the isolation matrix', () => {
  beforeEach(async () => {
    // The admin's claim takes the local owner's data: none here.
    expect(await ctx.app.prisma.todo.count({ where: { ownerId: LOCAL_OWNER_ID } })).toBe(0);
  });

  it('has a rule for every /api/v1 route the API declares, and a route for every rule', () => {
    const routes = apiRoutes();
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.filter((route) => !(route in RULES))).toEqual([]);
    expect(Object.keys(RULES).filter((rule) => !routes.includes(rule))).toEqual([]);
  });

  it('gives every route that needs an identity the scope its rule says (declared, or its method’s)', () => {
    const scopes = apiRoutes().map((route) => {
      const rule = RULES[route]!;
      return [
        route,
        ctx.routeOptions.get(route)?.config?.scope,
        'scope' in rule ? rule.scope : undefined,
      ];
    });
    expect(scopes.filter(([, declared, expected]) => declared !== expected)).toEqual([]);
  });

  it.each(Object.entries(RULES).filter(([, rule]) => !('public' in rule)))(
    '%s: 401 for nobody, a revoked token and an expired session',
    async (route) => {
      const method = route.split(' ')[0]!;
      const { world, callers } = await arrange();
      const rule = RULES[route]!;
      const url = urlOf(rule, world);
      const body = 'body' in rule ? rule.body : undefined;
      for (const caller of ['anonymous', 'revokedToken', 'expiredSession'] as const) {
        const response = await send(ctx.http, method, url, body, callers[caller]);
        expect({ caller, status: response.status }).toEqual({ caller, status: 401 });
        expect(response.body).toHaveProperty('error');
      }
    },
  );

  it.each(Object.entries(RULES).filter(([, rule]) => 'names' in rule))(
    '%s: another user gets 404 and changes nothing; the owner gets the answer',
    async (route) => {
      const method = route.split(' ')[0]!;
      const { world, callers } = await arrange();
      const rule = RULES[route] as Extract<Rule, { names: unknown }>;
      const url = rule.names(world);
      const before = await snapshot(world);
      const foreign = await send(ctx.http, method, url, rule.body, callers.other);
      // DELETE of a todo is 200 even when it is missing (the contract); it must change nothing.
      expect(foreign.status).toBe(route === 'DELETE /api/v1/todos/:id' ? 200 : 404);
      expect(await snapshot(world)).toEqual(before);
      const owned = await send(ctx.http, method, url, rule.body, callers.owner);
      expect(owned.status).toBe(rule.ownerGets);
    },
  );

  it.each(Object.entries(RULES).filter(([, rule]) => 'own' in rule))(
    '%s: another user sees none of the owner’s things',
    async (route) => {
      const method = route.split(' ')[0]!;
      const { world, callers } = await arrange();
      const rule = RULES[route] as Extract<Rule, { own: unknown }>;
      if (route === 'GET /api/v1/monitor/events') return expectStreamOpens(rule.own, callers.owner);
      const foreign = await send(ctx.http, method, rule.own, rule.body, callers.other);
      expect(foreign.status).toBe(rule.ownerGets);
      const text = JSON.stringify(foreign.body);
      const owners = [world.exportId, world.tokenId, world.sessionId, world.feedId, 'the owner’s'];
      for (const mine of owners) expect(text).not.toContain(mine);
      const owned = await send(ctx.http, method, rule.own, rule.body, callers.owner);
      expect(owned.status).toBe(rule.ownerGets);
    },
  );

  it.each(Object.entries(RULES).filter(([, rule]) => !('public' in rule)))(
    '%s: 403 and nothing changed for a token whose scope does not reach it; the answer for one that does',
    async (route) => {
      const method = route.split(' ')[0]!;
      const { world, callers, admin } = await arrange();
      const rule = RULES[route] as Exclude<Rule, { public: true }>;
      // The figures are the admin's: their tokens are the ones to try.
      const tokens = 'adminOnly' in rule ? await tokensOf(admin) : callers.ownerTokens;
      const reaching = REACHED_BY[rule.scope];
      const url = urlOf(rule, world);
      const body = 'body' in rule ? rule.body : undefined;
      const before = await snapshot(world);
      for (const scope of TOKEN_SCOPES.filter((one) => !reaching.includes(one))) {
        const refused = await send(ctx.http, method, url, body, tokens[scope]);
        expect({ scope, status: refused.status, body: refused.body }).toEqual({
          scope,
          status: 403,
          body: expect.objectContaining({ token_scope: scope, needed_scope: rule.scope }),
        });
      }
      expect(await snapshot(world)).toEqual(before);
      for (const scope of reaching) {
        if (route === 'GET /api/v1/monitor/events') {
          await expectStreamOpens(url, tokens[scope]);
          continue;
        }
        const answered = await send(ctx.http, method, url, body, tokens[scope]);
        const expected = 'adminOnly' in rule ? rule.adminGets : rule.ownerGets;
        expect({ scope, status: answered.status }).toEqual({ scope, status: expected });
      }
    },
  );

  it("GET /api/v1/monitor/events: each member hears only their own exports' events, the admin everyone's", async () => {
    const { world, callers, admin } = await arrange();
    const url = `http://127.0.0.1:${(ctx.app.server.address() as { port: number }).port}/api/v1/monitor/events`;
    const ownerStream = await connectEventStream(url, callers.owner);
    const otherStream = await connectEventStream(url, callers.other);
    const adminStream = await connectEventStream(url, { cookie: admin.cookie });
    const streams = [ownerStream, otherStream, adminStream];
    try {
      const hasReady = (events: ReceivedEvent[]) => events.some((e) => e.event === 'ready');
      await Promise.all(streams.map((stream) => stream.waitFor(hasReady)));
      // A change to the owner's export, then one to the other user's own.
      await ctx.app.prisma.calendarExport.update({
        where: { id: world.exportId },
        data: { progress: 0.5 },
      });
      const theirs = await ctx.http
        .post('/api/v1/todos/ical')
        .set(callers.other)
        .send({})
        .expect(202);
      const about = (id: string) => (events: ReceivedEvent[]) =>
        events.some((e) => e.event === 'export' && (e.data as { task_id: string }).task_id === id);
      await ownerStream.waitFor(about(world.exportId));
      await otherStream.waitFor(about(theirs.body.task_id));
      await adminStream.waitFor(
        (events) => about(world.exportId)(events) && about(theirs.body.task_id)(events),
      );
      expect(about(world.exportId)(otherStream.events)).toBe(false);
      expect(about(theirs.body.task_id)(ownerStream.events)).toBe(false);
    } finally {
      await Promise.all(streams.map((stream) => stream.close()));
    }
  });

  it.each(Object.entries(RULES).filter(([, rule]) => 'adminOnly' in rule))(
    '%s: the admin only; as missing to a member, who changes nothing',
    async (route) => {
      const method = route.split(' ')[0]!;
      const { world, callers, admin } = await arrange();
      const rule = RULES[route] as Extract<Rule, { adminOnly: unknown }>;
      const url = rule.adminOnly(world);
      const before = await snapshot(world);
      for (const member of [callers.owner, callers.other])
        expect((await send(ctx.http, method, url, undefined, member)).status).toBe(404);
      expect(await snapshot(world)).toEqual(before);
      const answer = await send(ctx.http, method, url, undefined, { cookie: admin.cookie });
      expect(answer.status).toBe(rule.adminGets);
    },
  );

  it('serves every route outside /api/v1 (the web app, the API document) without an identity', async () => {
    const others = ctx.routes.filter(
      (route) => route.startsWith('GET ') && !route.split(' ')[1]!.startsWith('/api/v1/'),
    );
    expect(others.length).toBeGreaterThan(3);
    for (const route of others) {
      const path = route.split(' ')[1]!.replace('*', 'index.html');
      const response = await ctx.http.get(path);
      expect({ route, status: response.status }).not.toMatchObject({ status: 401 });
    }
  });
});

/**
 * What another user's or a token's request could have changed: the owner's
 * todo, export, token, session and feed, how many of each they have; the invites.
 */
async function snapshot(world: World) {
  const { prisma } = ctx.app;
  const owner = await prisma.todo.findUniqueOrThrow({ where: { id: world.todoId } });
  const ownerId = owner.ownerId;
  return {
    counts: [
      await prisma.todo.count({ where: { ownerId } }),
      await prisma.calendarExport.count({ where: { ownerId } }),
      await prisma.calendarFeed.count({ where: { ownerId } }),
      await prisma.apiToken.count({ where: { userId: ownerId } }),
      await prisma.session.count({ where: { userId: ownerId } }),
      (await prisma.user.findUniqueOrThrow({ where: { id: ownerId } })).timeZone,
    ],
    todo: await prisma.todo.findUnique({ where: { id: world.todoId } }),
    export: await prisma.calendarExport.findUnique({
      where: { id: world.exportId },
      select: { status: true, attempts: true, jobId: true },
    }),
    token: await prisma.apiToken.findUnique({ where: { id: world.tokenId }, select: { id: true } }),
    session: await prisma.session.findUnique({
      where: { publicId: world.sessionId },
      select: { id: true },
    }),
    feed: await prisma.calendarFeed.findUnique({ where: { id: world.feedId } }),
    invites: await prisma.invite.findMany({ orderBy: { id: 'asc' } }),
  };
}

/** The event stream opens (200, text/event-stream) for a signed-in caller. */
async function expectStreamOpens(url: string, auth: Record<string, string>) {
  const address = ctx.app.server.address() as { port: number };
  const controller = new AbortController();
  const response = await fetch(`http://127.0.0.1:${address.port}${url}`, {
    headers: auth,
    signal: controller.signal,
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  controller.abort();
}
