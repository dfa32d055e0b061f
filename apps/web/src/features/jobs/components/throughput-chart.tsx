import { formatMinute } from '../monitor-format';
import { describeThroughput, throughputBars, throughputTotals } from '../throughput';
import type { MonitorSummary } from '../types';

// Chart units; the SVG stretches to its box (bars only, so nothing looks squashed).
const WIDTH = 600;
const HEIGHT = 120;

/** Exports finished each minute, succeeded (green) under failed (red), oldest on the left. */
export function ThroughputChart({ minutes }: { minutes: MonitorSummary['per_minute'] }) {
  const { bars, max } = throughputBars(minutes, WIDTH, HEIGHT);
  const totals = throughputTotals(minutes);
  return (
    <figure className="throughput">
      <div className="chart-frame">
        <span className="chart-scale" aria-hidden="true">
          {max.toLocaleString()}/min
        </span>
        <svg
          className="chart"
          role="img"
          aria-label={describeThroughput(minutes, formatMinute)}
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          preserveAspectRatio="none"
        >
          {bars.map((bar) => (
            <g key={bar.minute}>
              <title>
                {`${formatMinute(bar.minute)}: ${bar.succeeded} succeeded, ${bar.failed} failed`}
              </title>
              {/* A full-height hit area, so that the tooltip appears over quiet minutes too. */}
              <rect className="bar-slot" x={bar.x} y={0} width={bar.width} height={HEIGHT} />
              <rect className="bar-succeeded" x={bar.x} width={bar.width} {...bar.succeededRect} />
              <rect className="bar-failed" x={bar.x} width={bar.width} {...bar.failedRect} />
            </g>
          ))}
        </svg>
      </div>
      <div className="chart-axis" aria-hidden="true">
        <span>{minutes.length} min ago</span>
        <span>now</span>
      </div>
      <figcaption className="chart-legend">
        <span className="legend-succeeded">{totals.succeeded.toLocaleString()} succeeded</span>
        <span className="legend-failed">{totals.failed.toLocaleString()} failed</span>
        <span className="hint">in the last hour</span>
      </figcaption>
    </figure>
  );
}
