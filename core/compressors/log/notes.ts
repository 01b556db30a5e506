/**
 * The short description inside a marker: which templates a dropped run holds, how many of each, the time span and
 * the ranges of their varying numbers, e.g.
 * `"GET /api/users/<n> 200 in <n>ms" ×312, 09:00:01–09:14:55, <n>ms 3–94`.
 * Runs of unrelated lines are summarised by their leading words instead (`"npm http fetch …" ×60`).
 */
import type { Templates } from './templates.js';
import { displayTemplate, fieldKinds, fieldValue } from './templates.js';
import { shapeOf, withoutTimes } from './shape.js';
import { SIG_ERROR, SIG_WARN } from './line-signals.js';
import { displayWithout, inWorkerColumn, type NoteStyle } from './furniture.js';

const NOTE_MAX = 260;
const TEMPLATE_SHOWN = 72;
/** A numeric field with at most this many distinct values in a group is shown as their set. */
const MAX_SET = 4;
/** When its three biggest templates cover this share of a run they describe it; otherwise leading words do. */
const DOMINANT_SHARE = 0.5;

interface Group {
  key: string;
  count: number;
  first: number;
  rows: number[];
  /** The lines are errors or warnings: named before any other kind, however few. */
  diagnostic: boolean;
}

/** What the keep rules know about each line that the notes use. */
export interface LineFacts {
  /** 1 for a stack frame, 2 for a frame of a trace repeating an earlier one. */
  frame: Uint8Array;
  sig: Uint8Array;
  /** Kind of each template id (templates differing only in a worker column are one kind). */
  kindOf: Int32Array;
}

export function describeRun(
  lines: readonly string[],
  from: number,
  to: number,
  t: Templates,
  facts: LineFacts,
  style: NoteStyle,
): string {
  const { frame, sig, kindOf } = facts;
  let frames = 0;
  let repeats = 0;
  for (let i = from; i < to; i++) {
    if (frame[i]) frames++;
    if (frame[i] === 2) repeats++;
  }
  if (frames === to - from)
    return repeats === frames ? 'stack frames repeating a trace shown above' : 'middle stack frames';
  const lead = repeats > 0 ? [`${repeats} stack frame${repeats === 1 ? '' : 's'} repeating a trace shown above`] : [];

  const byId = new Map<number, Group>();
  let content = 0;
  for (let i = from; i < to; i++) {
    if (lines[i].trim() === '' || frame[i] === 2) continue;
    content++;
    const id = kindOf[t.ids[i]];
    let g = byId.get(id);
    if (!g)
      byId.set(
        id,
        (g = {
          key: t.keys[t.ids[i]],
          count: 0,
          first: i,
          rows: [],
          diagnostic: (sig[i] & (SIG_ERROR | SIG_WARN)) !== 0,
        }),
      );
    g.count++;
    g.rows.push(i);
  }
  if (content === 0) return lead[0] ?? 'blank lines';
  // errors and warnings hidden in a run are named first: a reader must learn they are there
  const groups = [...byId.values()].sort(
    (a, b) => Number(b.diagnostic) - Number(a.diagnostic) || b.count - a.count || a.first - b.first,
  );
  const parts: string[] = [...lead];
  const top = groups.slice(0, 3).filter((g) => g.count >= 2 || g.diagnostic);
  const diagnostics = top.filter((g) => g.diagnostic).reduce((sum, g) => sum + g.count, 0);
  if (top.length && (diagnostics > 0 || top.reduce((sum, g) => sum + g.count, 0) >= content * DOMINANT_SHARE)) {
    parts.push(describeTemplate(top[0], t, style));
    for (const g of top.slice(1)) parts.push(`${quote(shown(groupDisplay(g, t, style)))} ×${g.count}`);
    const rest = groups.length - top.length;
    if (rest > 0) parts.push(`+${rest} other kind${rest === 1 ? '' : 's'}`);
  } else {
    parts.push(...byLeadingWords(groups));
  }
  return fit(parts);
}

/**
 * `"template" ×count, first–last time, <token> min–max`. A field with one value shows as that value, a number with
 * a few values as their set (`{200,304,404}`); the others get their ranges.
 */
function describeTemplate(g: Group, t: Templates, style: NoteStyle): string {
  const kinds = fieldKinds(g.key);
  const shownAs = fieldDisplays(g, t, kinds);
  const out = [`${quote(shown(displayWithout(g.key, style, (s) => shownAs[s])))} ×${g.count}`];
  const span = timeSpan(g.rows, kinds, t);
  if (span) out.push(span);
  let ranges = 0;
  for (let s = 0; s < kinds.length && ranges < 2; s++) {
    // `m_<n>`, `job_<n>`: an id with a prefix; its range says nothing
    if (kinds[s] !== 'n' || shownAs[s] !== undefined || prefixedId(g.key, s) || inWorkerColumn(g.key, s)) continue;
    let min = Infinity;
    let max = -Infinity;
    for (const r of g.rows) {
      const v = Number(fieldValue(t, r, s));
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (!(min < max)) continue;
    out.push(`${slotToken(g.key, s)} ${min}–${max}`);
    ranges++;
  }
  return out.join(', ');
}

function fieldDisplays(g: Group, t: Templates, kinds: string[]): (string | undefined)[] {
  return kinds.map((kind, s) => (kind === 'ts' ? undefined : fewValues(g.rows, s, t, kind === 'n' ? MAX_SET : 1)));
}

function groupDisplay(g: Group, t: Templates, style: NoteStyle): string {
  const shownAs = fieldDisplays(g, t, fieldKinds(g.key));
  return displayWithout(g.key, style, (s) => shownAs[s]);
}

/** Field `slot` of a template key comes right after `_` (a prefixed id such as `m_4821`). */
function prefixedId(key: string, slot: number): boolean {
  let pos = -1;
  for (let k = 0; k <= slot; k++) {
    pos = key.indexOf('\u0001', pos + 1);
    if (pos < 0) return false;
  }
  return pos > 0 && key[pos - 1] === '_';
}

/** A field's value when it has one, `{a,b,c}` when it has at most `max` (numbers), else undefined. */
function fewValues(rows: number[], slot: number, t: Templates, max: number): string | undefined {
  const seen = new Set<string>();
  for (const r of rows) {
    seen.add(fieldValue(t, r, slot) ?? '');
    if (seen.size > max) return undefined;
  }
  if (seen.size === 1) return [...seen][0];
  return `{${[...seen].sort((a, b) => Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0)).join(',')}}`;
}

function timeSpan(rows: number[], kinds: string[], t: Templates): string | undefined {
  const slot = kinds.indexOf('ts');
  if (slot < 0) return undefined;
  const a = fieldValue(t, rows[0], slot);
  const b = fieldValue(t, rows[rows.length - 1], slot);
  if (!a || !b) return undefined;
  let x = shortTime(a, b, false);
  let y = shortTime(b, a, false);
  // a burst within one second reads better with its fractions than as "04:37:57–04:37:57"
  if (x === y) [x, y] = [shortTime(a, b, true), shortTime(b, a, true)];
  return x === y ? x : `${x}–${y}`;
}

/**
 * A timestamp without its date when both ends share it: `09:00:01` rather than `2024-05-01T09:00:01.123Z` (any
 * format: ISO, syslog, `01/May/2024:10:20:00 +0000`).
 */
function shortTime(v: string, other: string, fraction: boolean): string {
  const a = TIME_RE.exec(v);
  const b = TIME_RE.exec(other);
  if (!a || !b || v.slice(0, a.index) !== other.slice(0, b.index)) return v;
  return fraction ? a[0] : a[0].replace(/[.,]\d+$/, '');
}

const TIME_RE = /(?<!\d)\d\d:\d\d(?::\d\d)?(?:[.,]\d+)?/;

/** The whitespace-delimited word of the template that holds field `slot`, e.g. `/api/users/<n>` or `<n>ms`. */
function slotToken(key: string, slot: number): string {
  let pos = -1;
  for (let k = 0; k <= slot; k++) {
    pos = key.indexOf('\u0001', pos + 1);
    if (pos < 0) return '<n>';
  }
  let a = pos;
  while (a > 0 && !/\s/.test(key[a - 1])) a--;
  let b = pos + 2;
  while (b < key.length && !/\s/.test(key[b])) b++;
  // a bare number says more with the word before it: `job <n>`, `in <n>` (unless that word is a field too)
  if (b - a === 2 && a > 0) {
    let p = a - 1;
    while (p > 0 && /\s/.test(key[p - 1])) p--;
    while (p > 0 && !/\s/.test(key[p - 1])) p--;
    if (!key.slice(p, a).includes('\u0001')) a = p;
  }
  const token = displayTemplate(key.slice(a, b))
    .replace(/[,;:]+$/, '')
    .replace(/\s+/g, ' ');
  return token.length > 40 ? '<n>' : token;
}

/**
 * Groups unrelated lines by their leading plain words (up to three, timestamps aside), stopping at the first word with
 * digits, placeholders or punctuation, which is where lines of one kind start to differ: `"status unpacked …" ×60`.
 */
function byLeadingWords(groups: Group[]): string[] {
  const lead = new Map<string, { count: number; first: number }>();
  for (const g of groups) {
    const k = shapeOf(g.key);
    const e = lead.get(k);
    if (e) e.count += g.count;
    else lead.set(k, { count: g.count, first: g.first });
  }
  const sorted = [...lead.entries()].sort((a, b) => b[1].count - a[1].count || a[1].first - b[1].first);
  const parts = sorted.slice(0, 3).map(([k, e]) => `${quote(k)} ×${e.count}`);
  const rest = sorted.length - 3;
  if (rest > 0) parts.push(`+${rest} other kind${rest === 1 ? '' : 's'}`);
  return parts;
}

/** A displayed template, timestamps dropped (the span says when), length bounded. */
function shown(display: string): string {
  const s = withoutTimes(display);
  return s.length > TEMPLATE_SHOWN ? s.slice(0, TEMPLATE_SHOWN) + '…' : s;
}

function quote(s: string): string {
  return `"${s}"`;
}

function fit(parts: string[]): string {
  let note = '';
  for (const p of parts) {
    const next = note ? `${note}; ${p}` : p;
    if (next.length > NOTE_MAX) break;
    note = next;
  }
  return note || parts[0].slice(0, NOTE_MAX);
}
