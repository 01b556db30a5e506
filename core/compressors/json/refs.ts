import type { Column } from './columns.js';
import { isObject, type Json, type JsonObject, type RefNamer } from './types.js';
import { MIN_REF_CHARS } from './limits.js';
import type { JsonText } from './json-text.js';

/** Repeated sub-objects of one table, each defined once and referenced by name. */
export interface RefPool {
  /** Compact JSON of a pooled object → its reference name. */
  byJson: Map<string, string>;
  /** Definitions grouped by shape (same keys), so an `assignee` joins the `user` table; first-appearance order. */
  groups: RefGroup[];
}

export interface RefGroup {
  /** The column where the first object of this shape appeared (names the group). */
  column: Column;
  names: string[];
  values: JsonObject[];
}

/**
 * Pools the object cells (and objects inside array cells) of columns where identical objects repeat: the same
 * `user`, `owner`, `labels` entry or `ownerReferences` in many rows. When most of a column's objects are repeats,
 * ALL its objects are named (singletons too) so the definitions form one complete, uniform list; otherwise only the
 * repeated ones. Other columns reuse a name when their object equals a pooled one (an `assignee` who is a `user`).
 */
export function buildRefPool(
  columns: readonly Column[],
  rows: readonly number[],
  namer: RefNamer,
  json: JsonText,
): RefPool {
  const pool: RefPool = { byJson: new Map(), groups: [] };
  const byShape = new Map<string, RefGroup>();
  for (const col of columns) {
    // the `(more)` grab bag stays inline: a reference there would send the reader looking for rare keys elsewhere
    if (col.extra) continue;
    const counts = repeats(col, rows, json);
    if (!counts) continue;
    const all = counts.size <= REPEAT_SHARE * total(counts);
    const prefix = refPrefix(col.leaf);
    for (const r of rows) {
      forEachObject(col.values[r], (obj) => {
        const text = json.of(obj);
        if (text.length < MIN_REF_CHARS || pool.byJson.has(text) || (!all && counts.get(text)! < 2)) return;
        const name = namer.name(prefix);
        pool.byJson.set(text, name);
        const shape = Object.keys(obj).join('\u0000');
        let group = byShape.get(shape);
        if (!group) {
          group = { column: col, names: [], values: [] };
          byShape.set(shape, group);
          pool.groups.push(group);
        }
        group.names.push(name);
        group.values.push(obj);
      });
    }
  }
  return pool;
}

/** A column's objects are named wholesale when distinct ones are at most this share of all occurrences. */
const REPEAT_SHARE = 0.7;

function total(counts: ReadonlyMap<string, number>): number {
  let t = 0;
  for (const c of counts.values()) t += c;
  return t;
}

/** Occurrence counts of a column's objects (by compact JSON) when some big-enough object repeats, else undefined. */
function repeats(col: Column, rows: readonly number[], json: JsonText): Map<string, number> | undefined {
  const counts = new Map<string, number>();
  let total = 0;
  let chars = 0;
  let repeated = false;
  for (const r of rows) {
    forEachObject(col.values[r], (obj) => {
      const text = json.of(obj);
      const c = (counts.get(text) ?? 0) + 1;
      counts.set(text, c);
      if (c > 1 && text.length >= MIN_REF_CHARS) repeated = true;
      total++;
      chars += text.length;
    });
  }
  return repeated && total >= 2 && chars / total >= MIN_REF_CHARS ? counts : undefined;
}

/** Calls fn for an object cell, or for each object element of an array cell. */
function forEachObject(v: Json | undefined, fn: (obj: JsonObject) => void): void {
  if (isObject(v)) fn(v);
  else if (Array.isArray(v)) for (const e of v) if (isObject(e)) fn(e);
}

/** `user` → `u`, `labels` → `l`; names stay short and hint at what they stand for. */
function refPrefix(leaf: string): string {
  const m = /[a-z]/i.exec(leaf);
  return m ? m[0].toLowerCase() : 'r';
}

/**
 * A cell with pooled objects replaced by their names: `@u1`, or `[@l1,@l2]` for an array. Undefined when the cell
 * holds no pooled object (the caller renders it as usual).
 */
export function refCellText(v: Json, pool: RefPool, json: JsonText): string | undefined {
  if (pool.byJson.size === 0) return undefined;
  if (isObject(v)) return pool.byJson.get(json.of(v));
  if (!Array.isArray(v) || !v.some(isObject)) return undefined;
  let pooled = false;
  const parts = v.map((e) => {
    const text = json.of(e);
    const name = isObject(e) ? pool.byJson.get(text) : undefined;
    if (name) pooled = true;
    return name ?? text;
  });
  return pooled ? `[${parts.join(',')}]` : undefined;
}
