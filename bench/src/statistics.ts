/** The value at percentile `p` (nearest rank). */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Milliseconds to one decimal, for tables. */
export const round = (ms: number) => Math.round(ms * 10) / 10;
