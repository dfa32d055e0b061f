import type { CalendarTodo } from '@taskoverflow/calendar';
import {
  FINAL_EXPORT_STATUSES,
  GENERATE_CALENDAR_TASK,
  formatFloatingDateTime,
} from '@taskoverflow/contracts';
import { todoSelectionWhere, type PrismaClient, type TodoSelection } from '@taskoverflow/db';

/** A finished calendar, as stored with its export. */
export interface StoredCalendar {
  content: Uint8Array<ArrayBuffer>;
  contentSha256: string;
  todoCount: number;
  eventCount: number;
}

/** The selected todos, read in id order one batch at a time. */
export interface TodoReader {
  count(): Promise<number>;
  /** Up to `limit` todos with an id above `afterId`, in id order. */
  readAfter(afterId: number, limit: number): Promise<CalendarTodo[]>;
}

const notFinal = { notIn: [...FINAL_EXPORT_STATUSES] };
const expiresAfter = (from: Date, ttlMs: number) => new Date(from.getTime() + ttlMs);

/**
 * The worker's only door to exports and todos: the generation task and the
 * housekeeping go through here, never to Prisma directly.
 */
export function createExportsRepository(prisma: PrismaClient) {
  return {
    /**
     * Marks the export STARTED for this attempt.
     * @returns the selection it asked for, or null when it is missing or already finished (nothing to do).
     */
    async start(id: string, attempts: number): Promise<TodoSelection | null> {
      const [started] = await prisma.calendarExport.updateManyAndReturn({
        where: { id, status: notFinal },
        // A new attempt starts from scratch: progress and the count so far are its own.
        data: { status: 'STARTED', attempts, startedAt: new Date(), progress: 0, todoCount: null },
        select: { completed: true, windowDays: true },
      });
      return started
        ? { completed: started.completed ?? undefined, window: started.windowDays ?? undefined }
        : null;
    },

    /** Reads the todos of a selection; `floatingNow` fixes "now" for the whole export. */
    todoReader(selection: TodoSelection, floatingNow: Date): TodoReader {
      const where = todoSelectionWhere(selection, floatingNow);
      return {
        count: () => prisma.todo.count({ where }),
        async readAfter(afterId, limit) {
          const todos = await prisma.todo.findMany({
            where: { ...where, id: { gt: afterId } },
            orderBy: { id: 'asc' },
            take: limit,
            select: {
              id: true,
              title: true,
              description: true,
              deadlineAt: true,
              createdAt: true,
              updatedAt: true,
            },
          });
          return todos.map((todo) => ({
            ...todo,
            deadlineAt: todo.deadlineAt === null ? null : formatFloatingDateTime(todo.deadlineAt),
          }));
        },
      };
    },

    async recordProgress(id: string, progress: number, todoCount: number): Promise<void> {
      await prisma.calendarExport.update({
        where: { id },
        data: { progress, todoCount },
        select: { id: true },
      });
    },

    async succeed(id: string, calendar: StoredCalendar, ttlMs: number): Promise<void> {
      const finishedAt = new Date();
      await prisma.calendarExport.update({
        where: { id },
        data: {
          ...calendar,
          sizeBytes: calendar.content.byteLength,
          status: 'SUCCESS',
          progress: 1,
          lastError: null,
          finishedAt,
          expiresAt: expiresAfter(finishedAt, ttlMs),
        },
        select: { id: true },
      });
    },

    async retry(id: string, lastError: string): Promise<void> {
      await prisma.calendarExport.updateMany({
        where: { id, status: notFinal },
        data: { status: 'RETRY', lastError },
      });
    },

    async fail(id: string, lastError: string, ttlMs: number): Promise<void> {
      const finishedAt = new Date();
      await prisma.calendarExport.updateMany({
        where: { id, status: notFinal },
        data: {
          status: 'FAILURE',
          lastError,
          finishedAt,
          expiresAt: expiresAfter(finishedAt, ttlMs),
        },
      });
    },

    /**
     * Fails the exports whose job ran out of attempts without the task
     * recording an outcome — its worker died, or was forced off at shutdown,
     * on the last attempt — and removes those jobs, as the task itself does.
     * @returns the ids of the exports it failed.
     */
    async failAbandoned(ttlMs: number): Promise<string[]> {
      return prisma.$transaction(async (tx) => {
        const failed = await tx.$queryRaw<{ id: string; job_id: bigint }[]>`
          UPDATE calendar_exports AS e
             SET status = 'FAILURE',
                 last_error = coalesce(j.last_error, 'the worker stopped during the last attempt'),
                 finished_at = now(),
                 expires_at = now() + make_interval(secs => ${ttlMs / 1000})
            FROM graphile_worker.jobs AS j
           WHERE j.task_identifier = ${GENERATE_CALENDAR_TASK}
             AND j.key = e.id::text
             AND j.locked_at IS NULL
             AND j.attempts >= j.max_attempts
             AND e.status NOT IN ('SUCCESS', 'FAILURE')
          RETURNING e.id::text AS id, j.id AS job_id`;
        if (failed.length > 0) {
          await tx.$executeRaw`SELECT graphile_worker.complete_jobs(${failed.map((row) => row.job_id)}::bigint[])`;
        }
        return failed.map((row) => row.id);
      });
    },

    /**
     * Deletes expired exports, `batchSize` at a time so that no statement
     * holds many rows (or megabytes of calendars) at once.
     * @returns how many it deleted.
     */
    async purgeExpired(batchSize: number): Promise<number> {
      let deleted = 0;
      for (;;) {
        const now = new Date();
        const expired = await prisma.calendarExport.findMany({
          where: { expiresAt: { lt: now } },
          select: { id: true },
          take: batchSize,
        });
        if (expired.length === 0) return deleted;
        // The expiry is checked again: an export retried meanwhile has no expiry any more.
        const { count } = await prisma.calendarExport.deleteMany({
          where: { id: { in: expired.map(({ id }) => id) }, expiresAt: { lt: now } },
        });
        deleted += count;
        if (expired.length < batchSize) return deleted;
      }
    },
  };
}

export type ExportsRepository = ReturnType<typeof createExportsRepository>;
