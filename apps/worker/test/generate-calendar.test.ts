import { createHash } from 'node:crypto';
import { floatingWallClock, formatFloatingDateTime } from '@taskoverflow/contracts';
import { LOCAL_OWNER_ID } from '@taskoverflow/db';
import { describe, expect, it } from 'vitest';
import {
  calendarText,
  findExport,
  gate,
  parseCalendar,
  queueExport,
  seedManyTodos,
  seedTodos,
  uidOf,
  useWorkerTestContext,
  waitFor,
  waitForJobGone,
  waitForStatus,
  wrappedBuilder,
} from './helpers/worker-test-kit.js';

const ctx = useWorkerTestContext();
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** A deadline `days` from now on the wall clock, as the database stores it. */
const inDays = (days: number) => new Date(floatingWallClock(new Date()).getTime() + days * DAY_MS);

describe('generate-calendar', () => {
  it('takes an export PENDING → STARTED → SUCCESS and stores exactly the selected todos as iCalendar', async () => {
    const todos = await seedTodos(ctx.prisma, [
      {
        title: 'Pay rent, then; relax \\ done',
        description: 'line one\nline two',
        deadlineAt: new Date('2026-03-01T14:00:00Z'),
      },
      { title: 'No deadline' },
      { title: 'Café ☕ at noon', deadlineAt: new Date('2026-03-02T12:00:00Z') },
    ]);
    const created = await queueExport(ctx.pool, { selection: {}, maxAttempts: 3 });
    expect(created).toMatchObject({ status: 'PENDING', attempts: 0, startedAt: null });

    // The builder waits for the test, so that STARTED can be seen.
    const held = gate();
    await ctx.startWorker(
      {},
      {
        createCalendarBuilder: wrappedBuilder(async (batch, real) => {
          await held.opened;
          real.add(batch);
        }),
      },
    );
    const started = await waitForStatus(ctx.prisma, created.id, 'STARTED');
    expect(started).toMatchObject({ attempts: 1, finishedAt: null, content: null });
    expect(started.startedAt).toBeInstanceOf(Date);

    held.open();
    const done = await waitForStatus(ctx.prisma, created.id, 'SUCCESS');
    expect(done).toMatchObject({
      attempts: 1,
      todoCount: 3,
      eventCount: 2,
      progress: 1,
      lastError: null,
    });
    // Stored compressed; its size and hash (the ETag) are the text's.
    expect(done.contentEncoding).toBe('gzip');
    const text = calendarText(done);
    expect(done.sizeBytes).toBe(text.byteLength);
    expect(done.contentSha256).toBe(createHash('sha256').update(text).digest('hex'));
    expect(done.expiresAt!.getTime() - done.finishedAt!.getTime()).toBe(24 * HOUR_MS);

    const { calendar, events } = parseCalendar(done);
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(events).toEqual([
      {
        uid: uidOf(todos[0]!.id),
        summary: 'Pay rent, then; relax \\ done',
        description: 'line one\nline two',
        start: '2026-03-01T14:00:00',
      },
      {
        uid: uidOf(todos[2]!.id),
        summary: 'Café ☕ at noon',
        description: null,
        start: '2026-03-02T12:00:00',
      },
    ]);
    // Every line the worker wrote about the export names it.
    // 'export ready' is written just after the SUCCESS it reports.
    const aboutExport = await waitFor(() => {
      const lines = ctx.logs.filter(
        (line) => line.msg === 'export started' || line.msg === 'export ready',
      );
      return lines.length === 2 && lines;
    });
    expect(aboutExport.every((line) => line.exportId === created.id)).toBe(true);
    await waitForJobGone(ctx.prisma, created.id);
  });

  it('exports only the todos of the export’s owner', async () => {
    const [other] = await ctx.prisma.$queryRaw<{ id: string }[]>`
      INSERT INTO users (email) VALUES (${`someone-${Date.now()}@example.com`}) RETURNING id::text`;
    const [mine, theirs] = await seedTodos(ctx.prisma, [
      { title: 'the local owner’s', deadlineAt: inDays(1) },
      { title: 'someone else’s', deadlineAt: inDays(1), ownerId: other!.id },
    ]);
    const [forMe, forThem] = await Promise.all(
      [LOCAL_OWNER_ID, other!.id].map((ownerId) =>
        queueExport(ctx.pool, { ownerId, selection: {}, maxAttempts: 3 }),
      ),
    );
    await ctx.startWorker();
    for (const [created, todo] of [
      [forMe!, mine!],
      [forThem!, theirs!],
    ] as const) {
      const done = await waitForStatus(ctx.prisma, created.id, 'SUCCESS');
      expect(done.todoCount).toBe(1);
      expect(parseCalendar(done).events.map((event) => event.uid)).toEqual([uidOf(todo.id)]);
    }
  });

  it('exports only the todos its selection asks for (completed, deadline window)', async () => {
    const todos = await seedTodos(ctx.prisma, [
      { title: 'open, overdue', deadlineAt: inDays(-3) },
      { title: 'open, in 3 days', deadlineAt: inDays(3) },
      { title: 'open, in 30 days', deadlineAt: inDays(30) },
      { title: 'open, no deadline' },
      { title: 'done, in 2 days', completed: true, deadlineAt: inDays(2) },
      { title: 'done, in 60 days', completed: true, deadlineAt: inDays(60) },
    ]);
    const idsOf = (...indexes: number[]) => indexes.map((index) => uidOf(todos[index]!.id));
    const cases = [
      { selection: {}, todoCount: 6, uids: idsOf(0, 1, 2, 4, 5) },
      { selection: { completed: true }, todoCount: 2, uids: idsOf(4, 5) },
      { selection: { completed: false }, todoCount: 4, uids: idsOf(0, 1, 2) },
      { selection: { window: 7 }, todoCount: 3, uids: idsOf(0, 1, 4) },
      { selection: { completed: false, window: 7 }, todoCount: 2, uids: idsOf(0, 1) },
      { selection: { window: 0 }, todoCount: 1, uids: idsOf(0) },
    ];
    const created = await Promise.all(
      cases.map(({ selection }) => queueExport(ctx.pool, { selection, maxAttempts: 3 })),
    );
    await ctx.startWorker();
    for (const [index, { todoCount, uids }] of cases.entries()) {
      const done = await waitForStatus(ctx.prisma, created[index]!.id, 'SUCCESS');
      expect({ selection: cases[index]!.selection, todoCount: done.todoCount }).toEqual({
        selection: cases[index]!.selection,
        todoCount,
      });
      expect(parseCalendar(done).events.map((event) => event.uid)).toEqual(uids);
    }
  });

  it('reads a large selection in batches, records progress on the way, and writes every todo in id order', async () => {
    await seedManyTodos(ctx.prisma, 3_000);
    const created = await queueExport(ctx.pool, { selection: {}, maxAttempts: 3 });
    // Hold the export when the third batch arrives: two full batches have been read and recorded.
    const third = gate();
    const batchSizes: number[] = [];
    await ctx.startWorker(
      { EXPORT_BATCH_SIZE: '250' },
      {
        createCalendarBuilder: wrappedBuilder(async (batch, real, call) => {
          batchSizes.push(batch.length);
          if (call === 3) await third.opened;
          real.add(batch);
        }),
      },
    );
    const midway = await waitFor(
      async () => {
        const found = await findExport(ctx.prisma, created.id);
        return found.todoCount === 500 && found;
      },
      { what: 'two batches to be recorded' },
    );
    expect(midway.status).toBe('STARTED');
    expect(midway.progress).toBeCloseTo(500 / 3_000, 5);

    third.open();
    const done = await waitForStatus(ctx.prisma, created.id, 'SUCCESS');
    expect(done).toMatchObject({ todoCount: 3_000, eventCount: 2_700, progress: 1 });
    expect(batchSizes).toEqual(Array(12).fill(250));
    const withDeadline = await ctx.prisma.todo.findMany({
      where: { deadlineAt: { not: null } },
      orderBy: { id: 'asc' },
    });
    const { events } = parseCalendar(done);
    expect(events.map(({ uid, start }) => ({ uid, start }))).toEqual(
      withDeadline.map((todo) => ({
        uid: uidOf(todo.id),
        start: formatFloatingDateTime(todo.deadlineAt!),
      })),
    );
  });

  it('fails an export that selects more than EXPORT_MAX_TODOS at once, saying why, without retries', async () => {
    await seedManyTodos(ctx.prisma, 1_200);
    const tooLarge = await queueExport(ctx.pool, { selection: {}, maxAttempts: 5 });
    const narrowed = await queueExport(ctx.pool, {
      selection: { completed: true },
      maxAttempts: 5,
    });
    await ctx.startWorker({ EXPORT_MAX_TODOS: '1000', EXPORT_BATCH_SIZE: '300' });

    const failed = await waitForStatus(ctx.prisma, tooLarge.id, 'FAILURE');
    expect(failed).toMatchObject({ attempts: 1, content: null });
    expect(failed.lastError).toMatch(
      /selects 1200 todos, more than the 1000 one calendar may hold \(EXPORT_MAX_TODOS\)/,
    );
    await waitForJobGone(ctx.prisma, tooLarge.id);
    const done = await waitForStatus(ctx.prisma, narrowed.id, 'SUCCESS');
    expect(done.todoCount).toBe(await ctx.prisma.todo.count({ where: { completed: true } }));
  });

  it('drops a job whose payload is invalid, changing no data, and does nothing for an unknown export', async () => {
    await seedTodos(ctx.prisma, [
      { title: 'Keep me', deadlineAt: new Date('2026-03-01T14:00:00Z') },
    ]);
    // An export with no job of its own: only the malformed jobs below could touch it.
    const bystander = await ctx.prisma.calendarExport.create({ data: { maxAttempts: 3 } });
    const before = await ctx.prisma.calendarExport.findMany();
    const payloads = [
      { exportId: bystander.id, extra: true },
      { exportId: 'not-a-uuid' },
      { exportId: 42 },
      [bystander.id],
    ];
    for (const payload of payloads) {
      await ctx.prisma
        .$executeRaw`SELECT graphile_worker.add_job('generate-calendar', ${JSON.stringify(payload)}::json, max_attempts := 5)`;
    }
    const unknown = '4f0c5a3e-6f1d-4b8e-9a57-2f8f2d1c9b10';
    await ctx.prisma
      .$executeRaw`SELECT graphile_worker.add_job('generate-calendar', ${JSON.stringify({ exportId: unknown })}::json, job_key := ${unknown})`;

    await ctx.startWorker();
    // Dropped, not retried: the queue holds none of them.
    await waitFor(
      async () => {
        const [{ count }] = await ctx.prisma.$queryRaw<[{ count: bigint }]>`
        SELECT count(*) FROM graphile_worker.jobs WHERE task_identifier = 'generate-calendar'`;
        return count === 0n;
      },
      { what: 'the jobs to be consumed' },
    );
    expect(await ctx.prisma.calendarExport.findMany()).toEqual(before);
    const rejections = ctx.logs.filter((line) =>
      line.msg.startsWith('rejected a generate-calendar job'),
    );
    expect(rejections).toHaveLength(payloads.length);
    expect(rejections.every((line) => line.level === 50 && Array.isArray(line.errors))).toBe(true);
    expect(ctx.logs).toContainEqual(
      expect.objectContaining({
        exportId: unknown,
        msg: 'no unfinished export with this id: nothing to do',
      }),
    );
  });
});
