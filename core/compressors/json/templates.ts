import type { Column } from './columns.js';
import { MIN_FACTOR_ROWS, MAX_ERROR_STRING } from './limits.js';
import { ERROR_RE } from '../../router/signals.js';

/** A string column rebuilt from other columns of the same row: `html_url = https://github.com/o/r/issues/{number}`. */
export interface Derived {
  column: Column;
  /** Literal text and source columns, in order. */
  parts: Array<string | Column>;
}

interface Match {
  source: Column;
  start: number;
  length: number;
}

const MAX_OCCURRENCES = 4;
const MAX_ATTEMPTS = 6;

/**
 * Finds columns whose every value is a template over other columns' values (GitHub's `url`, `html_url`,
 * `comments_url`, …; `avatar_url` from `id`). A derived column is dropped from the table; its template is exact for
 * every row, so nothing is lost. Sources are never themselves derived at decision time, so chains stay acyclic.
 */
export function derivedColumns(columns: readonly Column[], n: number, constants: ReadonlySet<Column>): Derived[] {
  const out: Derived[] = [];
  if (n < MIN_FACTOR_ROWS) return out;
  const derived = new Set<Column>();
  const names = new Set(columns.map((c) => c.name));
  const sources = columns.filter(
    (c) => !constants.has(c) && !c.name.includes('{') && !c.name.includes('}') && isSourceColumn(c),
  );
  for (const col of columns) {
    if (constants.has(col) || !isStringColumn(col)) continue;
    const usable = sources.filter((s) => s !== col && !derived.has(s));
    const parts = findTemplate(col, usable, names);
    if (!parts) continue;
    // the pipeline's guard wants every error-looking string verbatim; a derived one would read as lost
    if (col.values.some((v) => (v as string).length <= MAX_ERROR_STRING && ERROR_RE.test(v as string))) continue;
    derived.add(col);
    out.push({ column: col, parts });
  }
  return out;
}

function isStringColumn(col: Column): boolean {
  for (const v of col.values) if (typeof v !== 'string') return false;
  return (col.values[0] as string).length >= 2;
}

function isSourceColumn(col: Column): boolean {
  for (const v of col.values) if (typeof v !== 'string' && typeof v !== 'number') return false;
  return true;
}

function findTemplate(
  col: Column,
  sources: readonly Column[],
  names: ReadonlySet<string>,
): Array<string | Column> | null {
  const v0 = col.values[0] as string;
  const matches: Match[] = [];
  for (const source of sources) {
    const s = String(source.values[0]);
    if (s.length === 0 || s.length > v0.length) continue;
    let at = v0.indexOf(s);
    for (let k = 0; at >= 0 && k < MAX_OCCURRENCES; k++) {
      matches.push({ source, start: at, length: s.length });
      at = v0.indexOf(s, at + s.length);
    }
  }
  if (matches.length === 0) return null;
  // longest first: "1347" should claim its place before a coincidental "1" from another column
  matches.sort((a, b) => b.length - a.length || a.start - b.start);
  let chosen = nonOverlapping(matches);
  for (let attempt = 0; attempt < MAX_ATTEMPTS && chosen.length > 0; attempt++) {
    const parts = toParts(v0, chosen);
    if (literalsUnambiguous(parts, names) && holdsForAll(col, parts)) return parts;
    chosen = chosen.slice(0, -1); // drop the shortest (least convincing) match and try again
  }
  return null;
}

function nonOverlapping(sorted: readonly Match[]): Match[] {
  const out: Match[] = [];
  for (const m of sorted) {
    if (out.some((o) => m.start < o.start + o.length && o.start < m.start + m.length)) continue;
    out.push(m);
  }
  return out;
}

function toParts(v0: string, chosen: readonly Match[]): Array<string | Column> {
  const byPos = [...chosen].sort((a, b) => a.start - b.start);
  const parts: Array<string | Column> = [];
  let pos = 0;
  for (const m of byPos) {
    if (m.start > pos) parts.push(v0.slice(pos, m.start));
    parts.push(m.source);
    pos = m.start + m.length;
  }
  if (pos < v0.length) parts.push(v0.slice(pos));
  return parts;
}

/** A literal `{name}` that names a column would read as a placeholder (GitHub's own `{/name}` is fine). */
function literalsUnambiguous(parts: ReadonlyArray<string | Column>, names: ReadonlySet<string>): boolean {
  for (const p of parts) {
    if (typeof p !== 'string' || !p.includes('{')) continue;
    for (const m of p.matchAll(/\{([^{}]*)\}/g)) if (names.has(m[1])) return false;
  }
  return true;
}

function holdsForAll(col: Column, parts: ReadonlyArray<string | Column>): boolean {
  const vs = col.values;
  for (let r = 1; r < vs.length; r++) {
    let s = '';
    for (const p of parts) s += typeof p === 'string' ? p : String(p.values[r]);
    if (s !== vs[r]) return false;
  }
  return true;
}

/** The template as shown: literal text with `{column}` placeholders. */
export function templateText(d: Derived): string {
  let s = '';
  for (const p of d.parts) s += typeof p === 'string' ? p : `{${p.name}}`;
  return s;
}
