/** Small hand-written SVG charts for benchmark results: no dependency, readable in any browser. */

export interface Series {
  name: string;
  /** One value per category. */
  values: number[];
  color: string;
}

export interface Panel {
  title: string;
  yLabel: string;
  /** The x axis, left to right. */
  categories: string[];
  series: Series[];
  /** `lines`: one line per series; `stacked`: one bar per category, the series stacked. */
  style: 'lines' | 'stacked';
}

const WIDTH = 420;
const HEIGHT = 300;
const MARGIN = { top: 72, right: 16, bottom: 48, left: 56 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const text = (x: number, y: number, content: string, attributes = '') =>
  `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${attributes}>${escape(content)}</text>`;

/** A round axis maximum at or above `max`, and its step (1, 2 or 5 times a power of ten, 4 to 5 steps). */
function axis(max: number): { top: number; step: number } {
  const rough = Math.max(max, 1e-9) / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough)!;
  return { top: Math.ceil(max / step) * step || step, step };
}

function panelSvg(panel: Panel, offsetX: number): string {
  const n = panel.categories.length;
  const x = (i: number) => MARGIN.left + ((i + 0.5) * PLOT_W) / n;
  const totals = panel.categories.map((_, i) =>
    panel.style === 'stacked'
      ? panel.series.reduce((sum, s) => sum + s.values[i]!, 0)
      : Math.max(...panel.series.map((s) => s.values[i]!)),
  );
  const { top, step } = axis(Math.max(...totals));
  const y = (value: number) => MARGIN.top + PLOT_H - (value / top) * PLOT_H;
  const parts = [text(WIDTH / 2, 18, panel.title, 'text-anchor="middle" font-weight="bold"')];
  panel.series.forEach((s, i) => {
    const lx = MARGIN.left + (i % 2) * 170;
    const ly = 32 + Math.floor(i / 2) * 14;
    parts.push(`<rect x="${lx}" y="${ly - 8}" width="10" height="10" fill="${s.color}"/>`);
    parts.push(text(lx + 14, ly + 1, s.name, 'font-size="11"'));
  });
  for (let value = 0; value <= top + step / 2; value += step) {
    parts.push(
      `<line x1="${MARGIN.left}" x2="${MARGIN.left + PLOT_W}" y1="${y(value)}" y2="${y(value)}" stroke="#ddd"/>`,
      text(
        MARGIN.left - 6,
        y(value) + 4,
        String(+value.toPrecision(6)),
        'text-anchor="end" font-size="11"',
      ),
    );
  }
  parts.push(
    text(
      14,
      MARGIN.top + PLOT_H / 2,
      panel.yLabel,
      `transform="rotate(-90 14 ${MARGIN.top + PLOT_H / 2})" text-anchor="middle" font-size="12"`,
    ),
  );
  panel.categories.forEach((category, i) =>
    category
      .split('\n')
      .forEach((line, k) =>
        parts.push(
          text(
            x(i),
            MARGIN.top + PLOT_H + 16 + k * 13,
            line,
            'text-anchor="middle" font-size="11"',
          ),
        ),
      ),
  );
  if (panel.style === 'lines') {
    for (const s of panel.series) {
      const points = s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`);
      parts.push(
        `<polyline points="${points.join(' ')}" fill="none" stroke="${s.color}" stroke-width="2"/>`,
      );
      s.values.forEach((v, i) => {
        parts.push(
          `<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="${s.color}"/>`,
        );
        parts.push(
          text(x(i) + 5, y(v) - 5, String(Math.round(v)), `font-size="10" fill="${s.color}"`),
        );
      });
    }
  } else {
    const barWidth = (PLOT_W / n) * 0.6;
    panel.categories.forEach((_, i) => {
      let base = 0;
      for (const s of panel.series) {
        const value = s.values[i]!;
        parts.push(
          `<rect x="${(x(i) - barWidth / 2).toFixed(1)}" y="${y(base + value).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(y(base) - y(base + value)).toFixed(1)}" fill="${s.color}"/>`,
        );
        base += value;
      }
      parts.push(text(x(i), y(base) - 4, base.toFixed(1), 'text-anchor="middle" font-size="10"'));
    });
  }
  return `<g transform="translate(${offsetX},0)">${parts.join('')}</g>`;
}

/** The panels side by side in one SVG document, with a caption under them. */
export function chartSvg(panels: Panel[], caption: string): string {
  const width = WIDTH * panels.length;
  const height = HEIGHT + 24;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    ...panels.map((panel, i) => panelSvg(panel, i * WIDTH)),
    text(width / 2, height - 8, caption, 'text-anchor="middle" font-size="11" fill="#555"'),
    '</svg>\n',
  ].join('');
}
