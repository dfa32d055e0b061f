import { QuotaExceededError } from '@taskoverflow/contracts';
import { describe, expect, it } from 'vitest';
import { createTodosRepository, type StoredTodo } from '../../src/index.js';
import { useTestPrisma } from '../helpers/test-prisma.js';

/**
 * The todos repository's group commit, on a real database: the writes of one
 * owner that arrive together share a statement, and each still gets its own answer.
 */
const db = useTestPrisma();

const newOwner = async (email: string): Promise<string> =>
  (await db.prisma.user.create({ data: { email }, select: { id: true } })).id;
/** How many transactions wrote the owner's todos as they are now. */
const transactionsOf = async (ownerId: string): Promise<number> =>
  (
    await db.pool.query<{ n: number }>(
      'SELECT count(DISTINCT xmin::text)::int AS n FROM todos WHERE owner_id = $1',
      [ownerId],
    )
  ).rows[0]!.n;
const titlesOf = (todos: (StoredTodo | null)[]) => todos.map((todo) => todo?.title);

describe('writes of one owner arriving together', () => {
  it('are created in fewer transactions than todos, each answered with its own todo, ids in order', async () => {
    const ada = await newOwner('ada@example.com');
    const todos = createTodosRepository(db.pool);
    const titles = Array.from({ length: 40 }, (_, i) => `todo ${i}`);
    const created = await Promise.all(titles.map((title) => todos.create(ada, { title }, null)));

    expect(titlesOf(created)).toEqual(titles);
    const ids = created.map((todo) => todo.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(await transactionsOf(ada)).toBeLessThan(titles.length / 2);
    const { todoCount } = await db.prisma.ownerRevision.findUniqueOrThrow({
      where: { ownerId: ada },
    });
    expect(todoCount).toBe(titles.length);
  });

  it('stop at the quota: the first ones are created, the rest refused', async () => {
    const bob = await newOwner('bob@example.com');
    const todos = createTodosRepository(db.pool);
    for (const title of ['a', 'b', 'c', 'd', 'e', 'f']) await todos.create(bob, { title }, 10);

    const settled = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => todos.create(bob, { title: `more ${i}` }, 10)),
    );
    expect(settled.map((result) => result.status)).toEqual([
      ...Array(4).fill('fulfilled'),
      ...Array(4).fill('rejected'),
    ]);
    for (const refused of settled.slice(4))
      expect((refused as PromiseRejectedResult).reason).toBeInstanceOf(QuotaExceededError);
    expect(await db.prisma.todo.count({ where: { ownerId: bob } })).toBe(10);
  });

  it('are updated each as asked: the same todo twice in call order, another owner’s not at all', async () => {
    const [cy, dee] = [await newOwner('cy@example.com'), await newOwner('dee@example.com')];
    const todos = createTodosRepository(db.pool);
    const mine = await Promise.all(
      Array.from({ length: 10 }, (_, i) => todos.create(cy, { title: `cy ${i}` }, null)),
    );
    const theirs = await todos.create(dee, { title: 'dee’s' }, null);

    const updated = await Promise.all([
      ...mine.map((todo) => todos.update(cy, todo.id, { completed: true })),
      todos.update(cy, mine[0]!.id, { title: 'first', deadline_at: '2027-01-02' }),
      todos.update(cy, mine[0]!.id, { title: 'second' }),
      todos.update(cy, theirs.id, { title: 'taken' }),
    ]);

    expect(updated.slice(0, 10).every((todo) => todo?.completed)).toBe(true);
    expect(titlesOf(updated.slice(10))).toEqual(['first', 'second', undefined]);
    expect(await todos.get(cy, mine[0]!.id)).toMatchObject({
      title: 'second',
      completed: true,
      deadlineAt: '2027-01-02',
    });
    expect(await todos.get(dee, theirs.id)).toMatchObject({ title: 'dee’s', completed: false });
  });

  it('never deadlock with another process’s batches or single writes on the same todos', async () => {
    const eve = await newOwner('eve@example.com');
    // Two repositories: two API processes, each with batches of its own.
    const [one, other] = [createTodosRepository(db.pool), createTodosRepository(db.pool)];
    const ids = (
      await Promise.all(
        Array.from({ length: 20 }, (_, i) => one.create(eve, { title: `eve ${i}` }, null)),
      )
    ).map((todo) => todo.id);
    const reversed = [...ids].reverse();

    const rounds = Array.from({ length: 5 }, (_, round) => [
      ...ids.map((id) => one.update(eve, id, { description: `one ${round}` })),
      ...reversed.map((id) => other.update(eve, id, { description: `other ${round}` })),
      ...reversed.map((id) =>
        db.pool.query('UPDATE todos SET completed = NOT completed WHERE id = $1', [id]),
      ),
    ]);
    const settled = await Promise.allSettled(rounds.flat());
    expect(settled.filter((result) => result.status === 'rejected')).toEqual([]);
  });

  it('fail alone when one of them is refused by the database', async () => {
    const fay = await newOwner('fay@example.com');
    const todos = createTodosRepository(db.pool);
    const first = todos.create(fay, { title: 'first' }, null);
    // PostgreSQL refuses a NUL in text: that batch fails, and is run again one write at a time.
    const settled = await Promise.allSettled(
      ['before', 'bad\u0000title', 'after'].map((title) => todos.create(fay, { title }, null)),
    );
    await first;
    expect(settled.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await db.prisma.todo.count({ where: { ownerId: fay } })).toBe(3);
  });
});
