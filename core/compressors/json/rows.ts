import type { Json } from './types.js';
import type { Crush } from './types.js';
import type { Column } from './columns.js';
import { selectRows } from './select-rows.js';
import { dropMarker, type RunSummary } from './markers.js';
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

/** The keep mask for a set in the lossy pass when it is big enough to be worth selecting, else null (keep all). */
export function keepMask(set: RowSet, crush: Crush, approxChars: number, minChars: number, columns?: readonly Column[]): Uint8Array | null {
  const n = set.values.length;
  if (!crush.lossy || !set.selectable || n < MIN_SELECT_ROWS || approxChars <= minChars) return null;
  const keep = selectRows({ values: set.values, keys: set.keys, lines: set.lines, columns }, crush.ctx);
  let kept = 0;
  for (let r = 0; r < n; r++) kept += keep[r];
  return kept < n ? keep : null;
}

/** Calls emit for each kept row in order and puts one marker line in place of each run of dropped rows. */
export function emitRows(
  set: RowSet,
  keep: Uint8Array | null,
  crush: Crush,
  indent: string,
  out: string[],
  emit: (r: number) => void,
  summary?: RunSummary,
): void {
  const n = set.values.length;
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

export function keptCount(keep: Uint8Array | null, n: number): number {
  if (!keep) return n;
  let k = 0;
  for (let r = 0; r < n; r++) k += keep[r];
  return k;
}
