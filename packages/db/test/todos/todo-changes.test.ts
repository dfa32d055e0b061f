import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { LOCAL_OWNER_ID, todoChangesSince } from '../../src/index.js';
import { transferTodos } from '../../src/todos/todos-repository.js';
import { useTestPrisma } from '../helpers/test-prisma.js';

/**
 * Per-owner change tracking: each todo written moves its owner's revision on
 * once and takes it, and each todo an owner loses leaves a tombstone at the
 * owner's new revision; todoChangesSince reads it back.
 */
const db = useTestPrisma();

let users = 0;
const newOwner = async (): Promise<string> =>
  (await db.prisma.user.create({ data: { email: `owner-${++users}@example.com` } })).id;
const revisionOf = async (ownerId: string): Promise<bigint> =>
  (await db.prisma.ownerRevision.findUniqueOrThrow({ where: { ownerId } })).revision;
const revisionsOf = (owners: string[]) => Promise.all(owners.map(revisionOf));
const addTodos = async (ownerId: string, count: number): Promise<number[]> =>
  (
    await db.prisma.todo.createManyAndReturn({
      data: Array.from({ length: count }, (_, n) => ({ ownerId, title: `todo ${n}` })),
      select: { id: true },
    })
  ).map(({ id }) => id);
const changesSince = (ownerId: string, since: bigint) => todoChangesSince(db.pool, ownerId, since);

describe('an owner’s revision', () => {
  it('starts at 0 for a new user', async () => {
    expect(await revisionOf(await newOwner())).toBe(0n);
  });

  it('moves once per todo written, for the todo’s owner only', async () => {
    const [ada, bob, cid] = [await newOwner(), await newOwner(), await newOwner()];
    const before = await revisionsOf([ada, bob, cid]);
    await db.pool.query(
      `INSERT INTO todos (owner_id, title, updated_at)
       SELECT owner, 'todo', now() FROM unnest($1::uuid[]) AS owner, generate_series(1, 3)`,
      [[ada, bob]],
    );
    expect(await revisionsOf([ada, bob, cid])).toEqual([
      before[0]! + 3n,
      before[1]! + 3n,
      before[2],
    ]);
    await db.pool.query(`UPDATE todos SET completed = true WHERE owner_id = ANY($1::uuid[])`, [
      [ada, bob],
    ]);
    await db.pool.query(`DELETE FROM todos WHERE owner_id = $1`, [bob]);
    expect(await revisionsOf([ada, bob, cid])).toEqual([
      before[0]! + 6n,
      before[1]! + 9n,
      before[2],
    ]);
  });

  it('stamps each todo written with the revision its write moved its owner to', async () => {
    const ada = await newOwner();
    const [first, second] = await addTodos(ada, 2);
    const created = await revisionOf(ada);
    await db.prisma.todo.update({ where: { id: second! }, data: { title: 'edited' } });
    const todos = await db.prisma.todo.findMany({
      where: { ownerId: ada },
      orderBy: { id: 'asc' },
    });
    // One statement wrote both: each todo has a revision of its own.
    expect(todos.map(({ id, revision }) => ({ id, revision }))).toEqual([
      { id: first, revision: created - 1n },
      { id: second, revision: created + 1n },
    ]);
    expect(await revisionOf(ada)).toBe(created + 1n);
  });

  it('keeps a todo’s revision through an update that changes nothing', async () => {
    const ada = await newOwner();
    const todo = await db.prisma.todo.create({ data: { ownerId: ada, title: 'a' } });
    await db.prisma.todo.update({ where: { id: todo.id }, data: { title: 'a', revision: 99n } });
    expect((await changesSince(ada, todo.revision))!.changed).toEqual([]);
    expect(await revisionOf(ada)).toBe(todo.revision);
  });

  it('ignores what a writer gives as the revision', async () => {
    const ada = await newOwner();
    const todo = await db.prisma.todo.create({ data: { ownerId: ada, title: 'a', revision: 99n } });
    expect(todo.revision).toBe(await revisionOf(ada));
  });

  it('moves when the owner’s time zone changes, and only then', async () => {
    const [ada, bob] = [await newOwner(), await newOwner()];
    const before = await revisionsOf([ada, bob]);
    const setZone = (timeZone: string) =>
      db.prisma.user.update({ where: { id: ada }, data: { timeZone } });
    await setZone('Europe/Berlin');
    await setZone('Europe/Berlin');
    expect(await revisionsOf([ada, bob])).toEqual([before[0]! + 1n, before[1]]);
  });
});

describe('what changed since a revision', () => {
  it('lists the todos inserted or updated since, and those deleted since', async () => {
    const ada = await newOwner();
    const [kept, edited, deleted] = await addTodos(ada, 3);
    const since = await revisionOf(ada);
    expect(await changesSince(ada, since)).toEqual({ revision: since, changed: [], deleted: [] });

    await db.prisma.todo.update({ where: { id: edited! }, data: { completed: true } });
    await db.prisma.todo.delete({ where: { id: deleted! } });
    const [added] = await addTodos(ada, 1);
    expect(await changesSince(ada, since)).toEqual({
      revision: since + 3n,
      changed: [edited, added],
      deleted: [deleted],
    });
    expect(await changesSince(ada, since + 2n)).toEqual({
      revision: since + 3n,
      changed: [added],
      deleted: [],
    });
    expect((await changesSince(ada, 0n))!.changed).toEqual([kept, edited, added]);
  });

  it('is each owner’s own: a todo given to another owner is deleted for one and changed for the other', async () => {
    const [ada, bob] = [await newOwner(), await newOwner()];
    const [todo] = await addTodos(ada, 1);
    const [adaSince, bobSince] = await revisionsOf([ada, bob]);
    await db.pool.query(`UPDATE todos SET owner_id = $1 WHERE id = $2`, [bob, todo]);
    expect(await changesSince(ada, adaSince!)).toMatchObject({ changed: [], deleted: [todo] });
    expect(await changesSince(bob, bobSince!)).toMatchObject({ changed: [todo], deleted: [] });

    // Given back: the todo is the owner's again, so it changed, and is not deleted.
    await db.pool.query(`UPDATE todos SET owner_id = $1 WHERE id = $2`, [ada, todo]);
    expect(await changesSince(ada, adaSince!)).toMatchObject({ changed: [todo], deleted: [] });
    expect(await changesSince(bob, bobSince!)).toMatchObject({ changed: [], deleted: [todo] });
  });

  it('is exact at every revision a statement of several todos moved through', async () => {
    const [ada, bob] = [await newOwner(), await newOwner()];
    const ids = await addTodos(ada, 3);
    const since = await revisionOf(ada);
    await db.pool.query(`UPDATE todos SET owner_id = $1 WHERE id = ANY($2::int[])`, [bob, ids]);
    const deletedSince = await Promise.all(
      [0n, 1n, 2n, 3n].map(async (n) => (await changesSince(ada, since + n))!.deleted),
    );
    expect(deletedSince).toEqual([ids, ids.slice(1), ids.slice(2), []]);
  });

  it('gives all of an owner’s todos to another as one change of each, edits of neither', async () => {
    const [ada, bob] = [await newOwner(), await newOwner()];
    const ids = await addTodos(ada, 3);
    const before = await db.prisma.todo.findMany({
      where: { ownerId: ada },
      orderBy: { id: 'asc' },
    });
    const [adaSince, bobSince] = await revisionsOf([ada, bob]);
    const given = await db.prisma.$transaction((tx) => transferTodos(tx, ada, bob));
    expect(given).toBe(3);
    expect(await changesSince(ada, adaSince!)).toEqual({
      revision: adaSince! + 1n,
      changed: [],
      deleted: ids,
    });
    expect(await changesSince(bob, bobSince!)).toEqual({
      revision: bobSince! + 1n,
      changed: ids,
      deleted: [],
    });
    const after = await db.prisma.todo.findMany({
      where: { ownerId: bob },
      orderBy: { id: 'asc' },
    });
    expect(after.map(({ sequence, updatedAt }) => ({ sequence, updatedAt }))).toEqual(
      before.map(({ sequence, updatedAt }) => ({ sequence, updatedAt })),
    );
    expect(after.map(({ revision }) => revision)).toEqual(ids.map(() => bobSince! + 1n));
    const counts = await db.prisma.ownerRevision.findMany({
      where: { ownerId: { in: [ada, bob] } },
      select: { ownerId: true, todoCount: true },
    });
    expect(counts).toEqual(
      expect.arrayContaining([
        { ownerId: ada, todoCount: 0 },
        { ownerId: bob, todoCount: 3 },
      ]),
    );
    // Nothing of the transfer outlives it: the next write of the todos is tracked again.
    await db.prisma.todo.update({ where: { id: ids[0]! }, data: { title: 'edited' } });
    expect(await revisionOf(bob)).toBe(bobSince! + 2n);
  });

  it('leaves no tombstone of the todos of a deleted owner', async () => {
    const ada = await newOwner();
    await addTodos(ada, 3);
    await db.prisma.user.delete({ where: { id: ada } });
    expect(await db.prisma.todo.count({ where: { ownerId: ada } })).toBe(0);
    expect(await db.prisma.todoTombstone.count({ where: { ownerId: ada } })).toBe(0);
  });

  it('counts every todo that TRUNCATE removes as deleted', async () => {
    const ada = await newOwner();
    const ids = await addTodos(ada, 2);
    const local = await addTodos(LOCAL_OWNER_ID, 1);
    const [adaSince, localSince] = await revisionsOf([ada, LOCAL_OWNER_ID]);
    await db.pool.query('TRUNCATE todos');
    expect(await changesSince(ada, adaSince!)).toEqual({
      revision: adaSince! + 1n,
      changed: [],
      deleted: ids,
    });
    expect(await changesSince(LOCAL_OWNER_ID, localSince!)).toMatchObject({ deleted: local });
  });

  it('is null for an owner that does not exist', async () => {
    expect(await changesSince('00000000-0000-0000-0000-00000000abcd', 0n)).toBeNull();
  });

  it('is read from indexes, however many todos and tombstones there are', async () => {
    const ada = await newOwner();
    await addTodos(ada, 10);
    const client = await db.pool.connect();
    try {
      // Tables this small are cheaper to scan: forbidding that shows which indexes serve the query.
      await client.query('SET enable_seqscan = off');
      let plan = '';
      const explaining = {
        async query({ text, values }: { text: string; values: unknown[] }) {
          const explained = await client.query<{ 'QUERY PLAN': string }>({
            text: `EXPLAIN ${text}`,
            values,
          });
          plan = explained.rows.map((row) => row['QUERY PLAN']).join('\n');
          return { rows: [] };
        },
      } as unknown as pg.PoolClient;
      await todoChangesSince(explaining, ada, 5n);
      expect(plan).not.toMatch(/Seq Scan/);
      expect(plan).toMatch(/todos_owner_id_revision_idx/);
      expect(plan).toMatch(/todo_tombstones_pkey/);
    } finally {
      client.release(true);
    }
  });
});
