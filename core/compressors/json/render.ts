import { isObject, type Crush, type Json, type JsonObject } from './types.js';
import { inlineText, keyText, scalarText } from './scalar.js';
import { renderTable } from './table.js';
import { emitRows, keepMask, keptCount, type RowSet } from './rows.js';
import { BIG_CELL, INLINE_MAX, MIN_MAP_ROWS, MIN_SELECT_CHARS } from './limits.js';
import { objectColumns, type Column } from './columns.js';
import { tableSummary } from './markers.js';
import { MIN_SERIES_POINTS, seriesSummary } from './series.js';
import { formatMarker } from '../../ccr/marker.js';
import { proseObject, proseScalar } from './prose-strings.js';

/** Maps of objects need denser rows than arrays to be a table: a config object is not a list of records. */
const MIN_MAP_DENSITY = 0.5;

/**
 * Renders any JSON value as compact lines: scalars inline, small objects/arrays as compact JSON, arrays of records
 * and maps of records as tables, other objects as `key: value` lines (nested ones indented), other arrays as lists.
 * Recursion follows the document's nesting, which the parser bounds.
 */
export function renderValue(v: Json, crush: Crush, indent: string, head: string, out: string[]): void {
  if (v === null || typeof v !== 'object') out.push(indent + head + scalarText(proseScalar(v, crush), false));
  else if (Array.isArray(v)) renderArray(v, crush, indent, head, out);
  else renderObject(v, crush, indent, head, out);
}

function renderArray(arr: Json[], crush: Crush, indent: string, head: string, out: string[]): void {
  const n = arr.length;
  if (crush.lossy && n >= MIN_SERIES_POINTS) {
    // a metric series reads better as its shape than as a sample of its points (series.ts)
    const summary = seriesSummary(arr, crush.lastSpan);
    if (summary) {
      crush.lastSpan = summary.span;
      out.push(
        indent +
          head +
          formatMarker({ count: n, unit: 'points', id: crush.ctx.stash(JSON.stringify(arr)), note: summary.text }),
      );
      return;
    }
  }
  const set: RowSet = { values: arr, noun: 'rows', unit: 'rows', selectable: true };
  if (n >= 2 && (arr.every(isObject) || arr.every(Array.isArray))) {
    const lines: string[] = [];
    if (renderTable(set, crush, indent, head, lines)) {
      pushShorter(lines, arr, indent, head, out);
      return;
    }
  }
  if (arr.every(isScalar)) {
    renderScalars(arr, crush, indent, head, out);
    return;
  }
  const compact = compactWithin(arr, INLINE_MAX);
  if (compact !== undefined) out.push(indent + head + compact);
  else if (n === 1) renderValue(arr[0], crush, indent, indexHead(head), out);
  else renderList({ values: arr, noun: 'items', unit: 'items', selectable: true }, crush, indent, head, out);
}

/** `items: ` → `items[0]: ` for a one-element array shown by its element. */
function indexHead(head: string): string {
  if (head.endsWith(': ')) return `${head.slice(0, -2)}[0]: `;
  return `${head}[0]: `;
}

/** Arrays of scalars stay one JSON line; in the lossy pass long ones keep selected runs between markers. */
function renderScalars(arr: Json[], crush: Crush, indent: string, head: string, out: string[]): void {
  const set: RowSet = { values: arr, noun: 'items', unit: 'items', selectable: true };
  const column = valueColumn(arr);
  const keep = crush.lossy ? keepMask(set, crush, approxScalarChars(arr), MIN_SELECT_CHARS, [column]) : null;
  if (!keep) {
    out.push(indent + head + JSON.stringify(arr));
    return;
  }
  const inner = head ? `${indent}  ` : indent;
  out.push(`${indent}${head}[${arr.length} items, ${keptCount(keep, arr.length)} shown]`);
  let run: string[] = [];
  const flush = (): void => {
    if (run.length > 0) out.push(inner + run.join(', '));
    run = [];
  };
  emitRows(
    set,
    keep,
    crush,
    inner,
    out,
    (r) => {
      run.push(JSON.stringify(arr[r]));
      if (r + 1 < arr.length && !keep[r + 1]) flush();
    },
    tableSummary([column]),
  );
  flush();
}

/** Arrays that are not tables: one item per line (`- …`), big items crushed below their dash. */
export function renderList(set: RowSet, crush: Crush, indent: string, head: string, out: string[]): void {
  const n = set.values.length;
  const keep = keepMask(set, crush, approxListChars(set.values), MIN_SELECT_CHARS);
  const inner = head ? `${indent}  ` : indent;
  const shown = keptCount(keep, n);
  out.push(`${indent}${head}[${n} ${set.noun}${shown < n ? `, ${shown} shown` : ''}]`);
  emitRows(set, keep, crush, inner, out, (r) => {
    const v = set.values[r];
    const compact = compactWithin(v, BIG_CELL);
    if (compact !== undefined)
      out.push(`${inner}- ${v !== null && typeof v === 'object' ? compact : inlineText(proseScalar(v, crush), false)}`);
    else renderValue(v, crush, inner, '- ', out);
  });
}

function renderObject(obj: JsonObject, crush: Crush, indent: string, head: string, out: string[]): void {
  const keys = Object.keys(obj);
  if (keys.length === 0) {
    out.push(`${indent}${head}{}`);
    return;
  }
  const compact = compactWithin(obj, INLINE_MAX);
  if (compact !== undefined) {
    out.push(indent + head + compact);
    return;
  }
  const values = keys.map((k) => obj[k]);
  if (keys.length >= MIN_MAP_ROWS && values.every(isObject)) {
    const built = objectColumns(values);
    const set: RowSet = { values, keys, keyHeader: '(key)', noun: 'entries', unit: 'entries', selectable: true };
    const lines: string[] = [];
    if (built && built.density >= MIN_MAP_DENSITY && renderTable(set, crush, indent, head, lines)) {
      pushShorter(lines, obj, indent, head, out);
      return;
    }
  }
  if (crush.lossy && values.every(isScalar)) {
    const set: RowSet = { values, keys, noun: 'entries', unit: 'entries', selectable: true };
    const column = valueColumn(values);
    const keep = keepMask(set, crush, approxScalarChars(values) + keys.length * 4, MIN_SELECT_CHARS, [column]);
    if (keep) {
      const inner = head ? `${indent}  ` : indent;
      out.push(`${indent}${head}[${keys.length} entries, ${keptCount(keep, keys.length)} shown]`);
      const line = (r: number): void =>
        void out.push(`${inner}${keyText(keys[r])}: ${scalarText(proseScalar(values[r] as string, crush), false)}`);
      emitRows(set, keep, crush, inner, out, line, tableSummary([column]));
      return;
    }
  }
  // flat objects gain nothing from one line per key (JSON's quotes cost fewer tokens than the line breaks)
  if (values.every(isScalar)) {
    out.push(indent + head + JSON.stringify(proseObject(obj, crush)));
    return;
  }
  const inner = head ? `${indent}  ` : indent;
  if (head) out.push(indent + head.trimEnd());
  for (let i = 0; i < keys.length; i++) renderValue(values[i], crush, inner, `${keyText(keys[i])}: `, out);
}

/**
 * A table, or the value's compact JSON when that is shorter (pairs of numbers, maps of two-field records).
 * Indentation is not counted: runs of spaces cost next to nothing in tokens.
 */
function pushShorter(lines: readonly string[], value: Json, indent: string, head: string, out: string[]): void {
  let chars = -head.length;
  for (const l of lines) chars += l.trimStart().length + 1;
  const compact = compactWithin(value, chars);
  if (compact !== undefined) out.push(indent + head + compact);
  else for (const l of lines) out.push(l);
}

/** Scalars seen as one column, so selection finds their outliers and rare values like a table's. */
function valueColumn(values: Json[]): Column {
  return { name: 'value', leaf: 'value', values, depth: 0 };
}

function isScalar(v: Json): boolean {
  return v === null || typeof v !== 'object';
}

/** Compact JSON of v when it is at most `limit` characters; measured with an early exit, so big values cost little. */
export function compactWithin(v: Json, limit: number): string | undefined {
  let budget = limit;
  const stack: Json[] = [v];
  while (stack.length > 0) {
    const x = stack.pop()!;
    // a lower bound of the JSON length (escapes only add), so stopping early never rejects a value that fits
    if (x === null || typeof x !== 'object') {
      budget -= typeof x === 'string' ? x.length + 2 : typeof x === 'number' ? String(x).length : 4;
    } else if (Array.isArray(x)) {
      budget -= 1 + Math.max(1, x.length);
      for (const e of x) stack.push(e);
    } else {
      const ks = Object.keys(x);
      budget -= 1 + Math.max(1, ks.length);
      for (const k of ks) {
        budget -= k.length + 3;
        stack.push(x[k]);
      }
    }
    if (budget < 0) return undefined;
  }
  const text = JSON.stringify(v);
  return text.length <= limit ? text : undefined;
}

function approxScalarChars(values: readonly Json[]): number {
  let chars = 0;
  for (const v of values) chars += typeof v === 'string' ? v.length + 3 : 6;
  return chars;
}

function approxListChars(values: readonly Json[]): number {
  let chars = 0;
  for (const v of values) {
    chars += compactWithin(v, MIN_SELECT_CHARS)?.length ?? MIN_SELECT_CHARS;
    if (chars > MIN_SELECT_CHARS) break;
  }
  return chars;
}
