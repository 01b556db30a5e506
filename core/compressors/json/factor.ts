import type { Column } from './columns.js';
import { MIN_FACTOR_ROWS } from './limits.js';
import type { JsonText } from './json-text.js';

/** Columns present in every row with one and the same value: stated once as `all rows: {…}`. */
export function constantColumns(columns: readonly Column[], n: number, json: JsonText): Set<Column> {
  const out = new Set<Column>();
  if (n < MIN_FACTOR_ROWS) return out;
  for (const col of columns) if (!col.extra && isConstant(col, json)) out.add(col);
  return out;
}

function isConstant(col: Column, json: JsonText): boolean {
  const vs = col.values;
  const first = vs[0];
  if (first === undefined) return false;
  if (first === null || typeof first !== 'object') {
    for (let r = 1; r < vs.length; r++) if (vs[r] !== first) return false;
    return true;
  }
  const text = json.of(first);
  for (let r = 1; r < vs.length; r++) {
    const v = vs[r];
    if (v === null || typeof v !== 'object' || json.of(v) !== text) return false;
  }
  return true;
}

/**
 * What an empty cell stands for in a table: null (no key is ever absent), absent (no value is ever null), or both
 * differ.
 */
export type EmptyMeans = 'null' | 'absent' | null;

export function emptyMeaning(columns: readonly Column[]): EmptyMeans {
  let hasNull = false;
  let hasAbsent = false;
  for (const col of columns) {
    for (const v of col.values) {
      if (v === null) hasNull = true;
      else if (v === undefined) hasAbsent = true;
    }
    if (hasNull && hasAbsent) break;
  }
  if (hasAbsent) return 'absent'; // nulls, if any, are then written `null`
  return hasNull ? 'null' : null;
}
