/**
 * Identifier columns: what a reader calls the rows by (a path, a name, an issue number and its title, a login).
 * When the lossy pass drops rows, their identifiers are still listed in the marker that stands for them, because
 * "which files call X" or "which issues mention Y" needs the whole list, not a sample; the bulky cells (fragments,
 * bodies, shas, URLs) are what stays behind the marker.
 */
import type { Column } from './columns.js';
import { looksLikePath } from '../../router/path-role.js';
import { foldPaths } from '../../router/path-fold.js';

/** Values must be distinct in this share of the rows (a name, not a category; one path may be in two repositories). */
const DISTINCT_SHARE = 0.8;
/** Short: an identifier is read at a glance. */
const MAX_AVG = 60;
const MAX_ONE = 120;
/** At most this many characters of identifiers per table, over all its markers (≈ 250 tokens). */
const ID_BUDGET = 1000;
const URL_RE = /^[a-z][a-z0-9+.-]*:\/\//i;
const DIGITS_RE = /^\d+$/;
const SAMPLE = 8;
const MAX_NUMBER_DIGITS = 6;
const TIME_RE = /^\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d)?/;
const PATHISH_RE = /[/\\]|\.[A-Za-z]\w{0,5}$/;

/**
 * Up to two identifier columns among a table's columns (opaque ones already set aside), best first: a path or name
 * (no spaces), then a short label with spaces (a title). Numbers qualify (an issue number) but rank after names.
 */
export function identifierColumns(body: readonly Column[]): Column[] {
  const scored: Array<{ col: Column; rank: number; chars: number }> = [];
  for (const col of body) {
    const rank = identifierRank(col);
    if (rank > 0) scored.push({ col, rank, chars: textLength(col) });
  }
  // the better kind first; among equals the shorter (an issue's `number` before its 10-digit `id`)
  scored.sort((a, b) => b.rank - a.rank || a.chars - b.chars);
  const name = scored.find((s) => s.rank >= 2);
  const label = scored.find((s) => s.rank === 1.5);
  const num = scored.find((s) => s.rank === 1);
  const out: Column[] = [];
  if (name) out.push(name.col);
  else if (num) out.push(num.col);
  if (label) out.push(label.col);
  return out;
}

function textLength(col: Column): number {
  let n = 0;
  for (const v of col.values) n += String(v).length;
  return n;
}

/** 3: a path; 2: a name without spaces; 1.5: a short label with spaces; 1: a number; 0: not an identifier. */
function identifierRank(col: Column): number {
  if (col.extra) return 0;
  const n = col.values.length;
  const seen = new Set<string>();
  let chars = 0;
  let strings = 0;
  let numbers = 0;
  let spaced = 0;
  let paths = 0;
  for (const v of col.values) {
    // numbers (and numbers in strings) name rows when they are short: an issue number, not a 10-digit database id
    if (typeof v === 'number' || (typeof v === 'string' && DIGITS_RE.test(v))) {
      const text = String(v);
      if (!DIGITS_RE.test(text) || text.length > MAX_NUMBER_DIGITS) return 0;
      numbers++;
      seen.add(text);
      continue;
    }
    if (typeof v !== 'string' || v.length === 0 || v.length > MAX_ONE || v.includes('\n')) return 0;
    // URLs and times are alike in a column: a sample tells
    if (strings < SAMPLE && (URL_RE.test(v) || TIME_RE.test(v))) return 0;
    strings++;
    chars += v.length;
    seen.add(v);
    if (v.includes(' ')) spaced++;
    if (PATHISH_RE.test(v) && !v.includes(' ')) paths++;
  }
  if (seen.size < DISTINCT_SHARE * n) return 0;
  if (numbers === n) return 1;
  if (strings !== n || chars / n > MAX_AVG) return 0;
  if (spaced > 0) return spaced >= n / 2 ? 1.5 : 0;
  return paths >= 0.8 * n ? 3 : 2;
}

/**
 * A table's identifier budget, shared by its markers in proportion to the rows each stands for, so the last run of
 * dropped rows is named as well as the first.
 */
export interface IdBudget {
  left: number;
  /** Dropped rows not yet named (or passed over). */
  rowsLeft: number;
}

export function idBudget(droppedRows: number): IdBudget {
  return { left: ID_BUDGET, rowsLeft: droppedRows };
}

/** Lists longer than this are worth folding (paths sharing all but one segment, runs of numbers). */
const FOLD_MIN = 12;
/** Every marker may use at least this much of the budget. */
const MIN_SHARE = 80;

/**
 * `path: a, b, c` for the given rows (two columns: `number/title: 12 Fix it; 13 Crash`), within this marker's share
 * of the budget. When the labelled list does not fit, the first column alone is tried (`number: 12, 13`); what is
 * left over is `+N more`. Long lists of paths are folded into brace groups, of numbers into ranges. Empty when there
 * are no identifier columns or no budget left.
 */
export function identifierNote(cols: readonly Column[], rows: readonly number[], budget: IdBudget): string {
  if (cols.length === 0 || budget.left <= 0 || rows.length === 0) return '';
  const share = Math.min(
    budget.left,
    Math.max(MIN_SHARE, Math.floor((budget.left * rows.length) / Math.max(rows.length, budget.rowsLeft))),
  );
  budget.rowsLeft -= rows.length;
  let note = listWithin(cols, rows, share);
  if (cols.length > 1 && note.cut) {
    const plain = listWithin(cols.slice(0, 1), rows, share);
    if (plain.shown > note.shown) note = plain;
  }
  budget.left -= note.text.length;
  return note.text;
}

function listWithin(
  cols: readonly Column[],
  rows: readonly number[],
  limit: number,
): { text: string; shown: number; cut: boolean } {
  const name = cols.map((c) => c.leaf).join('/');
  const sep = cols.length > 1 ? '; ' : ', ';
  let items: string[];
  if (
    cols.length === 1 &&
    rows.length > FOLD_MIN &&
    rows.every((r) => typeof cols[0].values[r] === 'string' && looksLikePath(cols[0].values[r] as string))
  ) {
    items = foldPaths(rows.map((r) => cols[0].values[r] as string));
  } else if (
    cols.length === 1 &&
    rows.length > FOLD_MIN &&
    rows.every((r) => DIGITS_RE.test(String(cols[0].values[r])))
  ) {
    items = numberRanges(rows.map((r) => Number(cols[0].values[r])));
  } else {
    items = rows.map((r) => cols.map((c) => String(c.values[r])).join(' '));
  }
  const shown: string[] = [];
  let used = name.length + 2;
  for (const raw of items) {
    const item = clean(raw);
    if (used + item.length + sep.length > limit) break;
    shown.push(item);
    used += item.length + sep.length;
  }
  if (shown.length === 0) return { text: '', shown: 0, cut: items.length > 0 };
  const more = items.length - shown.length;
  return {
    text: `${name}: ${shown.join(sep)}${more > 0 ? ` (+${more} more)` : ''}`,
    shown: shown.length,
    cut: more > 0,
  };
}

/** A category names a kind of row in a word or two (`Started`, `BackOff`, `open`): no longer than this. */
const MAX_CATEGORY = 40;

/**
 * For rows without identifiers (events, log records), the column that best says what kind each row is: strings, at
 * most one distinct value per two rows and at least three, short; the one with the most distinct values (`reason`
 * over `type`). Dropped rows are then described by how many of each kind they hold.
 */
export function categoryColumn(body: readonly Column[]): Column | undefined {
  let best: Column | undefined;
  let bestKinds = 2;
  for (const col of body) {
    if (col.extra) continue;
    const kinds = new Set<string>();
    let ok = true;
    for (const v of col.values) {
      if (typeof v !== 'string' || v.length === 0 || v.length > MAX_CATEGORY || v.includes('\n')) {
        ok = false;
        break;
      }
      kinds.add(v);
      if (kinds.size * 2 > col.values.length) {
        ok = false;
        break;
      }
    }
    if (ok && kinds.size > bestKinds) {
      best = col;
      bestKinds = kinds.size;
    }
  }
  return best;
}

/** `reason: Started ×4, Pulled ×2, BackOff` for the given rows, most frequent first, within the budget. */
export function categoryNote(col: Column, rows: readonly number[], budget: IdBudget): string {
  if (budget.left <= 0 || rows.length === 0) return '';
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(String(col.values[r]), (counts.get(String(col.values[r])) ?? 0) + 1);
  // most frequent first; ties in order of first appearance (Map order is insertion order)
  const items = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([v, c]) => clean(c > 1 ? `${v} ×${c}` : v));
  const share = Math.min(
    budget.left,
    Math.max(MIN_SHARE, Math.floor((budget.left * rows.length) / Math.max(rows.length, budget.rowsLeft))),
  );
  budget.rowsLeft -= rows.length;
  const shown: string[] = [];
  let used = col.leaf.length + 2;
  for (const item of items) {
    if (used + item.length + 2 > share) break;
    shown.push(item);
    used += item.length + 2;
  }
  if (shown.length === 0) return '';
  budget.left -= used;
  const more = items.length - shown.length;
  return `${col.leaf}: ${shown.join(', ')}${more > 0 ? `, +${more} more` : ''}`;
}

/** `2190–2195, 2199, 2201–2203`, ascending. */
function numberRanges(xs: readonly number[]): string[] {
  const sorted = [...new Set(xs)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    const first = sorted[i];
    const last = sorted[j];
    out.push(j > i + 1 ? `${first}–${last}` : j === i + 1 ? `${first}, ${last}` : String(first));
    i = j + 1;
  }
  return out;
}

/** Marker notes are one line and end at ` · retrieve`: no line breaks or middle dots inside. */
function clean(s: string): string {
  return s.replace(/[\r\n·]+/g, ' ');
}
