/** The value at percentile `p` (nearest rank). */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Milliseconds to one decimal, for tables. */
export const round = (ms: number) => Math.round(ms * 10) / 10;

/** A table row of `values`' p50, p95, p99 and max. */
export function latencyRow(scenario: string, values: number[], unit = 'ms') {
  return {
    scenario,
    p50: round(percentile(values, 50)),
    p95: round(percentile(values, 95)),
    p99: round(percentile(values, 99)),
    max: round(Math.max(...values)),
    unit,
  };
}
