import type { CompressContext } from '../../types.js';
import { formatMarker } from '../../ccr/marker.js';
import type { Column } from './columns.js';
import { numericSeries } from './stats.js';
import { numericValue } from './scalar.js';

const MAX_NOTE_PARTS = 3;
const MAX_NOTE_COLUMNS = 24;
const MAX_NOTE_VALUE = 24;

/** Describes a run of dropped rows in a few words. */
export type RunSummary = (start: number, end: number) => string;

/**
 * The marker line standing for rows [start, end) that the selection dropped. `stashText` is the exact content
 * to retrieve (a JSON array of the rows, map entries as a JSON object, NDJSON lines as they were).
 */
export function dropMarker(
  start: number,
  end: number,
  stashText: string,
  unit: string,
  ctx: CompressContext,
  summary?: RunSummary,
): string {
  const range = end - start === 1 ? `index ${start}` : `index ${start}–${end - 1}`;
  const facts = summary ? summary(start, end) : '';
  return formatMarker({
    count: end - start,
    unit,
    id: ctx.stash(stashText),
    note: facts ? `${range}; ${facts}` : range,
  });
}

/**
 * Summaries from a table's shown columns: values the dropped rows share (`status=ok`) and ranges of numeric
 * columns (`latency_ms 12–40`). Numeric-ness is decided once per table, so each run costs only its own rows.
 */
export function tableSummary(columns: readonly Column[]): RunSummary {
  const cols = columns.slice(0, MAX_NOTE_COLUMNS).map((col) => ({ col, numeric: numericSeries(col, 8) !== undefined }));
  return (start, end) => {
    const parts: string[] = [];
    for (const { col, numeric } of cols) {
      if (parts.length >= MAX_NOTE_PARTS) break;
      const same = sharedValue(col, start, end);
      let part: string | undefined;
      if (same !== undefined) part = `${col.leaf}=${same}`;
      else if (numeric && end - start >= 2) {
        const range = numericRange(col, start, end);
        if (range) part = `${col.leaf} ${range}`;
      }
      // two columns of one leaf name and value (`metadata.namespace`, `involvedObject.namespace`) say it once
      if (part !== undefined && !parts.includes(part)) parts.push(part);
    }
    return parts.join(', ').replace(/[[\]\n\r·]/g, ' ');
  };
}

function sharedValue(col: Column, start: number, end: number): string | undefined {
  const v = col.values[start];
  if (v === undefined || v === null || typeof v === 'object') return undefined;
  if (typeof v === 'string' && (v.length > MAX_NOTE_VALUE || v.length === 0)) return undefined;
  for (let r = start + 1; r < end; r++) if (col.values[r] !== v) return undefined;
  return String(v);
}

function numericRange(col: Column, start: number, end: number): string | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (let r = start; r < end; r++) {
    const x = numericValue(col.values[r]);
    if (x === undefined) continue;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  if (lo === Infinity) return undefined;
  return lo === hi ? String(lo) : `${lo}–${hi}`;
}
