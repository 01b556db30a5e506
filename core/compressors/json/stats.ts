import type { Column } from './columns.js';
import { numericValue } from './scalar.js';
import { MAX_OUTLIERS, OUTLIER_SHARE } from './limits.js';

/** Identifier, position and time columns: their extremes and jumps are not anomalies. */
const ID_WORD = new RegExp(
  String.raw`(?:^|[_.\-])(?:id|uid|uuid|guid|number|num|no|index|idx|seq|sequence|offset|pid|port|line|row` +
    String.raw`|position|pos|ts|time|timestamp|date|datetime|epoch|created|updated|modified|at)$`,
);
const ID_CAMEL = /[a-z0-9](?:Id|ID|Number|Num|Index|Port|Line|Offset|Time|Timestamp|At|Date)$/;
const ISO_TIME = /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d/;

function idLike(leaf: string): boolean {
  return ID_CAMEL.test(leaf) || ID_WORD.test(leaf.toLowerCase());
}

/**
 * True when some column is a clock in order (ISO timestamps, or epoch seconds/milliseconds, sorted either way):
 * the rows are a time series, so jumps between neighbours mean something.
 */
export function timeOrdered(columns: readonly Column[]): boolean {
  for (const col of columns) {
    const vs = col.values;
    if (vs.length < 4) return false;
    const first = vs[0];
    const isIso = typeof first === 'string' && ISO_TIME.test(first);
    const isEpoch = typeof first === 'number' && first >= 1e9;
    if (!isIso && !isEpoch) continue;
    let up = true;
    let down = true;
    for (let r = 1; r < vs.length && (up || down); r++) {
      const a = vs[r - 1];
      const b = vs[r];
      if (isIso ? typeof b !== 'string' || !ISO_TIME.test(b) : typeof b !== 'number') {
        up = down = false;
        break;
      }
      if (b! < a!) up = false;
      if (b! > a!) down = false;
    }
    if (up || down) return true;
  }
  return false;
}

/** A numeric column's present values with their row numbers; undefined when the column is not (mostly) numeric. */
export interface Series {
  rows: number[];
  xs: Float64Array;
}

export function numericSeries(col: Column, minPoints: number): Series | undefined {
  if (idLike(col.leaf)) return undefined;
  const rows: number[] = [];
  const xs: number[] = [];
  let present = 0;
  for (let r = 0; r < col.values.length; r++) {
    const v = col.values[r];
    if (v === undefined || v === null) continue;
    present++;
    const x = numericValue(v);
    if (x === undefined) continue;
    rows.push(r);
    xs.push(x);
  }
  if (xs.length < minPoints || xs.length < present * 0.8) return undefined;
  const series = { rows, xs: Float64Array.from(xs) };
  return monotonic(series.xs) ? undefined : series;
}

/** Strictly increasing or decreasing: a counter, an id or a clock, whatever its name. */
function monotonic(xs: Float64Array): boolean {
  let up = true;
  let down = true;
  for (let i = 1; i < xs.length && (up || down); i++) {
    if (xs[i] <= xs[i - 1]) up = false;
    if (xs[i] >= xs[i - 1]) down = false;
  }
  return up || down;
}

/** Median in linear expected time (quickselect on a copy; the pivot is the middle element, so no randomness). */
export function median(xs: Float64Array): number {
  const a = Float64Array.from(xs);
  const m = a.length >> 1;
  const hi = select(a, m);
  if (a.length % 2) return hi;
  let lo = -Infinity;
  for (let i = 0; i < m; i++) if (a[i] > lo) lo = a[i];
  return (lo + hi) / 2;
}

/** Rearranges a so that a[k] is the k-th smallest and everything before it is ≤ it; returns a[k]. */
function select(a: Float64Array, k: number): number {
  let left = 0;
  let right = a.length - 1;
  while (right > left) {
    const pivot = a[(left + right) >> 1];
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return a[k];
}

function cap(n: number): number {
  return Math.max(MAX_OUTLIERS, Math.ceil(OUTLIER_SHARE * n));
}

/**
 * Indexes (into the series) of values far from the median: more than 3 robust standard deviations (1.4826 × MAD).
 * When most values are equal (MAD = 0), the few that differ are the outliers. Most extreme first, capped.
 */
function outlierPoints(xs: Float64Array): number[] {
  const n = xs.length;
  const m = median(xs);
  const dev = xs.map((x) => Math.abs(x - m));
  const mad = median(dev);
  const picked: number[] = [];
  if (mad > 0) {
    const limit = 3 * 1.4826 * mad;
    for (let i = 0; i < n; i++) if (dev[i] > limit) picked.push(i);
  } else {
    for (let i = 0; i < n; i++) if (dev[i] > 0) picked.push(i);
    if (picked.length > Math.max(2, 0.05 * n)) return [];
  }
  picked.sort((a, b) => dev[b] - dev[a] || a - b);
  return picked.slice(0, cap(n));
}

/** Rows of numeric outliers in a series. */
export function outlierRows(s: Series): number[] {
  return outlierPoints(s.xs).map((i) => s.rows[i]);
}

/**
 * Rows on both sides of unusual jumps between consecutive values: level shifts and the edges of spikes. A jump is
 * unusual when it is far (6 robust deviations) from the typical step, or, when steps are all alike, when it differs.
 */
export function changePointRows(s: Series): number[] {
  const n = s.xs.length;
  if (n < 4) return [];
  const steps = new Float64Array(n - 1);
  for (let i = 1; i < n; i++) steps[i - 1] = s.xs[i] - s.xs[i - 1];
  const m = median(steps);
  const dev = steps.map((d) => Math.abs(d - m));
  const mad = median(dev);
  const picked: number[] = [];
  if (mad > 0) {
    const limit = 6 * 1.4826 * mad;
    for (let i = 0; i < dev.length; i++) if (dev[i] > limit) picked.push(i);
  } else {
    for (let i = 0; i < dev.length; i++) if (dev[i] > 0) picked.push(i);
    if (picked.length > Math.max(2, 0.05 * n)) return [];
  }
  picked.sort((a, b) => dev[b] - dev[a] || a - b);
  const out: number[] = [];
  for (const i of picked.slice(0, cap(n))) out.push(s.rows[i], s.rows[i + 1]);
  return out;
}

/** A value is rare when at most 1 in RARE_SHARE rows hold it (and at most two): in 27 rows, two alike are not. */
const RARE_SHARE = 20;

/**
 * Rows holding a rare value of a low-cardinality column: the one `degraded` among 200 `ok`, the only row that has an
 * `error` key at all. Columns with many distinct values (names, titles) say nothing this way.
 */
export function rareValueRows(col: Column): number[] {
  const n = col.values.length;
  if (n < 10) return [];
  const maxDistinct = Math.max(2, Math.min(12, Math.floor(n / 4)));
  const counts = new Map<string, number>();
  const keys: string[] = new Array(n);
  for (let r = 0; r < n; r++) {
    const v = col.values[r];
    if (v !== null && typeof v === 'object') return [];
    if (typeof v === 'string' && v.length > 64) return [];
    const key = v === undefined ? '\u0000absent' : typeof v === 'string' ? `s${v}` : String(v);
    keys[r] = key;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (counts.size > maxDistinct) return [];
  }
  if (counts.size < 2) return [];
  const out: number[] = [];
  for (let r = 0; r < n; r++) {
    const c = counts.get(keys[r])!;
    if (c <= 2 && c * RARE_SHARE <= n) out.push(r);
  }
  return out;
}
