import type { Json } from './types.js';
import type { Crush } from './types.js';
import type { Column } from './columns.js';
import { selectRows, type RowRank } from './select-rows.js';
import { dropMarker, type RunSummary } from './markers.js';
import { formatMarker } from '../../ccr/marker.js';
import { MIN_SELECT_ROWS } from './limits.js';

/** The rows of an array, an object's entries or an NDJSON document: what tables and lists render and select among. */
export interface RowSet {
  values: readonly Json[];
  /** Entry keys when the rows came from an object (shown as the first column). */
  keys?: readonly string[];
  /** Header of the key column: `(key)` for map entries, `@` for reference definitions. */
  keyHeader?: string;
  /** Exact text of each row when known (NDJSON lines): stashed as is. */
  lines?: readonly string[];
  /** Shown in the header: `[42 rows]`. */
  noun: string;
  /** Marker unit for dropped rows. */
  unit: string;
  /** Reference definitions must all stay; everything else may be selected in the lossy pass. */
  selectable: boolean;
}

/** The exact content of rows [start, end) for CCR: JSON array, JSON object for entries, NDJSON lines as they were. */
export function stashText(set: RowSet, start: number, end: number): string {
  if (set.lines) return set.lines.slice(start, end).join('\n');
  if (set.keys) {
    const parts: string[] = [];
    for (let r = start; r < end; r++) parts.push(`${JSON.stringify(set.keys[r])}:${JSON.stringify(set.values[r])}`);
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(set.values.slice(start, end));
}

/** The lossy pass selects among this set's rows (it is big enough to be worth it). */
export function wouldSelect(set: RowSet, crush: Crush, approxChars: number, minChars: number): boolean {
  return crush.lossy && set.selectable && set.values.length >= MIN_SELECT_ROWS && approxChars > minChars;
}

/**
 * The keep mask for a set in the lossy pass when it is big enough to be worth selecting, else null (keep all).
 * `named`: the markers will list the dropped rows' identifiers; `rank` receives the rows' relevance to the query.
 */
export function keepMask(
  set: RowSet,
  crush: Crush,
  approxChars: number,
  minChars: number,
  columns?: readonly Column[],
  named = false,
  rank?: RowRank,
): Uint8Array | null {
  const n = set.values.length;
  if (!wouldSelect(set, crush, approxChars, minChars)) return null;
  const keep = selectRows({ values: set.values, keys: set.keys, lines: set.lines, columns, named, rank }, crush.ctx);
  let kept = 0;
  for (let r = 0; r < n; r++) kept += keep[r];
  return kept < n ? keep : null;
}

/** A run-by-run marker costs its header each time: past this many runs, one marker stands for all dropped rows. */
const MAX_RUN_MARKERS = 3;

/**
 * Calls emit for each kept row in order and puts one marker line in place of each run of dropped rows. When the
 * kept rows are scattered (more than MAX_RUN_MARKERS runs) and `gather` allows it, one marker after the rows stands
 * for all dropped rows instead: its stash is a JSON object of the dropped rows keyed by their index. Positions mean
 * nothing in a list of records (search hits, issues), so nothing is lost by not marking them; time series with
 * long runs, maps and NDJSON keep their runs (`gather` absent).
 */
export function emitRows(
  set: RowSet,
  keep: Uint8Array | null,
  crush: Crush,
  indent: string,
  out: string[],
  emit: (r: number) => void,
  summary?: RunSummary,
  gather?: (rows: readonly number[]) => string,
): void {
  const n = set.values.length;
  if (keep && gather && !set.keys && !set.lines && runCount(keep) > MAX_RUN_MARKERS) {
    const dropped: string[] = [];
    const rows: number[] = [];
    for (let r = 0; r < n; r++) {
      if (keep[r]) emit(r);
      else {
        dropped.push(`${JSON.stringify(String(r))}:${JSON.stringify(set.values[r])}`);
        rows.push(r);
      }
    }
    const id = crush.ctx.stash(`{${dropped.join(',')}}`);
    const note = gather(rows);
    out.push(
      indent +
        formatMarker({
          count: rows.length,
          unit: set.unit,
          id,
          note: `the ${set.unit} not shown, by index${note ? `; ${note}` : ''}`,
        }),
    );
    return;
  }
  let r = 0;
  while (r < n) {
    if (!keep || keep[r]) {
      emit(r);
      r++;
      continue;
    }
    let end = r;
    while (end < n && !keep[end]) end++;
    out.push(indent + dropMarker(r, end, stashText(set, r, end), set.unit, crush.ctx, summary));
    r = end;
  }
}

function runCount(keep: Uint8Array): number {
  let runs = 0;
  for (let r = 0; r < keep.length; r++) if (!keep[r] && (r === 0 || keep[r - 1])) runs++;
  return runs;
}

export function keptCount(keep: Uint8Array | null, n: number): number {
  if (!keep) return n;
  let k = 0;
  for (let r = 0; r < n; r++) k += keep[r];
  return k;
}
