import type { CpuKind } from './cpu-split.js';
import { chartSvg, type Series } from './svg-chart.js';

export interface ScaleOutPoint {
  apis: number;
  workers: number;
  exportsPerS: number;
  p50: number;
  p99: number;
  cpuMs: Record<CpuKind, number>;
}

const CPU_COLORS: Record<CpuKind, string> = {
  api: '#1f77b4',
  worker: '#ff7f0e',
  postgres: '#2ca02c',
  loadBalancer: '#9467bd',
  client: '#7f7f7f',
};

/** Throughput and latency against worker processes (a line per API count), and the CPU each export costs. */
export function scaleOutChart(points: ScaleOutPoint[], exports: number, users: number): string {
  const distinct = (pick: (p: ScaleOutPoint) => number) =>
    [...new Set(points.map(pick))].sort((a, b) => a - b);
  const workerCounts = distinct((p) => p.workers);
  // A configuration that did not run (BENCH_CONFIGS) shows as 0.
  const perApis = (
    pick: (p: ScaleOutPoint) => number,
    name: (apis: number) => string,
    colors: string[],
  ) =>
    distinct((p) => p.apis).map<Series>((apis, i) => ({
      name: name(apis),
      values: workerCounts.map((workers) => {
        const point = points.find((p) => p.apis === apis && p.workers === workers);
        return point ? pick(point) : 0;
      }),
      color: colors[i % colors.length]!,
    }));
  const apiLabel = (apis: number) => (apis === 1 ? '1 API' : `${apis} API + HAProxy`);
  const categories = workerCounts.map((w) => `${w} worker${w > 1 ? 's' : ''}`);
  return chartSvg(
    [
      {
        title: 'Throughput',
        yLabel: 'exports/s to SUCCESS',
        categories,
        series: perApis((p) => p.exportsPerS, apiLabel, ['#1f77b4', '#d62728']),
        style: 'lines',
      },
      {
        title: 'Latency, submit → SUCCESS',
        yLabel: 'ms',
        categories,
        series: [
          ...perApis(
            (p) => p.p50,
            (apis) => `p50, ${apiLabel(apis)}`,
            ['#1f77b4', '#d62728'],
          ),
          ...perApis(
            (p) => p.p99,
            (apis) => `p99, ${apiLabel(apis)}`,
            ['#aec7e8', '#ff9896'],
          ),
        ],
        style: 'lines',
      },
      {
        title: 'CPU per export, by process',
        yLabel: 'CPU ms per export',
        categories: points.map((p) => `${p.apis} API\n${p.workers} wkr`),
        series: (Object.keys(CPU_COLORS) as CpuKind[]).map((kind) => ({
          name: kind === 'loadBalancer' ? 'haproxy' : kind,
          values: points.map((p) => p.cpuMs[kind]),
          color: CPU_COLORS[kind],
        })),
        style: 'stacked',
      },
    ],
    `${exports} exports of 100 todos by ${users} users (one in flight each, after an edit: every one rendered); one PostgreSQL; 2 shared cores; medians of rounds`,
  );
}
