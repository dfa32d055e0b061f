// Numbers of the jobs view in words people read at a glance.

/** A duration: "350 ms", "4.2 s", "38 s", "2.5 min", "1.2 h"; "–" when there is none. */
export function formatSeconds(seconds: number | null): string {
  if (seconds === null) return '–';
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${(seconds / 60).toFixed(1)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** Seconds from one instant to another, or null if either is missing. */
export function secondsBetween(from: string | null, to: string | null | Date): number | null {
  if (from === null || to === null) return null;
  const end = to instanceof Date ? to.getTime() : Date.parse(to);
  return Math.max(0, (end - Date.parse(from)) / 1000);
}

/** How long ago: "just now", "3 s ago", "4 min ago", "2 h ago". */
export function formatAgo(instant: string, now: Date): string {
  const seconds = Math.floor(secondsBetween(instant, now) ?? 0);
  if (seconds < 1) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  return `${Math.floor(seconds / 3600)} h ago`;
}

/** A file size: "512 B", "12.3 kB", "4.1 MB" (powers of 1000, as file managers show). */
export function formatBytes(bytes: number | null): string {
  if (bytes === null) return '–';
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** The first block of a task id: enough to tell exports apart on one screen. */
export function shortId(taskId: string): string {
  return taskId.slice(0, 8);
}

export function formatPercent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

const clockFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

/** The time of day of an instant, to the second, in the user's time zone. */
export function formatClock(instant: string): string {
  return clockFormat.format(new Date(instant));
}

const minuteFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/** The time of day of an instant, to the minute. */
export function formatMinute(instant: string): string {
  return minuteFormat.format(new Date(instant));
}
