// Times the calendar builder the way the export worker uses it: todos fed in
// batches of 1,000 with a fixed clock, each batch's text taken as it is made.
// Two kinds of calendar: a floating one-shot export (the rows measured since
// the start), and a subscription feed with every option (a time zone, a
// reminder, a refresh interval, some all-day deadlines, edited todos).
// Run with `npm run bench -w @taskoverflow/calendar`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { arch, cpus, platform } from 'node:os';
import { createCalendarBuilder, type CalendarOptions, type CalendarTodo } from '../src/index.js';

const SIZES = [
  { calendar: 'export', todos: 1_000, runs: 20 },
  { calendar: 'export', todos: 10_000, runs: 10 },
  { calendar: 'export', todos: 100_000, runs: 5 },
  { calendar: 'feed', todos: 10_000, runs: 10 },
  { calendar: 'feed', todos: 100_000, runs: 5 },
] as const;
const BATCH_SIZE = 1_000;
const NOW = new Date('2026-01-15T09:30:00Z');
const MB = 1_000_000;
const RESULTS_FILE = new URL('./results/calendar.json', import.meta.url);
const OPTIONS: Record<(typeof SIZES)[number]['calendar'], CalendarOptions> = {
  export: { now: NOW },
  feed: {
    now: NOW,
    timeZone: 'Europe/Berlin',
    alarm: { minutesBefore: 30 },
    refreshInterval: { minutes: 15 },
  },
};

// Realistic text: mostly ASCII, some accents, CJK and emoji, long enough to fold, with characters to escape.
function syntheticTodos(count: number): CalendarTodo[] {
  return Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    title:
      i % 7 === 0
        ? `Préparer la démo ${i} — 会議の資料 🚀📅`
        : `Todo ${i}: call the supplier, check invoice; follow up`,
    description:
      i % 3 === 0
        ? ''
        : `Details for todo ${i}.\nSecond line with a backslash \\ and a much longer sentence that needs folding.`,
    // One todo in ten has no deadline, as in a real list.
    deadlineAt:
      i % 10 === 9
        ? null
        : `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}T14:00:00`,
    createdAt: new Date(NOW.getTime() - i * 60_000),
    updatedAt: NOW,
  }));
}

// The feed's todos: the same, with one deadline in five a date alone and most todos edited.
function feedTodos(count: number): CalendarTodo[] {
  return syntheticTodos(count).map((todo, i) => ({
    ...todo,
    deadlineAt:
      todo.deadlineAt !== null && i % 5 === 0 ? todo.deadlineAt.slice(0, 10) : todo.deadlineAt,
    sequence: i % 4,
  }));
}

const collectGarbage = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

interface Run {
  ms: number;
  bytes: number;
  rssGrowth: number;
  heapGrowth: number;
}

function buildOnce(todos: CalendarTodo[], options: CalendarOptions): Run {
  collectGarbage();
  const rssBefore = process.memoryUsage.rss();
  const heapBefore = process.memoryUsage().heapUsed;
  let rssPeak = rssBefore;
  let heapPeak = heapBefore;
  const sample = (): void => {
    const { rss, heapUsed } = process.memoryUsage();
    rssPeak = Math.max(rssPeak, rss);
    heapPeak = Math.max(heapPeak, heapUsed);
  };

  const start = performance.now();
  const builder = createCalendarBuilder(options);
  // Each chunk is taken and measured, then let go, as a streaming writer would.
  let bytes = 0;
  for (let offset = 0; offset < todos.length; offset += BATCH_SIZE) {
    builder.add(todos.slice(offset, offset + BATCH_SIZE));
    bytes += Buffer.byteLength(builder.takeText());
    sample();
  }
  bytes += Buffer.byteLength(builder.finish());
  const ms = performance.now() - start;
  sample();
  return {
    ms,
    bytes,
    rssGrowth: rssPeak - rssBefore,
    heapGrowth: heapPeak - heapBefore,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

if (!(globalThis as { gc?: unknown }).gc)
  console.warn('run with --expose-gc for meaningful memory numbers');
// Warm up the JIT on both kinds.
buildOnce(syntheticTodos(1_000), OPTIONS.export);
buildOnce(feedTodos(1_000), OPTIONS.feed);

const results = SIZES.map(({ calendar, todos: count, runs }) => {
  const todos = calendar === 'export' ? syntheticTodos(count) : feedTodos(count);
  const samples = Array.from({ length: runs }, () => buildOnce(todos, OPTIONS[calendar]));
  const medianMs = median(samples.map((s) => s.ms));
  return {
    calendar,
    todos: count,
    runs,
    medianMs: Number(medianMs.toFixed(1)),
    minMs: Number(Math.min(...samples.map((s) => s.ms)).toFixed(1)),
    todosPerSecond: Math.round(count / (medianMs / 1000)),
    outputMB: Number((samples[0]!.bytes / MB).toFixed(2)),
    peakRssGrowthMB: Number((Math.max(...samples.map((s) => s.rssGrowth)) / MB).toFixed(1)),
    peakHeapGrowthMB: Number((Math.max(...samples.map((s) => s.heapGrowth)) / MB).toFixed(1)),
  };
});

console.table(results);
mkdirSync(new URL('.', RESULTS_FILE), { recursive: true });
writeFileSync(
  RESULTS_FILE,
  JSON.stringify(
    {
      benchmark: 'calendar builder, batches of 1,000 todos, fixed clock',
      node: process.version,
      machine: `${platform()} ${arch()}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`,
      measuredAt: new Date().toISOString(),
      results,
    },
    null,
    2,
  ) + '\n',
);
console.log(`written to ${RESULTS_FILE.pathname}`);
