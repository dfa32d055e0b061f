import { describe, expect, it } from 'vitest';
import { LOCAL_OWNER_ID } from '../../src/index.js';
import { useTestPrisma } from '../helpers/test-prisma.js';

/** The owner's todo count (for the todo quota), kept exact by the todos' triggers. */
const db = useTestPrisma();

const todoCountOf = async (ownerId: string): Promise<number> =>
  (await db.prisma.ownerRevision.findUniqueOrThrow({ where: { ownerId } })).todoCount;
/** The counts as stored, and as counted from the todos themselves. */
const counts = async (owners: string[]) => ({
  stored: await Promise.all(owners.map(todoCountOf)),
  counted: await Promise.all(owners.map((ownerId) => db.prisma.todo.count({ where: { ownerId } }))),
});

describe('an owner’s todo count', () => {
  it('follows inserts, deletes, a todo given to another owner, and a truncate', async () => {
    const bob = (await db.prisma.user.create({ data: { email: 'bob@example.com' } })).id;
    const owners = [LOCAL_OWNER_ID, bob];
    await db.pool.query(
      `INSERT INTO todos (owner_id, title, updated_at)
       SELECT owner, 'todo', now() FROM unnest($1::uuid[]) AS owner, generate_series(1, 5)`,
      [owners],
    );
    await db.prisma.todo.create({ data: { ownerId: bob, title: 'one more' } });
    expect(await counts(owners)).toEqual({ stored: [5, 6], counted: [5, 6] });

    await db.pool.query(
      `DELETE FROM todos WHERE id IN (SELECT id FROM todos WHERE owner_id = $1 LIMIT 2)`,
      [LOCAL_OWNER_ID],
    );
    // Two of Bob's given to the local owner, and an edit in the same statement.
    await db.pool.query(
      `UPDATE todos SET owner_id = CASE WHEN id IN (SELECT id FROM todos WHERE owner_id = $1 LIMIT 2)
                                        THEN $2::uuid ELSE owner_id END, completed = true`,
      [bob, LOCAL_OWNER_ID],
    );
    expect(await counts(owners)).toEqual({ stored: [5, 4], counted: [5, 4] });

    await db.pool.query('TRUNCATE todos');
    expect(await counts(owners)).toEqual({ stored: [0, 0], counted: [0, 0] });
  });
});
