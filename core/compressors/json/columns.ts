import { isObject, type Json, type JsonObject } from './types.js';
import { MAX_COLUMNS, MAX_FLATTEN_DEPTH } from './limits.js';
import type { JsonText } from './json-text.js';

const MIN_FLATTEN_DENSITY = 0.5;
/** Repeated objects at least this long (on average) read better as references than as columns. */
const MIN_POOL_CHARS = 80;

/** One column of a table, stored column-major: `values[r]` is row r's value, `undefined` when the key is absent. */
export interface Column {
  /** Header name: the key, `parent.child` when flattened, `[i]` for positions in tuple rows. */
  name: string;
  /** The key itself (last segment), for the status/id heuristics. */
  leaf: string;
  values: (Json | undefined)[];
  /** How many object levels were flattened to reach this column. */
  depth: number;
  /** The `(more)` column: each row's rare keys as one object. Never flattened, never constant. */
  extra?: boolean;
}

/** Name of the column that gathers each row's rare keys. */
export const MORE_COLUMN = '(more)';
/** Keys present in fewer than this share of rows go to the `(more)` column instead of a mostly empty column. */
const RARE_KEY_SHARE = 0.2;

/**
 * Columns of rows that are all objects, keys in first-seen order, with keys few rows have gathered per row into
 * one `(more)` column; null when too wide. Also returns the fill ratio of the regular columns.
 */
export function objectColumns(rows: readonly Json[]): { columns: Column[]; density: number } | null {
  const n = rows.length;
  const byName = new Map<string, Column>();
  const columns: Column[] = [];
  let filled = 0;
  for (let r = 0; r < n; r++) {
    const row = rows[r] as JsonObject;
    for (const k of Object.keys(row)) {
      let col = byName.get(k);
      if (!col) {
        if (columns.length >= MAX_COLUMNS) return null;
        col = { name: k, leaf: k, values: new Array<Json | undefined>(n).fill(undefined), depth: 0 };
        byName.set(k, col);
        columns.push(col);
      }
      col.values[r] = row[k];
      filled++;
    }
  }
  if (columns.length === 0) return null;
  return gatherRareKeys(columns, n, filled);
}

function gatherRareKeys(columns: Column[], n: number, filled: number): { columns: Column[]; density: number } {
  const present = columns.map((c) => c.values.reduce((k: number, v) => (v === undefined ? k : k + 1), 0));
  const rare = columns.filter((_, i) => present[i] < RARE_KEY_SHARE * n);
  if (rare.length < 2 || rare.length === columns.length || columns.some((c) => c.name === MORE_COLUMN)) {
    return { columns, density: filled / (n * columns.length) };
  }
  const regular = columns.filter((_, i) => present[i] >= RARE_KEY_SHARE * n);
  const more: Column = {
    name: MORE_COLUMN,
    leaf: MORE_COLUMN,
    values: new Array<Json | undefined>(n).fill(undefined),
    depth: 0,
    extra: true,
  };
  for (let r = 0; r < n; r++) {
    let obj: JsonObject | undefined;
    for (const col of rare) {
      const v = col.values[r];
      if (v === undefined) continue;
      (obj ??= {})[col.name] = v;
      filled--;
    }
    more.values[r] = obj;
  }
  return { columns: [...regular, more], density: filled / (n * regular.length) };
}

/** Columns `[0]`, `[1]`, … of rows that are all arrays of the same short length (e.g. Prometheus `[ts, "value"]`). */
export function tupleColumns(rows: readonly Json[], json: JsonText): Column[] | null {
  const first = rows[0];
  if (!Array.isArray(first) || first.length < 2 || first.length > 16) return null;
  const width = first.length;
  const columns: Column[] = [];
  for (let i = 0; i < width; i++)
    columns.push({ name: `[${i}]`, leaf: `[${i}]`, values: new Array<Json | undefined>(rows.length), depth: 0 });
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!Array.isArray(row) || row.length !== width) return null;
    for (let i = 0; i < width; i++) {
      const v = row[i];
      if (v !== null && typeof v === 'object' && json.of(v).length > 40) return null;
      columns[i].values[r] = v;
    }
  }
  return columns;
}

/**
 * Replaces object-valued columns by one dotted column per child key (`metadata.name`, `metadata.namespace`, …) when
 * every row has an object there and the objects are mostly distinct (repeated ones are better as references).
 * Children may then turn out constant or derivable, which is where the savings come from.
 */
export function flattenColumns(columns: Column[], n: number, json: JsonText): Column[] {
  const names = new Set(columns.map((c) => c.name));
  const out: Column[] = [];
  const work = [...columns].reverse();
  while (work.length > 0) {
    const col = work.pop()!;
    const kids =
      out.length + work.length < MAX_COLUMNS
        ? splitColumn(col, n, names, MAX_COLUMNS - out.length - work.length, json)
        : null;
    if (kids) for (let i = kids.length - 1; i >= 0; i--) work.push(kids[i]);
    else out.push(col);
  }
  return out;
}

function splitColumn(col: Column, n: number, names: Set<string>, room: number, json: JsonText): Column[] | null {
  if (col.extra || col.depth >= MAX_FLATTEN_DEPTH || n < 2 || col.leaf.includes('.')) return null;
  const objects = objectsOf(col);
  if (!objects) return null;
  // a one-element list in every row (a pod's `containers`, `hostIPs`) is flattened through its element
  const base = objects.wrapped ? `${col.name}[0]` : col.name;
  const kids = new Map<string, Column>();
  let filled = 0;
  for (let r = 0; r < n; r++) {
    const obj = objects.values[r];
    for (const k of Object.keys(obj)) {
      filled++;
      let kid = kids.get(k);
      if (!kid) {
        const name = `${base}.${k}`;
        if (k.includes('.') || k.includes('[') || names.has(name) || kids.size + 1 > room) return null;
        kid = { name, leaf: k, values: new Array<Json | undefined>(n).fill(undefined), depth: col.depth + 1 };
        kids.set(k, kid);
      }
      kid.values[r] = obj[k];
    }
  }
  // objects keyed by data (dependency maps) rather than by a schema share few keys: not columns
  if (kids.size === 0 || filled < MIN_FLATTEN_DENSITY * n * kids.size) return null;
  // mostly repeated big objects (the same `user` in many rows) are left whole for the reference pool
  const seen = new Set<string>();
  let chars = 0;
  for (const v of objects.values) {
    const text = json.of(v);
    chars += text.length;
    seen.add(text);
  }
  if (seen.size * 2 <= n && chars >= MIN_POOL_CHARS * n) return null;
  for (const kid of kids.values()) names.add(kid.name);
  return [...kids.values()];
}

/** The column's objects when every row has one (or a list of exactly one), else null. */
function objectsOf(col: Column): { values: JsonObject[]; wrapped: boolean } | null {
  const first = col.values[0];
  const wrapped = Array.isArray(first);
  const values: JsonObject[] = [];
  for (const v of col.values) {
    const obj = wrapped ? (Array.isArray(v) && v.length === 1 ? v[0] : undefined) : v;
    if (!isObject(obj)) return null;
    values.push(obj);
  }
  return { values, wrapped };
}
