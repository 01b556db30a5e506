/**
 * Metric series: `[[t, "v"], …]` pairs as Prometheus, Graphite (`[v, t]`) and friends return them. A model asked what
 * a series did needs its shape, not 121 samples: the span and step, the extremes with their times, the mean, the
 * last sample, and the level shifts (the spike, the drop when the container died) with the time each began. In the
 * lossy pass a long series becomes that one line; the exact samples are stashed behind it.
 */
import type { Json } from './types.js';
import { numericValue } from './scalar.js';
import { median } from './stats.js';

/** Shorter series are read whole. */
export const MIN_SERIES_POINTS = 20;
/** At most this many level shifts are described (the biggest). */
const MAX_SHIFTS = 3;
/** A shift must move at least this share of the series' range… */
const SHIFT_OF_RANGE = 0.2;
/** …and be this many robust deviations away from the typical step. */
const SHIFT_DEVIATIONS = 6;
/** Points on each side compared to tell a level shift from a noisy jump. */
const LEVEL_WINDOW = 5;
/** A departure from the opening level must last this many points. */
const STAY = 4;
/** A segment is a trend when this share of its steps go one way and it ends this share of its spread away. */
const TREND_SHARE = 0.7;

interface Points {
  ts: number[];
  xs: number[];
  /** Each value as written (a sample's string keeps its digits: `30.412`, not `30.412000000000003`). */
  raw: string[];
}

/**
 * The summary of a series, or undefined when `arr` is not a long series of [time, value] pairs. `previousSpan` is the
 * span of the series summarised just before (Prometheus answers hold many over one window): the same span is then
 * written `same span`. Returns the summary and its span.
 */
export function seriesSummary(arr: readonly Json[], previousSpan?: string): { text: string; span: string } | undefined {
  const p = points(arr);
  if (!p) return undefined;
  const n = p.xs.length;
  let lo = 0;
  let hi = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    if (p.xs[i] < p.xs[lo]) lo = i;
    if (p.xs[i] > p.xs[hi]) hi = i;
    sum += p.xs[i];
  }
  const when = span(p.ts);
  const parts = [when === previousSpan ? 'same span' : when];
  if (p.xs[lo] === p.xs[hi]) parts.push(`all ${p.raw[0]}`);
  else {
    const range = p.xs[hi] - p.xs[lo];
    const starts = shifts(p.xs, range);
    const leaves = departure(p.xs, range, starts[0] ?? n);
    if (leaves > 0) starts.unshift(leaves);
    // with levels described, the minimum and the mean say little; a flat series is told by them
    const stats =
      starts.length > 0
        ? [`max ${p.raw[hi]} at ${p.ts[hi]}`]
        : [`min ${p.raw[lo]} at ${p.ts[lo]}`, `max ${p.raw[hi]} at ${p.ts[hi]}`, `mean ${round(sum / n)}`];
    stats.push(`last ${p.raw[n - 1]}`);
    parts.push(stats.join(', '));
    if (starts.length > 0) parts.push(segments(p, starts));
  }
  return { text: parts.join('; '), span: when };
}

function points(arr: readonly Json[]): Points | undefined {
  if (arr.length < MIN_SERIES_POINTS) return undefined;
  const first = arr[0];
  if (!Array.isArray(first) || first.length !== 2) return undefined;
  // Prometheus puts the time first, Graphite last: the time is the integer column of epoch size
  const t =
    typeof first[0] === 'number' && first[0] >= 1e9 ? 0 : typeof first[1] === 'number' && first[1] >= 1e9 ? 1 : -1;
  if (t < 0) return undefined;
  const ts: number[] = [];
  const xs: number[] = [];
  const raw: string[] = [];
  for (const row of arr) {
    if (!Array.isArray(row) || row.length !== 2) return undefined;
    const time = row[t];
    const v = row[1 - t];
    const x = numericValue(v ?? undefined);
    if (typeof time !== 'number' || x === undefined || (ts.length > 0 && time < ts[ts.length - 1])) return undefined;
    ts.push(time);
    xs.push(x);
    raw.push(typeof v === 'string' ? v : String(v));
  }
  return { ts, xs, raw };
}

/** `1710248400–1710255600 every 60` (the step when regular), plus the span in UTC for orientation. */
function span(ts: readonly number[]): string {
  const a = ts[0];
  const b = ts[ts.length - 1];
  const step = ts[1] - ts[0];
  let regular = step > 0;
  for (let i = 2; i < ts.length && regular; i++) if (ts[i] - ts[i - 1] !== step) regular = false;
  const ms = a > 1e12 ? 1 : 1000;
  const iso = (x: number): string => new Date(x * ms).toISOString();
  const ok = Math.abs(a * ms) < 8.64e15 && Math.abs(b * ms) < 8.64e15;
  const when = ok ? ` (${iso(a).slice(0, 10)} ${iso(a).slice(11, 16)}–${iso(b).slice(11, 16)} UTC)` : '';
  return `${a}–${b}${regular ? ` every ${step}` : ''}${when}`;
}

/** Indexes i where a new level starts (the step from i-1 to i is a shift), ascending. */
function shifts(xs: readonly number[], range: number): number[] {
  const steps = new Float64Array(xs.length - 1);
  for (let i = 1; i < xs.length; i++) steps[i - 1] = xs[i] - xs[i - 1];
  const m = median(steps);
  const mad = median(steps.map((d) => Math.abs(d - m)));
  const limit = Math.max(SHIFT_DEVIATIONS * 1.4826 * mad, SHIFT_OF_RANGE * range);
  const big: number[] = [];
  for (let i = 0; i < steps.length; i++)
    if (Math.abs(steps[i] - m) > limit && levelsDiffer(xs, i + 1, limit)) big.push(i + 1);
  big.sort((a, b) => Math.abs(steps[b - 1]) - Math.abs(steps[a - 1]) || a - b);
  return big.slice(0, MAX_SHIFTS).sort((a, b) => a - b);
}

/** The few points before `at` and from `at` on sit at different levels (not one noisy jump inside a plateau). */
function levelsDiffer(xs: readonly number[], at: number, limit: number): boolean {
  const w = Math.min(LEVEL_WINDOW, at, xs.length - at);
  const before = Float64Array.from(xs.slice(at - w, at));
  const after = Float64Array.from(xs.slice(at, at + w));
  return Math.abs(median(after) - median(before)) > limit;
}

/**
 * Where a series first leaves its opening level for good (a ramp rather than a jump: pending connections climbing
 * 0 → 187), before index `before`; 0 when it does not. Leaving means moving more than the opening level's own
 * spread (robustly) and a fifth of the range, and staying away for the next few points.
 */
function departure(xs: readonly number[], range: number, before: number): number {
  const head = Float64Array.from(xs.slice(0, Math.max(5, Math.floor(before / 2))));
  if (head.length >= before) return 0;
  const m = median(head);
  const mad = median(head.map((x) => Math.abs(x - m)));
  const limit = Math.max(SHIFT_DEVIATIONS * 1.4826 * mad, SHIFT_OF_RANGE * range);
  for (let i = head.length; i < before; i++) {
    if (Math.abs(xs[i] - m) <= limit) continue;
    let stays = true;
    for (let j = i + 1; j < Math.min(before, i + STAY); j++) if (Math.abs(xs[j] - m) <= limit) stays = false;
    if (!stays) continue;
    // back up to where the climb began: the last point still at the opening level, plus one
    let k = i;
    while (k > head.length && Math.abs(xs[k - 1] - m) > SHIFT_DEVIATIONS * 1.4826 * mad) k--;
    return k;
  }
  return 0;
}

/** `0.16–0.25 until 1710253860, then 29.86–30.41 from 1710253920, then rising 15→187 from …`. */
function segments(p: Points, starts: readonly number[]): string {
  const bounds = [0, ...starts, p.xs.length];
  const out: string[] = [];
  for (let s = 0; s + 1 < bounds.length; s++) {
    const [a, b] = [bounds[s], bounds[s + 1]];
    let lo = a;
    let hi = a;
    for (let i = a; i < b; i++) {
      if (p.xs[i] < p.xs[lo]) lo = i;
      if (p.xs[i] > p.xs[hi]) hi = i;
    }
    const level = lo === hi || p.xs[lo] === p.xs[hi] ? p.raw[lo] : trend(p, a, b, lo, hi);
    out.push(s === 0 ? `${level} until ${p.ts[b - 1]}` : `then ${level} from ${p.ts[a]}`);
  }
  return out.join(', ');
}

/** `rising 15→187` when a segment mostly climbs from its low to its high (falling likewise), else `low–high`. */
function trend(p: Points, a: number, b: number, lo: number, hi: number): string {
  let up = 0;
  let down = 0;
  for (let i = a + 1; i < b; i++) {
    if (p.xs[i] > p.xs[i - 1]) up++;
    else if (p.xs[i] < p.xs[i - 1]) down++;
  }
  const steps = b - a - 1;
  const spread = p.xs[hi] - p.xs[lo];
  if (steps >= 3 && up >= TREND_SHARE * steps && p.xs[b - 1] - p.xs[a] >= TREND_SHARE * spread)
    return `rising ${p.raw[a]}→${p.raw[b - 1]}`;
  if (steps >= 3 && down >= TREND_SHARE * steps && p.xs[a] - p.xs[b - 1] >= TREND_SHARE * spread)
    return `falling ${p.raw[a]}→${p.raw[b - 1]}`;
  return `${p.raw[lo]}–${p.raw[hi]}`;
}

function round(x: number): string {
  return Number(x.toPrecision(4)).toString();
}
