import type { CalendarOptions, CalendarTodo } from '@taskoverflow/calendar';
import type { StoredCalendar, TodoReader } from '@taskoverflow/db/store';
import { createCalendarCompressor, type CalendarCompressor } from './compressed-calendar.js';

/**
 * What generation needs of a calendar builder (`@taskoverflow/calendar`'s
 * `createCalendarBuilder` is one). `add` may return a promise, which
 * generation awaits: tests use that to hold generation mid-way.
 */
export interface IncrementalCalendarBuilder {
  add(todos: CalendarTodo[]): void | Promise<void>;
  /** The text made since the last call. */
  takeText(): string;
  readonly eventCount: number;
  /** The rest of the text. */
  finish(): string;
}

export type CalendarBuilderFactory = (options: CalendarOptions) => IncrementalCalendarBuilder;

export interface GenerationOptions {
  reader: TodoReader;
  builder: IncrementalCalendarBuilder;
  batchSize: number;
  /** More todos than this, and generation fails at once (no retry would make the calendar fit). */
  maxTodos: number;
  /** Called after each full batch, with the share of the todos read so far (below 1 until the end). */
  onProgress: (progress: number, todosRead: number) => Promise<void>;
  /**
   * Checked between batches: the attempt must stop (the worker shuts down, or
   * the calendar is no longer this attempt's to make) rather than run on.
   */
  abortSignal: AbortSignal;
}

/**
 * A calendar that no retry can render (it selects too many todos): an export
 * is FAILURE at once; a feed keeps its last render and records why.
 */
export class UnrenderableCalendarError extends Error {}

function tooManyTodos(count: number, maxTodos: number): UnrenderableCalendarError {
  return new UnrenderableCalendarError(
    `this calendar selects ${count} todos, more than the ${maxTodos} one calendar may hold (EXPORT_MAX_TODOS); ` +
      'narrow it with completed or window',
  );
}

/** Generation stopped between batches because its abort signal fired. */
export class GenerationAborted extends Error {
  constructor() {
    super('calendar generation was stopped between batches');
  }
}

/** Why an export stopped half-way when its worker had to shut down. */
export const INTERRUPTED_BY_SHUTDOWN = 'the worker shut down before the export was finished';

// Todos created during generation are read too, so the count is a guess: progress stays below 1 until it is done.
const LAST_PROGRESS_BEFORE_DONE = 0.99;

/**
 * Reads the selected todos in id order, one batch at a time (keyset
 * pagination: every query is an index range scan, however far it has got),
 * feeding each batch to the builder and its text on to gzip, so memory holds
 * one batch of rows and the calendar compressed so far (a small calendar's
 * text is held whole and compressed at the end, see createCalendarCompressor).
 */
export async function generateCalendar(options: GenerationOptions): Promise<StoredCalendar> {
  const compressor = createCalendarCompressor();
  try {
    const todoCount = await feedTodos(options, compressor);
    return { ...(await compressor.end()), todoCount, eventCount: options.builder.eventCount };
  } catch (error) {
    compressor.destroy();
    throw error;
  }
}

/** The loop of {@link generateCalendar}: every selected todo into the calendar's text; @returns how many. */
async function feedTodos(
  { reader, builder, batchSize, maxTodos, onProgress, abortSignal }: GenerationOptions,
  compressor: CalendarCompressor,
): Promise<number> {
  let expected: number | undefined;
  let todoCount = 0;
  let afterId = 0;
  for (;;) {
    if (abortSignal.aborted) throw new GenerationAborted();
    const batch = await reader.readAfter(afterId, batchSize);
    // Only a calendar of more than one batch needs the count (for its progress, and to fail fast when too large).
    if (expected === undefined && batch.length === batchSize) {
      expected = await reader.count();
      if (expected > maxTodos) throw tooManyTodos(expected, maxTodos);
    }
    if (batch.length === 0) break;
    todoCount += batch.length;
    // Todos added while generation runs count too: the bound is on memory, not on the first count.
    if (todoCount > maxTodos) throw tooManyTodos(todoCount, maxTodos);
    await builder.add(batch);
    await compressor.write(builder.takeText());
    // A short batch is the last one; the final write records its progress.
    if (batch.length < batchSize) break;
    afterId = batch[batch.length - 1]!.id;
    await onProgress(
      Math.min(todoCount / Math.max(expected ?? todoCount, 1), LAST_PROGRESS_BEFORE_DONE),
      todoCount,
    );
  }
  await compressor.write(builder.finish());
  return todoCount;
}
