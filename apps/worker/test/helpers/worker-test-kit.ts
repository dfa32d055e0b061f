// What the worker's tests share: a database of their own per test, workers
// started in-process on it with short intervals, captured logs, waiting,
// seeding todos and reading the stored calendars back with ical.js.
import {
  createCalendarBuilder,
  type CalendarBuilder,
  type CalendarOptions,
  type CalendarTodo,
} from '@taskoverflow/calendar';
import {
  LOCAL_OWNER_ID,
  createCalendarExport,
  type CalendarExport,
  type NewCalendarExport,
  type PrismaClient,
} from '@taskoverflow/db';
import type pg from 'pg';
import {
  createTestDatabaseClients,
  type TestDatabase,
  type TestDatabaseClients,
} from '@taskoverflow/db/testing';
import ICAL from 'ical.js';
import { gunzipSync } from 'node:zlib';
import { pino, type Logger } from 'pino';
import { afterEach, beforeEach } from 'vitest';
import type { CalendarBuilderFactory } from '../../src/calendar-generation.js';
import { loadConfig, type WorkerConfig } from '../../src/config.js';
import { startWorker, type RunningWorker, type WorkerOverrides } from '../../src/worker.js';

/** Short intervals, so that what takes the defaults minutes takes seconds here. */
export const TEST_ENV = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'debug',
  WORKER_HEARTBEAT_INTERVAL_MS: '200',
  WORKER_STALE_AFTER_MS: '2000',
  WORKER_SHUTDOWN_GRACE_MS: '5000',
};

export interface LogRecord {
  level: number;
  msg: string;
  exportId?: string;
  [field: string]: unknown;
}

export interface WorkerTestContext {
  database: TestDatabase;
  /** The database's pool (what the export store runs on), and a Prisma client sharing it. */
  pool: pg.Pool;
  prisma: PrismaClient;
  /** Every log line of every worker started in this test, parsed. */
  logs: LogRecord[];
  config(env?: Record<string, string>): WorkerConfig;
  /** Starts a worker in this process; it is stopped after the test if the test does not. */
  startWorker(env?: Record<string, string>, overrides?: WorkerOverrides): Promise<RunningWorker>;
}

/** A fresh database per test, and the workers started on it stopped afterwards. */
export function useWorkerTestContext(): WorkerTestContext {
  const context = {} as WorkerTestContext;
  let workers: RunningWorker[] = [];
  let clients: TestDatabaseClients | undefined;
  beforeEach(async () => {
    clients = await createTestDatabaseClients();
    ({ database: context.database, pool: context.pool, prisma: context.prisma } = clients);
    context.logs = [];
    context.config = (env = {}) =>
      loadConfig({ ...TEST_ENV, DATABASE_URL: context.database.url, ...env });
    const logger = capturingLogger(context.logs);
    context.startWorker = async (env = {}, overrides = {}) => {
      const worker = await startWorker(context.config(env), { logger, ...overrides });
      workers.push(worker);
      return worker;
    };
  });
  afterEach(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    workers = [];
    await clients?.close();
  });
  return context;
}

/** A debug-level logger that parses each of its lines into `lines`. */
export function capturingLogger(lines: LogRecord[]): Logger {
  return pino(
    { level: 'debug' },
    { write: (line: string) => void lines.push(JSON.parse(line) as LogRecord) },
  );
}

/** Polls `probe` until it returns something truthy, and returns that; fails after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  { timeoutMs = 15_000, intervalMs = 25, what = 'the condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * Records an export and queues its job (or reuses a calendar: see
 * createCalendarExport), kept for a day; the local owner's unless said.
 */
export function queueExport(
  pool: pg.Pool,
  {
    ownerId = LOCAL_OWNER_ID,
    ...newExport
  }: Omit<NewCalendarExport, 'ownerId'> & { ownerId?: string },
) {
  return createCalendarExport(pool, { ownerId, ...newExport }, 86_400_000);
}

export function findExport(prisma: PrismaClient, id: string): Promise<CalendarExport> {
  return prisma.calendarExport.findUniqueOrThrow({ where: { id } });
}

/** Waits until the export has `status`, and returns it. */
export function waitForStatus(
  prisma: PrismaClient,
  id: string,
  status: CalendarExport['status'],
  timeoutMs = 15_000,
): Promise<CalendarExport> {
  return waitFor(
    async () => {
      const found = await findExport(prisma, id);
      return found.status === status && found;
    },
    { timeoutMs, what: `export ${id} to be ${status}` },
  );
}

/** The export's job in graphile-worker's queue, if it is still there. */
export async function findJob(prisma: PrismaClient, exportId: string) {
  const [job] = await prisma.$queryRaw<
    {
      attempts: number;
      max_attempts: number;
      last_error: string | null;
      locked_by: string | null;
      run_at: Date;
    }[]
  >`SELECT attempts, max_attempts, last_error, locked_by, run_at FROM graphile_worker.jobs WHERE key = ${exportId}`;
  return job;
}

/**
 * Waits until the export's job has left the queue: graphile-worker deletes it
 * just after the task returns, so a moment after the export is written.
 */
export async function waitForJobGone(prisma: PrismaClient, exportId: string): Promise<void> {
  await waitFor(async () => (await findJob(prisma, exportId)) === undefined, {
    what: `the job of ${exportId} to go`,
  });
}

export interface TodoSeed {
  title?: string;
  description?: string;
  completed?: boolean;
  deadlineAt?: Date | null;
  /** The local owner's when absent. */
  ownerId?: string;
}

/** Inserts todos in order, and returns them as stored. */
export async function seedTodos(prisma: PrismaClient, seeds: TodoSeed[]) {
  return prisma.todo.createManyAndReturn({
    data: seeds.map((seed, index) => ({ title: seed.title ?? `Todo ${index + 1}`, ...seed })),
  });
}

/**
 * Inserts `count` todos in one statement: every 10th has no deadline, every
 * 3rd is done; the others have distinct deadlines.
 */
export async function seedManyTodos(prisma: PrismaClient, count: number): Promise<void> {
  await prisma.$executeRaw`
    INSERT INTO todos (title, description, completed, deadline_at, updated_at)
    SELECT 'Todo ' || i, 'Description of todo ' || i, i % 3 = 0,
           CASE WHEN i % 10 = 0 THEN NULL ELSE timestamp '2026-03-01 09:00' + i * interval '1 minute' END,
           now()
      FROM generate_series(1, ${count}::int) AS i`;
}

export interface ParsedEvent {
  uid: string;
  summary: string;
  description: string | null;
  /** The floating DTSTART as `YYYY-MM-DDTHH:MM:SS`. */
  start: string;
}

/** A stored calendar's text, decompressed as its encoding says. */
export function calendarText(stored: Pick<CalendarExport, 'content' | 'contentEncoding'>): Buffer {
  const content = Buffer.from(stored.content!);
  return stored.contentEncoding === 'gzip' ? gunzipSync(content) : content;
}

/** Reads a stored calendar with ical.js (an independent parser) and returns its events in file order. */
export function parseCalendar(stored: Pick<CalendarExport, 'content' | 'contentEncoding'>): {
  calendar: ICAL.Component;
  events: ParsedEvent[];
} {
  const calendar = new ICAL.Component(ICAL.parse(calendarText(stored).toString('utf8')));
  const events = calendar.getAllSubcomponents('vevent').map((event) => {
    const start = event.getFirstPropertyValue('dtstart') as ICAL.Time;
    const description = event.getFirstPropertyValue('description');
    return {
      uid: String(event.getFirstPropertyValue('uid')),
      summary: String(event.getFirstPropertyValue('summary')),
      description: description === null ? null : String(description),
      start: start.toString(),
    };
  });
  return { calendar, events };
}

/** The UID the calendar gives a todo. */
export const uidOf = (todoId: number) => `todo-${todoId}@taskoverflow.app`;

/** The real builder, with `add` wrapped: the seam tests use to fail, hold or slow an export. */
export function wrappedBuilder(
  add: (todos: CalendarTodo[], real: CalendarBuilder, call: number) => void | Promise<void>,
): CalendarBuilderFactory {
  return (options: CalendarOptions) => {
    const real = createCalendarBuilder(options);
    let calls = 0;
    return {
      add: (todos) => add(todos, real, ++calls),
      takeText: () => real.takeText(),
      get eventCount() {
        return real.eventCount;
      },
      finish: () => real.finish(),
    };
  };
}

/** A promise that never settles: a job stuck in it hangs, as in a frozen process. */
export const never = () => new Promise<void>(() => {});

/** A latch a test opens when it has seen what it wanted to. */
export function gate(): { opened: Promise<void>; open(): void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}
