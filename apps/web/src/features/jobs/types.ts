import type { MonitorSummary } from '@taskoverflow/contracts';

export type { MonitorExport, MonitorSummary, MonitorWorker } from '@taskoverflow/contracts';

/** Throughput and latency over one window (the contracts name only its schema). */
export type WindowStats = MonitorSummary['windows'][number];
