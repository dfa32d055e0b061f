import { LOCAL_OWNER_ID, createCalendarExport, type TodoSelection } from '@taskoverflow/db';
import { describe, expect, it } from 'vitest';
import {
  parseCalendar,
  seedTodos,
  uidOf,
  useWorkerTestContext,
  waitFor,
} from './helpers/worker-test-kit.js';

const ctx = useWorkerTestContext();
const EXPORTS = 50;

describe('many exports at once', () => {
  it('completes 50 concurrent exports over two workers, each with exactly its own selection', async () => {
    const todos = await seedTodos(
      ctx.prisma,
      Array.from({ length: 120 }, (_, index) => ({
        completed: index % 2 === 0,
        deadlineAt: index % 5 === 0 ? null : new Date(Date.UTC(2026, 2, 1 + (index % 28), 9)),
      })),
    );
    const selections: TodoSelection[] = [{}, { completed: true }, { completed: false }];
    // Expected independently of the worker's query: the same filter, in plain code.
    const expectedUids = (selection: TodoSelection) =>
      todos
        .filter(
          (todo) =>
            todo.deadlineAt !== null &&
            (selection.completed === undefined || todo.completed === selection.completed),
        )
        .map((todo) => uidOf(todo.id));

    // All queued before the workers start, so that they run side by side.
    const created = [];
    for (let index = 0; index < EXPORTS; index++) {
      created.push(
        await createCalendarExport(ctx.prisma, {
          ownerId: LOCAL_OWNER_ID,
          selection: selections[index % selections.length]!,
          maxAttempts: 3,
        }),
      );
    }
    await Promise.all([
      ctx.startWorker({ WORKER_CONCURRENCY: '8' }),
      ctx.startWorker({ WORKER_CONCURRENCY: '8' }),
    ]);

    const ids = created.map(({ id }) => id);
    await waitFor(
      async () =>
        (await ctx.prisma.calendarExport.count({
          where: { id: { in: ids }, status: 'SUCCESS' },
        })) === EXPORTS,
      { timeoutMs: 30_000, what: 'every export to succeed' },
    );
    const finished = await ctx.prisma.calendarExport.findMany({ where: { id: { in: ids } } });
    for (const [index, { id }] of created.entries()) {
      const stored = finished.find((found) => found.id === id)!;
      const selection = selections[index % selections.length]!;
      expect({ id, uids: parseCalendar(stored).events.map((event) => event.uid) }).toEqual({
        id,
        uids: expectedUids(selection),
      });
      expect(stored.attempts).toBe(1);
    }
  });
});
