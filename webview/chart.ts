/**
 * The savings-over-time chart as inline SVG markup: cumulative tokens before (what agents sent) and after (what
 * reached the model) as step lines, the gap between them shaded. Colours come from the theme via CSS classes.
 * Pure string building; every value is a number we format, labels are escaped.
 */
import type { ChartPoint } from '../extension/protocol.js';
import { tokens } from './format.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const f = (n: number) => (Math.round(n * 10) / 10).toString();

export interface ChartSize {
  width: number;
  height: number;
}

export function chartSvg(points: readonly ChartPoint[], size: ChartSize): string {
  const { width, height } = size;
  const pad = { l: 44, r: 8, t: 8, b: 18 };
  const last = points[points.length - 1];
  const label = last
    ? `Savings over time: ${tokens(last.before)} tokens before, ${tokens(last.after)} after, ` +
      `${tokens(last.before - last.after)} saved`
    : 'Savings over time: no requests yet';
  const open =
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" viewBox="0 0 ${width} ${height}" width="` +
    `${width}" height="${height}" role="img" aria-label="${esc(label)}"><title>${esc(label)}</title>`;
  if (points.length === 0)
    return (
      `${open}<text class="axis" x="${width / 2}" y="${height / 2}" text-anchor="middle">No requests ` +
      `yet</text></svg>`
    );

  const t0 = points.length > 1 ? points[0].time : points[0].time - 60_000;
  const t1 = last.time;
  const yMax = Math.max(1, last.before);
  const x = (t: number) => pad.l + ((t - t0) / Math.max(1, t1 - t0)) * (width - pad.l - pad.r);
  const y = (v: number) => height - pad.b - (v / yMax) * (height - pad.t - pad.b);
  const step = (key: 'before' | 'after') => {
    let d = `M${f(x(t0))},${f(y(0))}`;
    for (const p of points) d += ` V${f(y(p[key]))} H${f(x(p.time))}`;
    return d;
  };
  const before = step('before');
  const after = step('after');
  // the saved area: along "before" forwards, back along "after"
  const backAfter = [...points].reverse().reduce((d, p, i, arr) => {
    const prevT = i + 1 < arr.length ? arr[i + 1].time : t0;
    return `${d} H${f(x(p.time))} V${f(y(p.after))} H${f(x(prevT))}`;
  }, '');
  const saved = `${before}${backAfter} V${f(y(0))} Z`;
  const grid = [0.5, 1]
    .map(
      (q) =>
        `<line class="grid" x1="${pad.l}" x2="${width - pad.r}" y1="${f(y(yMax * q))}" y2="` +
        `${f(y(yMax * q))}"/><text class="axis" x="${pad.l - 4}" y="${f(y(yMax * q) + 4)}" text-anchor="end">` +
        `${esc(tokens(yMax * q))}</text>`,
    )
    .join('');
  const when = (t: number) =>
    new Date(t).toLocaleString('en', {
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
  return (
    open +
    grid +
    `<path class="saved" d="${saved}"/>` +
    `<path class="before" d="${before}"/>` +
    `<path class="after" d="${after}"/>` +
    `<text class="axis" x="${pad.l}" y="${height - 4}">${esc(when(t0))}</text>` +
    `<text class="axis" x="${width - pad.r}" y="${height - 4}" text-anchor="end">${esc(when(t1))}</text>` +
    '</svg>'
  );
}
