import type { CompressContext } from '../../types.js';
import type { Column } from './columns.js';
import type { Json } from './types.js';
import { FailureDetector } from './signals.js';
import { relevanceScores, type Relevance } from './relevance.js';
import { changePointRows, numericSeries, outlierRows, rareValueRows, timeOrdered } from './stats.js';
import {
  BREAK_MIN,
  BREAK_RATIO,
  FILL_CAP,
  FILL_FRACTION,
  KEEP_FIRST,
  KEEP_LAST,
  MAX_ERROR_ROWS,
  MAX_QUERY_ROWS,
  MIN_QUERY_ROWS,
  RELEVANT_SHARE,
} from './limits.js';

/** The rows of one array/map/NDJSON document that selection chooses among. */
export interface SelectInput {
  values: readonly Json[];
  /** Entry keys when the rows are an object's entries (matched against the query too). */
  keys?: readonly string[];
  /** Exact text of each row when known (NDJSON lines): matched against the query as is. */
  lines?: readonly string[];
  /** Table columns, when the rows form a table (enables numeric outliers, change points and rare values). */
  columns?: readonly Column[];
  /** The dropped rows' identifiers will be listed in their markers. */
  named?: boolean;
  /** Receives the rows' relevance to the query, when it has terms (to list dropped rows best first). */
  rank?: RowRank;
}

export interface RowRank {
  relevance?: Relevance;
}

/**
 * Which rows survive the lossy stage. Always kept: failure rows, numeric outliers and change points, rare values of
 * low-cardinality columns, the rows that answer the query best. Then, as a sample of the rest, the first and last few
 * rows, and the first and last runs grow until about a tenth of the rows is kept; no sample when the query picked
 * rows out and the markers name every dropped row. Deterministic; original order is the caller's.
 */
export function selectRows(input: SelectInput, ctx: CompressContext): Uint8Array {
  const n = input.values.length;
  const keep = new Uint8Array(n);
  keepFailures(input.values, keep);
  if (input.columns) keepAnomalies(input.columns, keep);
  const relevant = ctx.queryTerms.length > 0 ? keepRelevant(input, ctx, keep) : 0;
  // rows the query picked out, with every other row named in a marker, need no sample beside them
  if (relevant > 0 && input.named) return keep;
  for (let r = 0; r < Math.min(KEEP_FIRST, n); r++) keep[r] = 1;
  for (let r = Math.max(0, n - KEEP_LAST); r < n; r++) keep[r] = 1;
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
 * Rows that answer the query best (relevance.ts): definitions of the symbol it names, then the rows that are not
 * demoted (or, when all matching rows are, the demoted ones), scoring at least RELEVANT_SHARE of the best of them
 * and above the natural break in their scores, most relevant first, at most a quarter of the rows (between
 * MIN_QUERY_ROWS and MAX_QUERY_ROWS): a query that matches most rows a little does not keep most rows.
 */
function keepRelevant(input: SelectInput, ctx: CompressContext, keep: Uint8Array): number {
  const rel = relevanceScores(input, ctx);
  if (!rel) return 0;
  if (input.rank) input.rank.relevance = rel;
  const { scores, demoted, defines } = rel;
  const n = scores.length;
  // definitions of the queried symbol are kept outright; the bar for the rest is set by the rest
  let picked = 0;
  for (let r = 0; r < n; r++) {
    if (defines[r] && !demoted[r]) {
      keep[r] = 1;
      picked++;
    }
  }
  let tier = 0;
  let max = 0;
  for (let r = 0; r < n; r++) if (!defines[r] && scores[r] > 0 && !demoted[r] && scores[r] > max) max = scores[r];
  if (max === 0 && picked === 0) {
    tier = 1;
    for (let r = 0; r < n; r++) if (scores[r] > max) max = scores[r];
  }
  if (max === 0) return picked;
  const matched: number[] = [];
  for (let r = 0; r < n; r++) if (!keep[r] && demoted[r] === tier && scores[r] > 0) matched.push(r);
  matched.sort((a, b) => scores[b] - scores[a] || a - b);
  // the break is read over every matching row, the floor after it
  matched.length = naturalBreak(matched.map((r) => scores[r]));
  while (matched.length > 0 && scores[matched[matched.length - 1]] < max * RELEVANT_SHARE) matched.pop();
  const cap = Math.max(MIN_QUERY_ROWS, Math.min(MAX_QUERY_ROWS, Math.ceil(n / 4)));
  for (const r of matched.slice(0, Math.max(0, cap - picked))) {
    keep[r] = 1;
    picked++;
  }
  return picked;
}

/**
 * How many of the scores (sorted, highest first) stand apart from the rest: the cut goes at the steepest drop
 * between neighbours when it halves the score or more (the rows that name the query's rare words, then the rows
 * that only share a common one), after at least BREAK_MIN rows; without such a drop all stay.
 */
function naturalBreak(sorted: readonly number[]): number {
  let best = BREAK_RATIO;
  let cut = sorted.length;
  for (let i = BREAK_MIN - 1; i + 1 < sorted.length; i++) {
    const ratio = sorted[i] / sorted[i + 1];
    if (ratio >= best) {
      best = ratio;
      cut = i + 1;
    }
  }
  return cut;
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
