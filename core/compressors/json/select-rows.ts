import type { CompressContext } from '../../types.js';
import type { Column } from './columns.js';
import type { Json } from './types.js';
import { FailureDetector } from './signals.js';
import { QueryMatcher } from './query-match.js';
import { changePointRows, numericSeries, outlierRows, rareValueRows, timeOrdered } from './stats.js';
import { FILL_CAP, FILL_FRACTION, KEEP_FIRST, KEEP_LAST, MAX_ERROR_ROWS, MAX_QUERY_ROWS } from './limits.js';

/** The rows of one array/map/NDJSON document that selection chooses among. */
export interface SelectInput {
  values: readonly Json[];
  /** Entry keys when the rows are an object's entries (matched against the query too). */
  keys?: readonly string[];
  /** Exact text of each row when known (NDJSON lines): matched against the query as is. */
  lines?: readonly string[];
  /** Table columns, when the rows form a table (enables numeric outliers, change points and rare values). */
  columns?: readonly Column[];
}

/**
 * Which rows survive the lossy stage. Always kept: failure rows, numeric outliers and change points, rare values of
 * low-cardinality columns, rows matching the query's selective terms, the first and last few rows; then the first
 * and last runs grow until about a tenth of the rows is kept. Deterministic; original order is the caller's.
 */
export function selectRows(input: SelectInput, ctx: CompressContext): Uint8Array {
  const n = input.values.length;
  const keep = new Uint8Array(n);
  for (let r = 0; r < Math.min(KEEP_FIRST, n); r++) keep[r] = 1;
  for (let r = Math.max(0, n - KEEP_LAST); r < n; r++) keep[r] = 1;

  keepFailures(input.values, keep);
  if (input.columns) keepAnomalies(input.columns, keep);
  if (ctx.queryTerms.length > 0) keepQueryMatches(input, ctx.queryTerms, keep);
  fill(keep);
  return keep;
}

function keepFailures(values: readonly Json[], keep: Uint8Array): void {
  const detector = new FailureDetector();
  const seen = new Set<string>();
  let kept = 0;
  for (let r = 0; r < values.length; r++) {
    const sig = detector.signature(values[r]);
    if (sig === undefined) continue;
    // an error flood keeps every distinct failure, and all of them while they are few
    if (kept < MAX_ERROR_ROWS || !seen.has(sig)) {
      keep[r] = 1;
      kept++;
    }
    seen.add(sig);
  }
}

function keepAnomalies(columns: readonly Column[], keep: Uint8Array): void {
  // neighbours only mean something in a time series; elsewhere a jump between rows is just the next record
  const ordered = timeOrdered(columns);
  for (const col of columns) {
    const series = numericSeries(col, 8);
    if (series) {
      for (const r of outlierRows(series)) keep[r] = 1;
      if (ordered) for (const r of changePointRows(series)) keep[r] = 1;
    } else {
      for (const r of rareValueRows(col)) keep[r] = 1;
    }
  }
}

/**
 * Rows that mention the query. Terms found in more than half the rows (the repository name every URL holds) do not
 * select anything; rows matching more of the selective terms come first when there are too many.
 */
function keepQueryMatches(input: SelectInput, terms: readonly string[], keep: Uint8Array): void {
  const n = input.values.length;
  const matcher = new QueryMatcher(terms);
  const hits = new Uint32Array(n);
  const perTerm = new Uint32Array(Math.min(terms.length, 31));
  for (let r = 0; r < n; r++) {
    const h = matcher.rowHits(input.values[r], input.keys?.[r], input.lines?.[r]);
    hits[r] = h;
    for (let i = 0; i < perTerm.length; i++) if (h & (1 << i)) perTerm[i]++;
  }
  let selective = 0;
  for (let i = 0; i < perTerm.length; i++) if (perTerm[i] > 0 && perTerm[i] <= Math.max(1, n / 2)) selective |= 1 << i;
  if (selective === 0) return;
  const score = (r: number): number => popcount(hits[r] & selective);
  const matched: number[] = [];
  for (let r = 0; r < n; r++) if (hits[r] & selective) matched.push(r);
  matched.sort((a, b) => score(b) - score(a) || a - b);
  for (const r of matched.slice(0, MAX_QUERY_ROWS)) keep[r] = 1;
}

function popcount(x: number): number {
  let c = 0;
  for (let v = x >>> 0; v; v &= v - 1) c++;
  return c;
}

/**
 * Filler rows up to FILL_FRACTION of the array (at most FILL_CAP), taken by extending the last and first runs:
 * the reader sees more typical rows, the newest ones first, and no filler costs an extra marker.
 */
function fill(keep: Uint8Array): void {
  const n = keep.length;
  let kept = 0;
  for (let r = 0; r < n; r++) kept += keep[r];
  let need = Math.min(Math.ceil(FILL_FRACTION * n), kept + FILL_CAP) - kept;
  let head = 0;
  let tail = n - 1;
  let fromTail = true;
  while (need > 0 && head <= tail) {
    if (fromTail) {
      while (tail >= head && keep[tail]) tail--;
      if (tail >= head) {
        keep[tail] = 1;
        need--;
      }
    } else {
      while (head <= tail && keep[head]) head++;
      if (head <= tail) {
        keep[head] = 1;
        need--;
      }
    }
    fromTail = !fromTail;
  }
}
