import { LOCAL_OWNER_ID, listenToDatabaseEvents, type DatabaseEvents } from '@taskoverflow/db';
import { createTestDatabase, type TestDatabase } from '@taskoverflow/db/testing';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createIdentityCache } from '../src/lib/identity-cache.js';
import { until } from './helpers/until.js';

let database: TestDatabase;
let events: DatabaseEvents;
let sql: pg.Client;
let userId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  events = listenToDatabaseEvents(database.url, pino({ level: 'silent' }));
  sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
  const { rows } = await sql.query<{ id: string }>(
    "INSERT INTO users (email, password_hash) VALUES ('cache@example.com', 'x') RETURNING id",
  );
  userId = rows[0]!.id;
  await until(() => events.listening);
});
afterAll(async () => {
  await sql?.end();
  await events?.close();
  await database?.drop();
});

const identity = (user = userId) => ({ userId: user });

describe('the identity cache', () => {
  it('keeps what it loaded, per credential', async () => {
    const cache = createIdentityCache(events);
    await cache.load('a', async () => identity());
    expect(await cache.get('a')).toEqual(identity());
    expect(await cache.get('b')).toBeUndefined();
    await cache.load('b', async () => null);
    expect(cache.size).toBe(1);
  });

  it.each([
    [
      'a session of the user ends',
      `INSERT INTO sessions (id, user_id, expires_at) VALUES (repeat('s', 64), $1, now() + interval '1 day'); DELETE FROM sessions WHERE user_id = $1`,
    ],
    [
      'a token of the user is revoked',
      `INSERT INTO api_tokens (user_id, name, token_sha256) VALUES ($1, 't', repeat('t', 64)); DELETE FROM api_tokens WHERE user_id = $1`,
    ],
    ['the user’s role changes', `UPDATE users SET role = 'admin' WHERE id = $1`],
    ['the user’s password changes', `UPDATE users SET password_hash = 'y' WHERE id = $1`],
  ])(
    'drops the user’s identities, and only theirs, the moment %s (by a trigger, whoever writes)',
    async (_what, statements) => {
      const cache = createIdentityCache(events);
      await cache.load('mine', async () => identity());
      await cache.load('theirs', async () => identity(LOCAL_OWNER_ID));
      for (const statement of statements.split('; ')) await sql.query(statement, [userId]);
      // At once: the round trip before serving brings every notification committed before it.
      expect(await cache.get('mine')).toBeUndefined();
      expect(await cache.get('theirs')).toEqual(identity(LOCAL_OWNER_ID));
    },
  );

  it('does not keep an identity whose load overlapped a change', async () => {
    const cache = createIdentityCache(events);
    await cache.load('a', async () => {
      cache.forgetUser(userId); // a revocation lands while the credential is read
      return identity();
    });
    expect(await cache.get('a')).toBeUndefined();
  });

  it('keeps and serves nothing while it cannot hear about changes', async () => {
    const deaf = listenToDatabaseEvents(database.url, pino({ level: 'silent' }));
    await deaf.close();
    const cache = createIdentityCache(deaf);
    await cache.load('a', async () => identity());
    expect(await cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('peeks at what it holds without a round trip, and at nothing while it cannot hear about changes', async () => {
    const cache = createIdentityCache(events);
    await cache.load('a', async () => identity());
    const sync = vi.spyOn(events, 'sync');
    try {
      expect(cache.peek('a')).toEqual(identity());
      expect(cache.peek('b')).toBeUndefined();
      expect(sync).not.toHaveBeenCalled();
    } finally {
      sync.mockRestore();
    }
    const deaf = listenToDatabaseEvents(database.url, pino({ level: 'silent' }));
    await until(() => deaf.listening);
    const deafCache = createIdentityCache(deaf);
    await deafCache.load('a', async () => identity());
    await deaf.close();
    expect(deafCache.peek('a')).toBeUndefined();
  });

  it('holds at most its bound of entries, the oldest out first', async () => {
    const cache = createIdentityCache(events, 3);
    for (const key of ['a', 'b', 'c', 'd']) await cache.load(key, async () => identity());
    expect(cache.size).toBe(3);
    expect(await cache.get('a')).toBeUndefined();
    expect(await cache.get('d')).toEqual(identity());
  });
});
