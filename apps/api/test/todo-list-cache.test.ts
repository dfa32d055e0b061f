import { createTestDatabase, type TestDatabase } from '@taskoverflow/db/testing';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenToDatabaseEvents, type DatabaseEvents } from '@taskoverflow/db';
import {
  CACHE_ENTRY_MAX_BYTES,
  CACHE_MAX_BYTES,
  createTodoListCache,
} from '../src/routes/todos/todo-list-cache.js';
import { until } from './helpers/until.js';

const OWNER = 'owner-a';
const OTHER_OWNER = 'owner-b';

let database: TestDatabase;
let events: DatabaseEvents;
let otherProcessEvents: DatabaseEvents;

beforeAll(async () => {
  database = await createTestDatabase();
  events = listenToDatabaseEvents(database.url, pino({ level: 'silent' }));
  otherProcessEvents = listenToDatabaseEvents(database.url, pino({ level: 'silent' }));
  await until(() => events.listening && otherProcessEvents.listening, {
    timeout: 5_000,
    interval: 10,
  });
});
afterAll(async () => {
  await otherProcessEvents.close();
  await events.close();
  await database.drop();
});

/** A loader that counts its calls and answers with the call number. */
function countingLoader() {
  let calls = 0;
  const load = async () => ({ body: String(++calls), total: calls });
  return { load, calls: () => calls };
}

describe('the todo list cache', () => {
  it('serves a list again until the todos change, then loads it anew', async () => {
    const cache = createTodoListCache(events);
    const loader = countingLoader();
    expect((await cache.getOrLoad(OWNER, 'all', 60_000, loader.load)).body).toBe('1');
    expect((await cache.getOrLoad(OWNER, 'all', 60_000, loader.load)).body).toBe('1');

    await cache.changed(OWNER);
    expect((await cache.getOrLoad(OWNER, 'all', 60_000, loader.load)).body).toBe('2');
  });

  it('drops its lists when another API process writes todos, before its next read (PostgreSQL notification)', async () => {
    const cache = createTodoListCache(events);
    const otherProcessCache = createTodoListCache(otherProcessEvents);
    const loader = countingLoader();
    await cache.getOrLoad(OWNER, 'all', 60_000, loader.load);

    // Once the writer's change() settles (it answers its client then), the very next read is fresh.
    await otherProcessCache.changed(OWNER);
    expect((await cache.getOrLoad(OWNER, 'all', 60_000, loader.load)).body).toBe('2');
  });

  it('keeps each owner’s lists apart, and a change of one owner’s todos drops only theirs', async () => {
    const cache = createTodoListCache(events);
    const otherProcessCache = createTodoListCache(otherProcessEvents);
    const mine = countingLoader();
    const theirs = countingLoader();
    await cache.getOrLoad(OWNER, 'all', 60_000, mine.load);
    // The same list of another owner is another list.
    await cache.getOrLoad(OTHER_OWNER, 'all', 60_000, theirs.load);
    expect([mine.calls(), theirs.calls()]).toEqual([1, 1]);

    // Told by another process that OWNER's todos changed: OWNER's list is loaded again, not the other's.
    await otherProcessCache.changed(OWNER);
    await cache.getOrLoad(OWNER, 'all', 60_000, mine.load);
    expect(mine.calls()).toBe(2);
    await cache.getOrLoad(OTHER_OWNER, 'all', 60_000, theirs.load);
    expect(theirs.calls()).toBe(1);

    // Changed in this process: at once.
    const mineBefore = mine.calls();
    await cache.changed(OTHER_OWNER);
    await cache.getOrLoad(OTHER_OWNER, 'all', 60_000, theirs.load);
    await cache.getOrLoad(OWNER, 'all', 60_000, mine.load);
    expect([mine.calls(), theirs.calls()]).toEqual([mineBefore, 2]);
  });

  it('does not keep a list whose load overlapped a change', async () => {
    const cache = createTodoListCache(events);
    const loader = countingLoader();
    await cache.getOrLoad(OWNER, 'all', 60_000, async () => {
      void cache.changed(OWNER); // a write lands while the list is being read
      return loader.load();
    });
    expect((await cache.getOrLoad(OWNER, 'all', 60_000, loader.load)).body).toBe('2');
  });

  it('expires lists after their time to live', async () => {
    const cache = createTodoListCache(events);
    const loader = countingLoader();
    await cache.getOrLoad(OWNER, 'window', 50, loader.load);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect((await cache.getOrLoad(OWNER, 'window', 50, loader.load)).body).toBe('2');
  });

  it('keeps nothing while it cannot hear about changes', async () => {
    const deaf = listenToDatabaseEvents(database.url, pino({ level: 'silent' }));
    await deaf.close();
    const cache = createTodoListCache(deaf);
    const loader = countingLoader();
    await cache.getOrLoad(OWNER, 'all', 60_000, loader.load);
    expect((await cache.getOrLoad(OWNER, 'all', 60_000, loader.load)).body).toBe('2');
  });

  it('holds at most its bound of bytes, dropping the oldest lists first, and never one list too large', async () => {
    const cache = createTodoListCache(events);
    const body = 'x'.repeat(CACHE_ENTRY_MAX_BYTES / 2 / 2); // a quarter of the largest entry, in UTF-16
    const loader = countingLoader();
    for (let offset = 0; offset < 200; offset++) {
      await cache.getOrLoad(OWNER, `page ${offset}`, 60_000, async () => ({ body, total: 1 }));
      expect(cache.bytes).toBeLessThanOrEqual(CACHE_MAX_BYTES);
    }
    expect(cache.bytes).toBeGreaterThan(CACHE_MAX_BYTES / 2);
    // The newest list is still there, the first ones are gone.
    await cache.getOrLoad(OWNER, 'page 199', 60_000, loader.load);
    expect(loader.calls()).toBe(0);
    await cache.getOrLoad(OWNER, 'page 0', 60_000, loader.load);
    expect(loader.calls()).toBe(1);

    const before = cache.bytes;
    const huge = 'x'.repeat(CACHE_ENTRY_MAX_BYTES);
    await cache.getOrLoad(OWNER, 'huge', 60_000, async () => ({ body: huge, total: 1 }));
    expect(cache.bytes).toBe(before);
  });
});
