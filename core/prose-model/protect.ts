import { ERROR_RE, WARN_RE } from '../router/signals.js';
import { MARKER_RE } from '../ccr/marker.js';
import type { Words } from './words.js';

/**
 * Words no model may drop, whatever it scores them: numbers, paths, identifiers, URLs, code (fenced, indented and
 * `inline`), quoted strings, **bold** spans, negations, units after numbers, the query's terms, headings, table rows,
 * list markers, short list items, CCR markers, and error/warning lines — an error line of up to 400 characters stays
 * whole, because core/guard.ts rejects any output that lost one. Returns one flag per word. Every regex is anchored or
 * runs on one word or one line: linear on any input.
 */
export function protectedWords(text: string, words: Words, queryTerms: readonly string[]): Uint8Array {
  const marks = new Uint8Array(text.length);
  markLines(text, marks);
  const out = new Uint8Array(words.count);
  const terms = queryTerms.map((t) => t.toLowerCase());
  for (let i = 0; i < words.count; i++) {
    const s = words.start[i];
    const e = words.end[i];
    let hit = false;
    for (let k = s; k < e && !hit; k++) hit = marks[k] === 1;
    if (!hit) hit = isProtectedToken(text.slice(s, e), terms);
    out[i] = hit ? 1 : 0;
  }
  // a quantity is its number and its unit: "14 days", "30 seconds" lose their meaning without the word
  for (let i = 0; i + 1 < words.count; i++) {
    if (out[i + 1] || !NUMBER_END_RE.test(text.slice(words.start[i], words.end[i]))) continue;
    const next = text.slice(words.start[i + 1], words.end[i + 1]);
    if (UNIT_RE.test(next) && !NOT_UNITS.has(next.replace(/[.,;:)]$/, '').toLowerCase())) out[i + 1] = 1;
  }
  return out;
}

/** A word ending in a digit (no sentence end after it), and a short word that can be its unit. */
const NUMBER_END_RE = /\d[%)]?$/;
const UNIT_RE = /^[A-Za-z%µ]{1,12}[.,;:)]?$/;
/** Words that follow numbers without being their unit ("port 8080 by default", "version 2 and later"). */
const NOT_UNITS = new Set(
  (
    'a an and or but nor the to of in on at by for from with as is are was were be if then than so that this it its ' +
    'into onto per via'
  ).split(' '),
);

/** Lines longer than this are paragraphs: only the sentence with the error is kept whole (the guard skips them too). */
const GUARD_LINE_MAX = 400;
const FENCE_RE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING_RE = /^ {0,3}#{1,6}(?:\s|$)/;
const SETEXT_RE = /^ {0,3}(?:=+|-+)\s*$/;
const TABLE_RE = /^\s*\|/;
const LINK_DEF_RE = /^ {0,3}\[[^\]\n]{1,200}\]:\s*\S/;
const HTML_LINE_RE = /^\s*<\/?[A-Za-z!]/;
/** A line of running text: four words or more, starting with a word (not a badge, a tag or a bullet). */
const OPENING_RE = /^\s*[*_"“(]*[\p{L}\p{N}][^\s]*(?:\s+\S+){3}/u;
const LINK_RE = /!?\[[^\]\n]{1,120}\]\([^)\s]{1,400}\)/g;
const EMPHASIS_RE = /\*\*[^*\n]{1,120}\*\*|__[^_\n]{1,120}__/g;
const LIST_MARKER_RE = /^\s*(?:[-*+•]|\d{1,9}[.)])(?=\s)/;

function markLines(text: string, marks: Uint8Array): void {
  const baseline = proseIndent(text);
  const laterFences = fenceCounter(text);
  let fence: string | null = null;
  let prevStart = -1;
  let prevBlank = true;
  let prevColon = false;
  let opened = false;
  let code = false;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const line = text.slice(start, end);
    const blank = line.trim() === '';
    const f = FENCE_RE.exec(line);
    if (f) laterFences.passed(f[1][0]);
    let whole = false;
    if (fence !== null) {
      whole = true;
      if (f && f[1][0] === fence[0] && f[1].length >= fence.length) fence = null;
    } else if (f) {
      whole = true;
      // a fence that never closes is a plain-text underline ("~~~~~~" under a title), not the start of code
      if (laterFences.remaining(f[1][0]) > 0) fence = f[1];
    } else if (!blank) {
      // indented code starts after a blank line or a line ending in ":" and runs on while indented; deeper
      // indentation inside a paragraph or list item is just its continuation
      const deep = indentOf(line) >= baseline + 4;
      code = deep && (code || prevBlank || prevColon);
      whole =
        code ||
        HEADING_RE.test(line) ||
        TABLE_RE.test(line) ||
        LINK_DEF_RE.test(line) ||
        HTML_LINE_RE.test(line) ||
        shortListItem(line) ||
        (line.length <= GUARD_LINE_MAX && (ERROR_RE.test(line) || WARN_RE.test(line)));
      if (!whole && !prevBlank && SETEXT_RE.test(line)) {
        whole = true;
        marks.fill(1, prevStart, start); // the underlined line is the heading
      }
    }
    if (whole) marks.fill(1, start, end);
    else if (!blank) {
      markInLine(text, start, end, marks);
      if (!opened && OPENING_RE.test(line)) {
        // the first sentence of running text usually says what the whole document is ("X is a Y that does Z")
        opened = true;
        const m = /[.!?][*_"”')\]]*(?=\s|$)/.exec(line);
        marks.fill(1, start, m ? start + m.index + m[0].length : end);
      }
    }
    prevStart = start;
    prevBlank = blank;
    if (!blank) prevColon = line.trimEnd().endsWith(':');
    if (blank && !code) prevColon = false;
    start = end + 1;
  }
}

/** Counts fence-like lines per fence character, so an opener can tell whether any could still close it. */
function fenceCounter(text: string): { passed(ch: string): void; remaining(ch: string): number } {
  const left = { '`': 0, '~': 0 } as Record<string, number>;
  for (const m of text.matchAll(/^ {0,3}(`{3,}|~{3,})/gm)) left[m[1][0]]++;
  return { passed: (ch) => void left[ch]--, remaining: (ch) => left[ch] };
}

/** Inline code, quoted strings, list markers, and the sentence around an error word in a long line. */
function markInLine(text: string, start: number, end: number, marks: Uint8Array): void {
  const line = text.slice(start, end);
  const marker = LIST_MARKER_RE.exec(line);
  if (marker) marks.fill(1, start, start + marker[0].length);
  markPairs(line, start, marks, '`', '`', 400);
  markPairs(line, start, marks, '"', '"', 200);
  markPairs(line, start, marks, '“', '”', 200);
  markPairs(line, start, marks, '‘', '’', 200);
  markSingleQuoted(line, start, marks);
  // **bold** and __bold__: what the author marked as what matters ("**doesn't persist the changes**")
  for (const m of line.matchAll(EMPHASIS_RE)) marks.fill(1, start + m.index, start + m.index + m[0].length);
  // a markdown link's text is usually a name ("[GitHub Discussions](https://…)"): keep the link whole
  for (const m of line.matchAll(LINK_RE)) marks.fill(1, start + m.index, start + m.index + m[0].length);
  // a marker of an earlier stage (the extractive selection before the model) must stay redeemable
  for (const m of line.matchAll(MARKER_RE)) marks.fill(1, start + m.index, start + m.index + m[0].length);
  if (line.length > GUARD_LINE_MAX) {
    for (const re of [ERROR_RE, WARN_RE]) {
      const m = re.exec(line);
      if (!m) continue;
      const from = Math.max(line.lastIndexOf('. ', m.index) + 1, 0);
      let to = line.indexOf('. ', m.index);
      if (to === -1) to = line.length;
      marks.fill(1, start + from, start + to + 1);
    }
  }
}

/** Marks `open … close` spans (both quotes included) no longer than `max`; an unclosed quote marks nothing. */
function markPairs(line: string, offset: number, marks: Uint8Array, open: string, close: string, max: number): void {
  let at = line.indexOf(open);
  while (at !== -1) {
    const to = line.indexOf(close, at + 1);
    if (to === -1) return;
    if (to - at <= max) marks.fill(1, offset + at, offset + to + 1);
    at = line.indexOf(open, to + 1);
  }
}

/**
 * 'quoted' with ASCII apostrophes: opens after a space or bracket, closes before a space or punctuation (not "don't").
 */
function markSingleQuoted(line: string, offset: number, marks: Uint8Array): void {
  for (const m of line.matchAll(/(?:^|[\s(\[{])'(?=\S)/g)) {
    const open = m.index + m[0].length - 1;
    const limit = Math.min(line.length, open + 120);
    for (let k = open + 1; k < limit; k++) {
      if (line[k] !== "'" || /\s/.test(line[k - 1])) continue;
      const next = line[k + 1];
      if (next === undefined || /[\s.,;:!?)\]}]/.test(next)) {
        marks.fill(1, offset + open, offset + k + 1);
        break;
      }
    }
  }
}

const EDGE_PUNCT_RE = /^[("'“‘\[{<*_]+|[)"'”’\]}>*_.,;:!?]+$/g;
const IDENT_RE = /[a-z][A-Z]|_|::|->|=>|[$#=<>{}[\]@\\/~|^%&]|\(\)|^--?[A-Za-z]|[A-Za-z]\.[A-Za-z]/;
const ACRONYM_RE = /^[A-Z][A-Z0-9]+s?$/;
const NEGATION_RE = /^(?:not|no|never|none|nothing|neither|nor|cannot|without)$|n['’]t$/i;

/** Longer "words" are URLs, paths, hashes or blobs, never prose (and the regexes below stay on short strings). */
const MAX_PROSE_WORD = 64;

function isProtectedToken(word: string, terms: readonly string[]): boolean {
  if (word.length > MAX_PROSE_WORD) return true;
  if (/\d/.test(word)) return true; // numbers, versions, dates, sizes, ids
  if (/:\/\/|^\W*www\./i.test(word)) return true; // URLs
  const core = word.replace(EDGE_PUNCT_RE, '');
  if (core.length === 0) return false;
  if (IDENT_RE.test(core) || ACRONYM_RE.test(core)) return true; // identifiers, paths, options, acronyms
  if (NEGATION_RE.test(core)) return true; // dropping "not" turns a sentence into its opposite
  if (terms.length === 0) return false;
  const lower = core.toLowerCase();
  for (const t of terms) if (t.length >= 4 ? lower.includes(t) : lower === t) return true;
  return false;
}

/** Words at most in a bullet that is kept whole: "- Fine-grained control over connection pooling" is already terse. */
const SHORT_ITEM_WORDS = 8;

/** A one-line list item of a few words (feature lists, option lists): dropping any word changes what it says. */
function shortListItem(line: string): boolean {
  const m = LIST_MARKER_RE.exec(line);
  if (!m) return false;
  const words = line.slice(m[0].length).trim().split(/\s+/);
  return words.length > 0 && words.length <= SHORT_ITEM_WORDS;
}

function indentOf(line: string): number {
  let n = 0;
  for (const ch of line) {
    if (ch === ' ') n++;
    else if (ch === '\t') n += 4;
    else break;
  }
  return n;
}

/**
 * The indentation of the document's running prose: the most common indent of lines that read like sentences
 * (a letter first, 40+ characters, several spaces). Plain-text docs (Debian READMEs) indent every paragraph by 4;
 * only lines indented past that are code or tables.
 */
function proseIndent(text: string): number {
  const counts = new Map<number, number>();
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    const indent = indentOf(line);
    const body = line.slice(0, 200).trimStart();
    if (body.length < 40 || !/^[A-Za-z]/.test(body) || (body.match(/ /g)?.length ?? 0) < 5) continue;
    counts.set(indent, (counts.get(indent) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = 0;
  for (const [indent, n] of counts)
    if (n > bestCount || (n === bestCount && indent < best)) [best, bestCount] = [indent, n];
  return best;
}
