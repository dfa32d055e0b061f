// The throughput chart's shapes and its summary in words (for screen readers and the legend).
import type { MonitorSummary } from './types';

type Minute = MonitorSummary['per_minute'][number];

export interface ThroughputBar extends Minute {
  x: number;
  width: number;
  /** Top and height of the succeeded part, in chart units (y grows downwards). */
  succeededRect: { y: number; height: number };
  failedRect: { y: number; height: number };
}

/** Gap between bars, as a share of each minute's slot. */
const GAP = 0.2;

/**
 * One stacked bar a minute (succeeded at the bottom, failed on top) in a
 * `width` × `height` box, scaled to the busiest minute.
 */
export function throughputBars(
  minutes: Minute[],
  width: number,
  height: number,
): { bars: ThroughputBar[]; max: number } {
  const max = Math.max(1, ...minutes.map((m) => m.succeeded + m.failed));
  const slot = width / Math.max(1, minutes.length);
  const scale = (count: number) => (count / max) * height;
  const bars = minutes.map((m, i) => {
    const succeededHeight = scale(m.succeeded);
    const failedHeight = scale(m.failed);
    return {
      ...m,
      x: i * slot + (slot * GAP) / 2,
      width: slot * (1 - GAP),
      succeededRect: { y: height - succeededHeight, height: succeededHeight },
      failedRect: { y: height - succeededHeight - failedHeight, height: failedHeight },
    };
  });
  return { bars, max };
}

export interface ThroughputTotals {
  succeeded: number;
  failed: number;
  busiest: Minute | null;
}

export function throughputTotals(minutes: Minute[]): ThroughputTotals {
  let busiest: Minute | null = null;
  for (const m of minutes) {
    const total = m.succeeded + m.failed;
    if (total > 0 && (busiest === null || total > busiest.succeeded + busiest.failed)) busiest = m;
  }
  return {
    succeeded: minutes.reduce((sum, m) => sum + m.succeeded, 0),
    failed: minutes.reduce((sum, m) => sum + m.failed, 0),
    busiest,
  };
}

/** What the chart shows, in one sentence. */
export function describeThroughput(minutes: Minute[], formatMinute: (iso: string) => string) {
  const { succeeded, failed, busiest } = throughputTotals(minutes);
  const span = `Exports finished per minute over the last ${minutes.length} minutes`;
  if (busiest === null) return `${span}: none.`;
  const peak = busiest.succeeded + busiest.failed;
  return (
    `${span}: ${succeeded.toLocaleString()} succeeded, ${failed.toLocaleString()} failed; ` +
    `busiest minute ${formatMinute(busiest.minute)} with ${peak.toLocaleString()}.`
  );
}
