import { createOwnerRevisions, type OwnerRevisions } from '@taskoverflow/db';
import { createTestDatabaseClients, type TestDatabaseClients } from '@taskoverflow/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CACHE_ENTRY_MAX_BYTES,
  CACHE_MAX_BYTES,
  createTodoListCache,
} from '../src/routes/todos/todo-list-cache.js';

let clients: TestDatabaseClients;
let revisions: OwnerRevisions;
let owner: string;
let otherOwner: string;

async function newUser(email: string): Promise<string> {
  const { rows } = await clients.pool.query<{ id: string }>(
    'INSERT INTO users (email) VALUES ($1) RETURNING id::text',
    [email],
  );
  return rows[0]!.id;
}

/** A todo write as any process, or a person at psql, would make it: nobody tells the cache. */
async function addTodo(ownerId: string): Promise<void> {
  await clients.pool.query(
    `INSERT INTO todos (owner_id, title, updated_at) VALUES ($1, 'a todo', now())`,
    [ownerId],
  );
}

beforeAll(async () => {
  clients = await createTestDatabaseClients();
  revisions = createOwnerRevisions(clients.pool);
  owner = await newUser('a@example.com');
  otherOwner = await newUser('b@example.com');
});
afterAll(() => clients.close());

/** A loader that counts its calls and answers with the call number. */
function countingLoader() {
  let calls = 0;
  const load = async () => ({ body: String(++calls), total: calls });
  return { load, calls: () => calls };
}

describe('the todo list cache', () => {
  it('serves a list again until the owner’s todos change, whoever changed them, then loads it anew', async () => {
    const cache = createTodoListCache(revisions);
    const loader = countingLoader();
    expect((await cache.getOrLoad(owner, 'all', 60_000, loader.load)).body).toBe('1');
    expect((await cache.getOrLoad(owner, 'all', 60_000, loader.load)).body).toBe('1');

    // Committed by another connection (another API process, or psql): the very next read is fresh.
    await addTodo(owner);
    expect((await cache.getOrLoad(owner, 'all', 60_000, loader.load)).body).toBe('2');
  });

  it('keeps each owner’s lists apart, and a change of one owner’s todos reloads only theirs', async () => {
    const cache = createTodoListCache(revisions);
    const mine = countingLoader();
    const theirs = countingLoader();
    await cache.getOrLoad(owner, 'all', 60_000, mine.load);
    // The same list of another owner is another list.
    await cache.getOrLoad(otherOwner, 'all', 60_000, theirs.load);
    expect([mine.calls(), theirs.calls()]).toEqual([1, 1]);

    await addTodo(owner);
    await cache.getOrLoad(owner, 'all', 60_000, mine.load);
    await cache.getOrLoad(otherOwner, 'all', 60_000, theirs.load);
    expect([mine.calls(), theirs.calls()]).toEqual([2, 1]);
  });

  it('keeps a list whose load overlapped a change only until the next read', async () => {
    const cache = createTodoListCache(revisions);
    const loader = countingLoader();
    await cache.getOrLoad(owner, 'all', 60_000, async () => {
      await addTodo(owner); // a write lands while the list is being read
      return loader.load();
    });
    expect((await cache.getOrLoad(owner, 'all', 60_000, loader.load)).body).toBe('2');
  });

  it('shares one revision query among the reads waiting at once', async () => {
    // The real pool, counting the statements it is given.
    let statements = 0;
    const counted = new Proxy(clients.pool, {
      get: (pool, property) =>
        property === 'query'
          ? (...args: Parameters<typeof pool.query>) => (statements++, pool.query(...args))
          : Reflect.get(pool, property),
    });
    const cache = createTodoListCache(createOwnerRevisions(counted));
    const loader = countingLoader();
    await cache.getOrLoad(owner, 'all', 60_000, loader.load);
    const before = statements;
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => cache.getOrLoad(owner, 'all', 60_000, loader.load)),
    );
    expect(answers.every((answer) => answer.body === '1')).toBe(true);
    expect(statements - before).toBe(1);
  });

  it('expires lists after their time to live', async () => {
    const cache = createTodoListCache(revisions);
    const loader = countingLoader();
    await cache.getOrLoad(owner, 'window', 50, loader.load);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect((await cache.getOrLoad(owner, 'window', 50, loader.load)).body).toBe('2');
  });

  it('keeps nothing for an owner who does not exist', async () => {
    const cache = createTodoListCache(revisions);
    const loader = countingLoader();
    const nobody = '00000000-0000-4000-8000-00000000dead';
    await cache.getOrLoad(nobody, 'all', 60_000, loader.load);
    expect((await cache.getOrLoad(nobody, 'all', 60_000, loader.load)).body).toBe('2');
  });

  it('holds at most its bound of bytes, dropping the oldest lists first, and never one list too large', async () => {
    const cache = createTodoListCache(revisions);
    const body = 'x'.repeat(CACHE_ENTRY_MAX_BYTES / 2 / 2); // a quarter of the largest entry, in UTF-16
    const loader = countingLoader();
    for (let offset = 0; offset < 200; offset++) {
      await cache.getOrLoad(owner, `page ${offset}`, 60_000, async () => ({ body, total: 1 }));
      expect(cache.bytes).toBeLessThanOrEqual(CACHE_MAX_BYTES);
    }
    expect(cache.bytes).toBeGreaterThan(CACHE_MAX_BYTES / 2);
    // The newest list is still there, the first ones are gone.
    await cache.getOrLoad(owner, 'page 199', 60_000, loader.load);
    expect(loader.calls()).toBe(0);
    await cache.getOrLoad(owner, 'page 0', 60_000, loader.load);
    expect(loader.calls()).toBe(1);

    const before = cache.bytes;
    const huge = 'x'.repeat(CACHE_ENTRY_MAX_BYTES);
    await cache.getOrLoad(owner, 'huge', 60_000, async () => ({ body: huge, total: 1 }));
    expect(cache.bytes).toBe(before);
  });
});
